/**
 * Load bench: a national day, compressed, against two API and two worker processes on one PostgreSQL
 * and one Redis (all on this machine, over loopback). Platforms post statement batches at a steady
 * rate with two bursts (08:00 and 14:00: twice the rate for a tenth of the run each), report readers
 * ask for the province and cohort funnels, staff log in, and every completion asks for a certificate
 * that the workers render meanwhile. Prints throughput, latency (p50/p99), errors, report latency
 * (p95) and the certificate backlog (the one part that is not done inside the statements' transaction).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:load [-- --seconds 600 --rate 3000 --batch 50]
 *     [--burst 2] [--warmup 10] [--complete-every 100] [--reports-per-second 10] [--worker-nice 10] [--learners 60000] [--keep] [--seconds-trace]
 *
 * The day's mix: a learner's course is about a hundred statements (three days of lessons, each
 * launched, progressed and completed, then the exam's questions), so one statement in 100 completes
 * a course; report requests come from the national team and the provinces' coordinators, ten a
 * second. Open loop, both: batches and report requests are sent on schedule whether or not earlier
 * ones have been answered, so a slow service shows as latency and errors, not as a politely lower
 * rate. Rate limits are off (all load comes from one address).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, benchDatabase, cpuMeter, flag, startService, stopServices, waitForHealth } from './support';

const SECONDS = arg('seconds', 60);
const RATE = arg('rate', 3000);
const BATCH = arg('batch', 50);
/** The rate in the 08:00 and 14:00 bursts, as a multiple of --rate (1: a steady rate). */
const BURST = arg('burst', 2);
const LEARNERS = arg('learners', 60_000);
/** Every Nth statement completes the course (a certificate follows); 0: none do. */
const COMPLETE_EVERY = arg('complete-every', 100);
/** The workers' CPU priority (nice); 0 runs them level with the APIs. */
const WORKER_NICE = arg('worker-nice', 10);
/** Seconds of traffic at the steady rate before the measured window. */
const WARMUP = arg('warmup', 10);
/** Report requests a second, sent on schedule (0: none). */
const REPORT_RATE = arg('reports-per-second', 10);
const COHORTS = 30;
const PORTS = [arg('port', 3950), arg('port', 3950) + 1];
const ADMIN = { username: 'load-admin', password: 'load-admin-password' };
const KEY = 'load';
const SECRET = 'load-secret-value';
const BASIC = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
/** The APIs serve /metrics only with this bearer token (HOCBA_METRICS_TOKEN), as Prometheus would send it. */
const METRICS_TOKEN = randomBytes(32).toString('hex');
const HOME = 'https://mooc.load.vn';
const COURSE = `${HOME}/courses/de-an-06`;
const PROVINCES = [
  'Hà Nội',
  'Bắc Giang',
  'Hải Dương',
  'Khánh Hòa',
  'Lạng Sơn',
  'Thanh Hóa',
  'Nghệ An',
  'Cần Thơ',
  'Đà Nẵng',
  'Cà Mau',
];

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Kept-alive connections for the statement batches: node:http costs the generator less CPU than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** Posts a batch of statements; resolves with the status once the answer has been read. */
function postStatements(port: number, batch: unknown[]): Promise<number> {
  const body = JSON.stringify(batch);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/xapi/statements',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: BASIC,
          'x-experience-api-version': '1.0.3',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(path.startsWith('/xapi') ? { authorization: BASIC, 'x-experience-api-version': '1.0.3' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** What platforms send: a lesson experienced mostly, sometimes the course completed (a certificate follows). */
function statement(n: number): Record<string, unknown> {
  const learner = n % LEARNERS;
  // Statements go round the learners; in each round, the learners whose turn it is complete the
  // course, so one statement in COMPLETE_EVERY completes, and each learner completes once.
  const round = Math.floor(n / LEARNERS);
  const completes = COMPLETE_EVERY > 0 && learner % COMPLETE_EVERY === round % COMPLETE_EVERY;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: HOME, name: `hv${learner}` } },
    verb: {
      id: `http://adlnet.gov/expapi/verbs/${completes ? 'completed' : 'experienced'}`,
      display: { 'vi-VN': 'học' },
    },
    object: completes
      ? { objectType: 'Activity', id: COURSE }
      : {
          objectType: 'Activity',
          id: `${COURSE}/lessons/${n % 40}`,
          definition: { type: 'http://adlnet.gov/expapi/activities/lesson' },
        },
    ...(completes
      ? { result: { completion: true } }
      : { context: { contextActivities: { parent: [{ id: COURSE }] } } }),
    timestamp: new Date().toISOString(),
  };
}

async function setUp(): Promise<string> {
  const login = await call(PORTS[0], 'POST', '/api/v1/auth/login', ADMIN);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const post = async (path: string, body: unknown) => {
    const res = await call(PORTS[0], 'POST', path, body, accessToken);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  await post('/api/v1/courses', {
    code: 'de-an-06',
    title: 'Đề án 06',
    activityId: COURSE,
    completion: { moveOn: 'Completed' },
    certificates: { auto: true },
  });
  const perCohort = Math.ceil(LEARNERS / COHORTS);
  for (let c = 0; c < COHORTS; c++) {
    const { id } = await post('/api/v1/cohorts', {
      code: `load-${c}`,
      title: `Lớp ${c}`,
      courseCode: 'de-an-06',
      province: PROVINCES[c % PROVINCES.length],
    });
    const learners = Array.from({ length: perCohort }, (_, i) => c * perCohort + i)
      .filter((n) => n < LEARNERS)
      .map((n) => ({ fullName: `Học viên ${n}`, account: { homePage: HOME, name: `hv${n}` } }));
    await post(`/api/v1/cohorts/${id}/enrollments`, { learners });
  }
  console.log(`# ${LEARNERS} learners enrolled in ${COHORTS} cohorts of ${PROVINCES.length} provinces`);
  return accessToken;
}

/** One API's /metrics, as text. */
const metricsText = async (port: number): Promise<string> =>
  (
    await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
  ).text();

/** Both APIs' /metrics, as text, in the order of PORTS. */
const metricsTexts = (): Promise<string[]> => Promise.all(PORTS.map(metricsText));

/** One series' value in a /metrics text (NaN when absent), e.g. `name_count` or `name_bucket{le="0.1"}`. */
const metric = (text: string, series: string): number =>
  Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);

/** Certificates waiting, from one API's metrics (every instance counts the same shared rows). */
const backlogIn = (text: string): number => metric(text, 'hocba_backlog{kind="certificates-pending"}');

/**
 * Where the statement requests' time went, from both APIs' /metrics: the wait for a write
 * transaction, the transactions themselves, and how many statements each carried.
 */
async function writerFigures(): Promise<string> {
  const texts = await metricsTexts();
  const figure = (name: string, unit: (n: number) => string, over?: string) => {
    let count = 0;
    let sum = 0;
    let above = 0;
    for (const text of texts) {
      count += metric(text, `${name}_count`) || 0;
      sum += metric(text, `${name}_sum`) || 0;
      if (over) above += metric(text, `${name}_bucket{le="${over}"}`) || 0;
    }
    return `mean ${unit(sum / count)}${over ? `, ${(((count - above) / count) * 100).toFixed(1)}% over ${over}` : ''}`;
  };
  const seconds = (n: number) => ms(n * 1000);
  return (
    `write queue wait: ${figure('hocba_statement_queue_wait_seconds', seconds, '0.1')}; ` +
    `write transactions: ${figure('hocba_statement_transaction_seconds', seconds, '0.1')}; ` +
    `statements per transaction: ${figure('hocba_statement_transaction_statements', (n) => n.toFixed(0))}`
  );
}

/**
 * The APIs' event-loop stalls and garbage collection so far, and the certificate backlog now: one
 * read of each API's /metrics, since prom-client resets the event-loop lag histogram at each read.
 */
const apiStalls = { lagMax: 0, lagP99: [] as number[], gc: new Map<number, number>() };
async function sampleApis(): Promise<number> {
  const texts = await metricsTexts();
  texts.forEach((text, i) => {
    apiStalls.lagMax = Math.max(
      apiStalls.lagMax,
      metric(text, 'hocba_nodejs_eventloop_lag_max_seconds') || 0,
    );
    apiStalls.lagP99.push(metric(text, 'hocba_nodejs_eventloop_lag_p99_seconds'));
    let gc = 0;
    for (const m of text.matchAll(/^hocba_nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)/gm))
      gc += Number(m[1]);
    apiStalls.gc.set(PORTS[i], gc);
  });
  return backlogIn(texts[0]);
}

async function backlog(): Promise<number> {
  return backlogIn(await metricsText(PORTS[0]));
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hocba-load-'));
  const env = {
    DATABASE_URL: db.url,
    HOCBA_DATA_DIR: dataDir,
    HOCBA_QUEUE_PREFIX: `load-${randomUUID().slice(0, 8)}`,
    HOCBA_ADMIN_USER: ADMIN.username,
    HOCBA_ADMIN_PASSWORD: ADMIN.password,
    HOCBA_LRS_KEY: KEY,
    HOCBA_LRS_SECRET: SECRET,
    HOCBA_RATE_LIMIT_ADDRESS: '0',
    HOCBA_RATE_LIMIT_CLIENT: '0',
    HOCBA_RATE_LIMIT_PUBLIC: '0',
    HOCBA_DB_POOL: '20',
    HOCBA_METRICS_TOKEN: METRICS_TOKEN,
  };
  const children: ChildProcess[] = [];
  try {
    // The first API migrates; the others start once it is healthy.
    children.push(startService('api', { ...env, PORT: String(PORTS[0]) }));
    await waitForHealth(PORTS[0]);
    children.push(startService('api', { ...env, PORT: String(PORTS[1]) }));
    // Workers yield the CPU to the APIs (docker/compose.production.yaml gives them a smaller share):
    // certificates fall behind in a burst and catch up after, statements do not wait for PDFs.
    children.push(startService('worker', env, WORKER_NICE), startService('worker', env, WORKER_NICE));
    await waitForHealth(PORTS[1]);
    const token = await setUp();

    const latencies: number[] = [];
    /** Latencies by second of the run, for --seconds-trace (where in the run the slow batches were). */
    const bySecond = new Map<number, number[]>();
    const reports: number[] = [];
    const errors = new Map<string, number>();
    const fail = (what: string): void => {
      errors.set(what, (errors.get(what) ?? 0) + 1);
    };
    let sent = 0;
    let acknowledged = 0;
    let maxBacklog = 0;
    /** Statements made so far, warm-up included: learners' rounds go on from it. */
    let made = 0;
    const pending: Promise<void>[] = [];
    let started = Date.now();

    /**
     * Platforms: an open loop, batches sent when due by the clock (at BURST × the rate in the two
     * bursts of the measured window), answered or not. Only measured batches count.
     */
    const platforms = async (until: number, measured: boolean) => {
      let due = 0;
      let batches = 0;
      for (let last = Date.now(); Date.now() < until; await new Promise((r) => setTimeout(r, 5))) {
        const now = Date.now();
        const elapsed = (now - started) / (SECONDS * 1000);
        const burst = measured && ((elapsed >= 0.25 && elapsed < 0.35) || (elapsed >= 0.6 && elapsed < 0.7));
        due += ((burst ? BURST : 1) * RATE * (now - last)) / 1000 / BATCH;
        last = now;
        for (; batches < Math.floor(due); batches++) {
          const batch = Array.from({ length: BATCH }, () => statement(made++));
          if (measured) sent += BATCH;
          const t0 = performance.now();
          const request = postStatements(PORTS[batches % 2], batch).then((status) => {
            if (!measured) return;
            if (status === 200) {
              latencies.push(performance.now() - t0);
              const second = Math.floor((Date.now() - started) / 1000);
              bySecond.set(second, [...(bySecond.get(second) ?? []), performance.now() - t0]);
              acknowledged += BATCH;
            } else fail(`statements ${status}`);
          });
          pending.push(request.catch(() => (measured ? fail('statements network') : undefined)));
        }
      }
    };
    // Warm-up, not measured: the steady rate, so that compilers, pools and caches are warm.
    if (WARMUP > 0) {
      await platforms(Date.now() + WARMUP * 1000, false);
      await Promise.all(pending.splice(0));
    }
    const cpu = cpuMeter({ 'API (2)': children.slice(0, 2), 'workers (2)': children.slice(2) });
    started = Date.now();
    const end = started + SECONDS * 1000;

    // Report requests on schedule, alternating the national province table and one province's cohorts.
    const reads: Promise<void>[] = [];
    const readers = (async () => {
      for (let i = 0; REPORT_RATE > 0 && Date.now() < end; i++) {
        const path =
          i % 2
            ? `/api/v1/reports/funnel?groupBy=province&era=legacy`
            : `/api/v1/reports/funnel?groupBy=cohort&province=${encodeURIComponent(PROVINCES[i % PROVINCES.length])}`;
        const t0 = performance.now();
        reads.push(
          call(PORTS[i % 2], 'GET', path, undefined, token)
            .then(async (res) => {
              await res.arrayBuffer();
              if (res.ok) reports.push(performance.now() - t0);
              else fail(`report ${res.status}`);
            })
            .catch(() => fail('report network')),
        );
        await new Promise((r) => setTimeout(r, 1000 / REPORT_RATE));
      }
    })();
    // Staff logging in, one a second.
    const logins = (async () => {
      while (Date.now() < end) {
        const res = await call(PORTS[1], 'POST', '/api/v1/auth/login', ADMIN).catch(() => undefined);
        if (!res?.ok) fail(`login ${res?.status ?? 'network'}`);
        await res?.arrayBuffer().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    await sampleApis();
    const gcBefore = [...apiStalls.gc.values()].reduce((a, b) => a + b, 0);
    apiStalls.lagMax = 0;
    apiStalls.lagP99 = [];
    const sampler = setInterval(() => {
      void sampleApis().then(
        (b) => (maxBacklog = Math.max(maxBacklog, b || 0)),
        () => undefined,
      );
    }, 5000);

    await platforms(end, true);
    await Promise.all(pending);
    await Promise.all([readers, logins]);
    await Promise.all(reads);
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const used = cpu.report();
    const writer = await writerFigures();
    let drained = 0;
    for (const t0 = Date.now(); (await backlog()) > 0 && Date.now() - t0 < 600_000;)
      await new Promise((r) => setTimeout(r, 1000));
    drained = (Date.now() - started) / 1000 - seconds;

    if (flag('seconds-trace')) {
      for (const [second, list] of [...bySecond].sort((a, b) => a[0] - b[0])) {
        list.sort((a, b) => a - b);
        console.log(
          `# second ${second}: ${list.length} batches, p50 ${ms(percentile(list, 50))}, max ${ms(list.at(-1) ?? NaN)}`,
        );
      }
    }
    latencies.sort((a, b) => a - b);
    reports.sort((a, b) => a - b);
    const [certs] = (await db.query(
      `SELECT count(*) FILTER (WHERE state = 'issued')::int AS issued, count(*)::int AS total FROM certificate`,
    )) as {
      issued: number;
      total: number;
    }[];
    console.log(
      `\n## Load: ${SECONDS} s after ${WARMUP} s of warm-up, target ${RATE} statements/s (×${BURST} in two bursts), batches of ${BATCH}, 2 API + 2 workers, ${REPORT_RATE} report requests/s, a completion every ${COMPLETE_EVERY || '-'} statements`,
    );
    console.log(
      `statements acknowledged: ${acknowledged} of ${sent} sent, ${(acknowledged / seconds).toFixed(0)}/s`,
    );
    console.log(
      `statement batch latency: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}`,
    );
    console.log(
      `report requests: ${reports.length}, p50 ${ms(percentile(reports, 50))}, p95 ${ms(percentile(reports, 95))}, p99 ${ms(percentile(reports, 99))}`,
    );
    console.log(writer);
    const gcSeconds = [...apiStalls.gc.values()].reduce((a, b) => a + b, 0) - gcBefore;
    apiStalls.lagP99.sort((a, b) => a - b);
    console.log(
      `API event loops: lag p99 per 5 s median ${ms(percentile(apiStalls.lagP99, 50) * 1000)}, worst ${ms((apiStalls.lagP99.at(-1) ?? NaN) * 1000)}, longest stall ${ms(apiStalls.lagMax * 1000)}; garbage collection ${gcSeconds.toFixed(1)} s in both`,
    );
    console.log(`errors: ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}`);
    console.log(`progress and reports: updated inside each batch's transaction (lag 0 by construction)`);
    console.log(
      `certificates: ${certs.issued} issued of ${certs.total} requested; backlog peaked at ${maxBacklog}, drained ${drained.toFixed(0)} s after the load`,
    );
    const cores = availableParallelism();
    // Busy time in none of the parts: other processes, the kernel, or a host that takes it.
    const outside = Object.entries(used).reduce(
      (rest, [part, t]) => (part === 'machine' ? rest : rest - t),
      used.machine,
    );
    console.log(
      `CPU during the load (${seconds.toFixed(0)} s × ${cores} cores = ${(seconds * cores).toFixed(0)} CPU-s): ` +
        Object.entries(used)
          .map(([part, t]) => `${part} ${t.toFixed(0)} s`)
          .join(', ') +
        `; outside these processes ${outside.toFixed(0)} s`,
    );
    console.log(
      `CPU per 1,000 statements acknowledged: ${((used.machine / acknowledged) * 1000).toFixed(2)} CPU-s for the machine (${(
        (used.machine / seconds / cores) *
        100
      ).toFixed(0)}% busy)`,
    );
  } finally {
    await stopServices(...children);
    // --keep leaves the database for EXPLAIN (drop it by hand).
    if (flag('keep')) {
      console.log(`# kept database ${db.name}`);
      await db.release();
    } else await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
