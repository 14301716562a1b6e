import { Controller, Get, Header, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HocbaConfig } from '@hocba/config';
import { PAGE_HEADERS } from '@hocba/http-headers';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The web app (apps/web, built by `npm run build` into HOCBA_WEB_DIR): its page at / and its
 * assets, whose names carry their hash and are cached for good. Files are read once and kept,
 * gzipped too, in memory (a few hundred kilobytes).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly files = new Map<string, Promise<{ raw: Buffer; gzip: Buffer }>>();

  constructor(private readonly config: HocbaConfig) {}

  @Get()
  @Header('cache-control', 'no-cache')
  async page(
    @Headers('accept-encoding') encoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // The page and the scripts it loads: nothing from elsewhere, no framing; as the server's own pages.
    reply.type('text/html; charset=utf-8').headers(PAGE_HEADERS);
    return this.send('index.html', encoding, reply);
  }

  /** The site's icon (apps/web/public/favicon.svg), for the web app and the server's own pages (/v, /l). */
  @Get('favicon.svg')
  @Header('cache-control', 'public, max-age=86400')
  @Header('x-content-type-options', 'nosniff')
  async icon(
    @Headers('accept-encoding') encoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    reply.type(TYPES['.svg']);
    return this.send('favicon.svg', encoding, reply);
  }

  @Get('assets/:file')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  @Header('x-content-type-options', 'nosniff')
  async asset(
    @Param('file') file: string,
    @Headers('accept-encoding') encoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // Names Vite gives (index-3f2a9c.js): anything else, a path included, is not ours.
    if (!/^[\w.-]+$/.test(file) || !TYPES[extname(file)]) throw new NotFoundException('No such file');
    reply.type(TYPES[extname(file)]);
    return this.send(join('assets', file), encoding, reply);
  }

  private async send(name: string, encoding: string | undefined, reply: FastifyReply): Promise<Buffer> {
    let file = this.files.get(name);
    if (!file) {
      file = readFile(join(this.config.HOCBA_WEB_DIR, name)).then((raw) => ({ raw, gzip: gzipSync(raw) }));
      this.files.set(name, file);
    }
    try {
      const { raw, gzip } = await file;
      if (/\bgzip\b/.test(encoding ?? '')) {
        reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
        return gzip;
      }
      return raw;
    } catch {
      this.files.delete(name);
      throw new NotFoundException(
        name === 'index.html' ? 'The web app is not built here: run npm run build' : 'No such file',
      );
    }
  }
}
