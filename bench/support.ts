import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database of the benchmark's own on the server DATABASE_URL names; dropped by drop(). */
export async function benchDatabase(): Promise<{
  name: string;
  url: string;
  query(sql: string): Promise<unknown[]>;
  drop(): Promise<void>;
}> {
  const server = process.env.DATABASE_URL;
  if (!server)
    throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there)');
  const name = `hocba_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    /** Runs SQL in the benchmark's database (not the server's default one). */
    async query(sql: string) {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      try {
        return (await c.query(sql)).rows as unknown[];
      } finally {
        await c.end();
      }
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Starts dist/apps/<app>/src/main.js as a child process, so load and service do not share an event loop. */
export function startService(app: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  // BENCH_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the service under load.
  const nodeArgs = (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not become healthy');
}

export async function stopServices(...children: (ChildProcess | undefined)[]): Promise<void> {
  for (const child of children) child?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
}

/** `--name value` from the command line as a number, or the fallback; `flag('--x')` for a switch. */
export function arg(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export const flag = (name: string): boolean => process.argv.slice(2).includes(`--${name}`);
