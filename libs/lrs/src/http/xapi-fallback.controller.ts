import { All, Controller, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { negotiateVersion } from '@hocba/xapi';
import { LrsError } from '../lrs.errors';

/**
 * Any other path under /xapi. The version rule holds for every xAPI request but /about, so a
 * request without a usable X-Experience-API-Version is a 400 before it is a 404.
 */
@ApiExcludeController()
@Controller('xapi')
export class XapiFallbackController {
  @All('*')
  fallback(@Req() request: FastifyRequest): never {
    const header = request.headers['x-experience-api-version'];
    try {
      negotiateVersion(Array.isArray(header) ? header[0] : header);
    } catch (e) {
      throw new LrsError('lrs.bad_request', (e as Error).message);
    }
    throw new LrsError(
      'lrs.not_found',
      `${request.method} ${request.url.split('?')[0]} is not an xAPI resource this LRS serves`,
    );
  }
}
