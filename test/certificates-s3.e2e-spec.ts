import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import XAPI from '@xapi/xapi';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { binary, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

// s3rver: an S3-compatible server (SigV4, path-style buckets) in a process-local HTTP server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};

/** Certificates kept in an S3-compatible bucket (HOCBA_CERTIFICATE_STORAGE=s3) instead of on disk. */
describe('certificates in S3-compatible storage', () => {
  const HOME = 'https://lms.s3.vn';
  const COURSE = `${HOME}/course/1`;
  const dir = mkdtempSync(join(tmpdir(), 'hocba-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 'bucket') });
  let s3: S3Client;
  let t: TestApp;
  let admin: string;
  const as = () => ({ authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'hocba-test' }));
    ({ t, admin } = await startAdminApp({
      worker: true,
      env: {
        HOCBA_CERTIFICATE_STORAGE: 's3',
        HOCBA_S3_ENDPOINT: endpoint,
        HOCBA_S3_BUCKET: 'hocba-test',
        HOCBA_S3_PREFIX: 'tinh/',
        HOCBA_S3_ACCESS_KEY_ID: 'S3RVER',
        HOCBA_S3_SECRET_ACCESS_KEY: 'S3RVER',
      },
    }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    s3?.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the PDF in the bucket, serves and verifies those bytes, and zips them', async () => {
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({
        code: 's3',
        title: 'Lưu trữ đám mây',
        activityId: COURSE,
        completion: { moveOn: 'Completed' },
        certificates: { auto: true },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as())
        .send({ code: 'hn-s3', title: 'Hà Nội - Lưu trữ', courseCode: 's3', province: 'Hà Nội' })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({ learners: [{ fullName: 'Trịnh Thị Mây', account: { homePage: HOME, name: 'may' } }] })
      .expect(201);
    await new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' }).sendStatement({
      statement: {
        actor: { objectType: 'Agent', account: { homePage: HOME, name: 'may' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { objectType: 'Activity', id: COURSE },
      },
    });
    let certificate: { code: string; number: string; state: string } | undefined;
    for (let i = 0; i < 150 && certificate?.state !== 'issued'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      [certificate] = (
        await request(t.url).get('/api/v1/certificates').query({ cohortId: cohort }).set(as()).expect(200)
      ).body;
    }
    expect(certificate?.state).toBe('issued');
    const pdf = (
      await request(t.url)
        .get(`/api/v1/certificates/${certificate!.code}/pdf`)
        .set(as())
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    const [{ storage_key }]: { storage_key: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT storage_key FROM certificate`);
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'hocba-test', Key: `tinh/${storage_key}` }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(pdf)).toBe(true);
    expect(existsSync(join(process.env.HOCBA_DATA_DIR!, 'certificates'))).toBe(false);
    expect(
      (
        await request(t.url)
          .post('/api/v1/verify')
          .set('content-type', 'application/pdf')
          .send(pdf)
          .expect(200)
      ).body,
    ).toMatchObject({ issued: true, certificate: { number: certificate!.number } });

    const { jobId } = (
      await request(t.url).post(`/api/v1/cohorts/${cohort}/certificates.zip`).set(as()).expect(202)
    ).body;
    const job = await finishedJob(t.url, admin, jobId);
    expect(job).toMatchObject({ state: 'completed', result: { certificates: 1 } });
    const zip = (
      await request(t.url).get(job.result.download).set(as()).buffer(true).parse(binary).expect(200)
    ).body as Buffer;
    const file = join(dir, 'cohort.zip');
    writeFileSync(file, zip);
    expect(execFileSync('unzip', ['-p', file, `${certificate!.number}.pdf`]).equals(pdf)).toBe(true);
  });
});
