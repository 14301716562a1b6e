import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

/** The national administrator every API test starts with (created at boot from the environment). */
export const ADMIN = { username: 'c06-admin', password: 'mat-khau-quan-tri-2026' };

/** The API (and, with `worker`, the worker) with the bootstrap administrator, logged in. */
export async function startAdminApp(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<{ t: TestApp; admin: string }> {
  const t = await startTestApp(
    { HOCBA_ADMIN_USER: ADMIN.username, HOCBA_ADMIN_PASSWORD: ADMIN.password, ...options.env },
    { worker: options.worker },
  );
  const admin = (await request(t.url).post('/api/v1/auth/login').send(ADMIN).expect(200)).body
    .accessToken as string;
  return { t, admin };
}

/** A supertest parser that keeps a binary body (XLSX, PDF) as one Buffer. */
export function binary(res: request.Response, done: (error: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Polls GET /api/v1/jobs/{id} until the job completes or fails (bounded: 60 s), and answers it. */
export async function finishedJob(
  url: string,
  token: string,
  jobId: string,
): Promise<request.Response['body']> {
  for (let i = 0; i < 600; i++) {
    const job = (
      await request(url)
        .get(`/api/v1/jobs/${jobId}`)
        .set({ authorization: `Bearer ${token}` })
        .expect(200)
    ).body;
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Creates a course through the API (201 expected); completion defaults to the course's completion. */
export async function createCourse(
  url: string,
  token: string,
  course: {
    code: string;
    activityId: string;
    title?: string;
    completion?: object;
    certificates?: { auto: boolean };
  },
): Promise<void> {
  await request(url)
    .post('/api/v1/courses')
    .set({ authorization: `Bearer ${token}` })
    .send({ title: course.code, completion: { moveOn: 'Completed' }, ...course })
    .expect(201);
}

/** Creates a cohort through the API (201 expected) and answers its id. */
export async function createCohort(
  url: string,
  token: string,
  cohort: { code: string; courseCode: string; province: string; title?: string; wave?: string },
): Promise<string> {
  return (
    await request(url)
      .post('/api/v1/cohorts')
      .set({ authorization: `Bearer ${token}` })
      .send({ title: cohort.code, ...cohort })
      .expect(201)
  ).body.id as string;
}
