import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { HocbaConfig } from '../../config/src';

/**
 * Where certificate PDFs are kept, byte for byte, written once. On local disk under
 * HOCBA_DATA_DIR/certificates (a volume shared by the api and worker instances).
 */
@Injectable()
export class CertificateStore {
  private readonly root: string;

  constructor(config: HocbaConfig) {
    this.root = join(config.HOCBA_DATA_DIR, 'certificates');
  }

  /** Writes the bytes under the key: to a temporary name first, so a reader never sees half a file. */
  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  /** Streams a stored file (a cohort's ZIP can be large). */
  stream(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  /** Writes what the stream yields under the key, as put() does: whole or not at all. */
  async putStream(key: string, source: NodeJS.ReadableStream): Promise<number> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await pipeline(source, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, path);
    return (await stat(path)).size;
  }

  /** Keys are made by the service (year/number-hash.pdf); anything climbing out of the root is refused. */
  private pathOf(key: string): string {
    const path = normalize(join(this.root, key));
    if (!path.startsWith(normalize(this.root) + sep))
      throw new Error('certificate storage key outside the store');
    return path;
  }
}
