/**
 * Ingest benchmark: statements/s and latency for single POSTs and for batches of 100 and 1000,
 * on an empty store and again after filling it (2 million statements by default).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:ingest [-- --fill 2000000 --seconds 10 --enrolled 50000]
 *
 * With --enrolled N (default 50,000; 0 for the LRS alone) the statements' learners are enrolled
 * first, so every statement also updates learner progress in its transaction. Then, within the
 * few seconds of a load, nearly every statement is its learner's first and moves two milestones
 * (the worst case). With --active each learner has sent one statement before the loads, as in a
 * course under way: statements then rarely move a milestone. With --lrs-only the API runs with
 * HOCBA_PROGRESS_PROJECTION=off (no enrollment, no progress, no unmatched-actor counts): the LRS alone.
 *
 * It creates a database of its own on that server, starts the API (dist/apps/api/main.js) in a
 * child process so that load and service do not share an event loop, and drops the database after.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { arg, benchDatabase, flag, startService, stopServices, waitForHealth } from './support';

const FILL = arg('fill', 2_000_000);
const SECONDS = arg('seconds', 10);
const PORT = arg('port', 3900);
/** Learners (hv0, hv1, ...) enrolled before the loads, so that statements update their progress. */
const ENROLLED = arg('enrolled', 50_000);
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };
const KEY = 'bench';
const SECRET = 'bench-secret-value';
const AUTH = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;

/** About 1.1 KB, shaped like what the platforms send (account actor, course context, result). */
function statement(n: number): Record<string, unknown> {
  return {
    actor: {
      objectType: 'Agent',
      name: `Học viên ${n}`,
      account: { homePage: 'https://mooc.example.vn', name: `hv${n % 50000}` },
    },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/completed',
      display: { 'en-US': 'completed', 'vi-VN': 'đã hoàn thành' },
    },
    object: {
      objectType: 'Activity',
      id: `https://mooc.example.vn/courses/de-an-06/lessons/${n % 40}`,
      definition: {
        name: { 'vi-VN': 'Bài học về chuyển đổi số' },
        type: 'http://adlnet.gov/expapi/activities/lesson',
      },
    },
    result: {
      completion: true,
      success: true,
      score: { scaled: 0.9, raw: 90, min: 0, max: 100 },
      duration: 'PT12M30S',
    },
    context: {
      registration: '0d6a1bb0-7d5c-4b9e-9d2a-6f0a8f2b1c3d',
      platform: 'OneTouch MOOC',
      language: 'vi-VN',
      contextActivities: {
        parent: [{ id: 'https://mooc.example.vn/courses/de-an-06' }],
        grouping: [{ id: 'https://mooc.example.vn/programs/p06' }],
      },
      extensions: { 'https://hocba.example.vn/xapi/ext/province': '01' },
    },
    timestamp: new Date(Date.UTC(2024, 4, 1) + n * 1000).toISOString(),
  };
}

function bodies(size: number, count: number): string[] {
  return Array.from({ length: count }, (_, b) =>
    size === 1
      ? JSON.stringify(statement(b))
      : JSON.stringify(Array.from({ length: size }, (_, i) => statement(b * size + i))),
  );
}

async function run(
  title: string,
  size: number,
  connections: number,
  seconds = SECONDS,
): Promise<Record<string, number | string>> {
  const pool = bodies(size, size === 1 ? 2000 : 20);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}/xapi/statements`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3', authorization: AUTH },
    requests: [{ setupRequest: (req) => ({ ...req, body: pool[next++ % pool.length] }) }],
  });
  const ok = result['2xx'];
  const row = {
    load: title,
    requests: ok,
    errors: result.errors + result.non2xx,
    'statements/s': Math.round((ok * size) / seconds),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function fill(target: number): Promise<void> {
  const started = Date.now();
  const pool = bodies(1000, 10);
  let sent = 0;
  const worker = async () => {
    while (sent < target) {
      sent += 1000;
      const res = await fetch(`http://127.0.0.1:${PORT}/xapi/statements`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          authorization: AUTH,
        },
        body: pool[(sent / 1000) % pool.length],
      });
      if (res.status !== 200) throw new Error(`fill failed: ${res.status} ${await res.text()}`);
      if (sent % 200_000 === 0)
        console.log(`  filled ${sent} (${Math.round(sent / ((Date.now() - started) / 1000))}/s)`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** The statements' learners as enrolled learners of the statements' course, so every statement moves progress. */
async function enroll(count: number): Promise<void> {
  const call = async (token: string | undefined, path: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  const { accessToken } = await call(undefined, '/api/v1/auth/login', ADMIN);
  await call(accessToken, '/api/v1/courses', {
    code: 'de-an-06',
    title: 'Đề án 06',
    activityId: 'https://mooc.example.vn/courses/de-an-06',
    completion: { moveOn: 'Completed' },
  });
  const { id } = await call(accessToken, '/api/v1/cohorts', {
    code: 'bench',
    title: 'Bench',
    courseCode: 'de-an-06',
    province: 'Hà Nội',
  });
  for (let from = 0; from < count; from += 10_000) {
    const learners = Array.from({ length: Math.min(10_000, count - from) }, (_, i) => ({
      fullName: `Học viên ${from + i}`,
      account: { homePage: 'https://mooc.example.vn', name: `hv${from + i}` },
    }));
    await call(accessToken, `/api/v1/cohorts/${id}/enrollments`, { learners });
  }
  console.log(
    `# ${count} learners enrolled in the statements' course: every statement updates an enrollment's progress`,
  );
}

/** One statement per enrolled learner (their first: activated, started), before the loads. */
async function activate(count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      next += 1000;
      // A month before the loads' statements: theirs are later and leave the milestones as they are.
      const first = (n: number) => ({
        ...statement(n),
        timestamp: new Date(Date.UTC(2024, 3, 1) + n * 1000).toISOString(),
      });
      const body = JSON.stringify(
        Array.from({ length: Math.min(1000, count - from) }, (_, i) => first(from + i)),
      );
      const res = await fetch(`http://127.0.0.1:${PORT}/xapi/statements`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          authorization: AUTH,
        },
        body,
      });
      if (res.status !== 200) throw new Error(`activate failed: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  console.log(`# each learner has sent a first statement: milestones rarely move during the loads`);
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  let api: ChildProcess | undefined;
  try {
    api = startService('api', {
      ...(flag('lrs-only') ? { HOCBA_PROGRESS_PROJECTION: 'off' } : {}),
      DATABASE_URL: db.url,
      PORT: String(PORT),
      HOCBA_LRS_KEY: KEY,
      HOCBA_LRS_SECRET: SECRET,
      HOCBA_ADMIN_USER: ADMIN.username,
      HOCBA_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHealth(PORT);
    if (ENROLLED > 0 && !flag('lrs-only')) await enroll(ENROLLED);
    if (ENROLLED > 0 && flag('active')) await activate(ENROLLED);
    console.log(`# ingest benchmark, ${SECONDS}s per load, API pid ${api.pid}, database ${db.name}`);
    await run('warm-up', 100, 8, 3);
    const loads = async (label: string) => {
      console.log(`## ${label}`);
      await run(`single POSTs, 64 connections (${label})`, 1, 64);
      await run(`batches of 100, 8 connections (${label})`, 100, 8);
      await run(`batches of 1000, 4 connections (${label})`, 1000, 4);
    };
    await loads('empty');
    if (FILL > 0) {
      console.log(`## filling to ${FILL} statements`);
      await fill(FILL);
      await db.query(`VACUUM ANALYZE`).catch(() => undefined);
      await loads(`after ${FILL}`);
    }
  } finally {
    await stopServices(api);
    await db.drop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
