import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { HocbaConfig } from '@hocba/config';

/**
 * Where certificate PDFs (and cohort ZIPs) are kept, byte for byte, written once under keys the
 * service makes (`2026/HB-2026-000123-<hash>.pdf`, `archives/<job>.zip`).
 */
export abstract class CertificateStore {
  /** Writes the bytes under the key, whole or not at all. */
  abstract put(key: string, bytes: Buffer): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  /** Reads a stored file as a stream (a cohort's ZIP can be large). */
  abstract stream(key: string): Promise<Readable>;
  /** Writes what the stream yields under the key, whole or not at all; answers its size. */
  abstract putStream(key: string, source: NodeJS.ReadableStream): Promise<number>;
  /** Deletes the file (a learner's erasure); nothing happens when it is already gone. */
  abstract remove(key: string): Promise<void>;
}

/** On local disk under HOCBA_DATA_DIR/certificates (a volume shared by the api and worker instances). */
export class LocalCertificateStore extends CertificateStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // A temporary name first, then a rename: a reader never sees half a file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async stream(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path); // a missing file fails here, before a response has started
    return createReadStream(path);
  }

  async putStream(key: string, source: NodeJS.ReadableStream): Promise<number> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await pipeline(source, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, path);
    return (await stat(path)).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys are made by the service; anything climbing out of the root is refused. */
  private pathOf(key: string): string {
    const path = normalize(join(this.root, key));
    if (!path.startsWith(normalize(this.root) + sep)) throw new Error('storage key outside the store');
    return path;
  }
}

/** In an S3-compatible bucket (AWS S3, MinIO, Ceph, a cloud's object storage). */
export class S3CertificateStore extends CertificateStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {
    super();
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    // A PUT is atomic: the object appears whole or not at all.
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: contentType(key),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.body(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  stream(key: string): Promise<Readable> {
    return this.body(key);
  }

  /** A ZIP of unknown length is spooled to a temporary file, then sent with its length in one PUT. */
  async putStream(key: string, source: NodeJS.ReadableStream): Promise<number> {
    const temporary = join(tmpdir(), `hocba-${randomBytes(8).toString('hex')}.part`);
    try {
      await pipeline(source, createWriteStream(temporary, { flags: 'wx' }));
      const { size } = await stat(temporary);
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: createReadStream(temporary),
          ContentLength: size,
          ContentType: contentType(key),
        }),
      );
      return size;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
  }

  private async body(key: string): Promise<Readable> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    return object.Body as Readable;
  }
}

const contentType = (key: string) => (key.endsWith('.zip') ? 'application/zip' : 'application/pdf');

/** The store HOCBA_CERTIFICATE_STORAGE names. */
export function certificateStoreFor(config: HocbaConfig): CertificateStore {
  if (config.HOCBA_CERTIFICATE_STORAGE === 's3') {
    const s3 = new S3Client({
      region: config.HOCBA_S3_REGION,
      endpoint: config.HOCBA_S3_ENDPOINT,
      // MinIO and most self-hosted servers want bucket/key paths, not bucket host names.
      forcePathStyle: config.HOCBA_S3_ENDPOINT !== undefined,
      // Checksums only where S3 requires them: streamed uploads then go as plain bodies, which every
      // S3-compatible server reads (the SDK's default trailer checksums are not understood by all).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      credentials:
        config.HOCBA_S3_ACCESS_KEY_ID && config.HOCBA_S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.HOCBA_S3_ACCESS_KEY_ID, secretAccessKey: config.HOCBA_S3_SECRET_ACCESS_KEY }
          : undefined,
    });
    return new S3CertificateStore(s3, config.HOCBA_S3_BUCKET!, config.HOCBA_S3_PREFIX);
  }
  return new LocalCertificateStore(join(config.HOCBA_DATA_DIR, 'certificates'));
}

export const CERTIFICATE_STORE_PROVIDER = {
  provide: CertificateStore,
  inject: [HocbaConfig],
  useFactory: certificateStoreFor,
};
