import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database of the benchmark's own on the server DATABASE_URL names; dropped by drop(). */
export async function benchDatabase(): Promise<{
  name: string;
  url: string;
  query(sql: string): Promise<unknown[]>;
  drop(): Promise<void>;
  release(): Promise<void>;
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
    /** Keeps the database; lets the process end. */
    async release() {
      await admin.end();
    },
  };
}

/**
 * Starts dist/apps/<app>/src/main.js as a child process, so load and service do not share an event
 * loop. `nice` lowers its CPU priority (as a container's smaller CPU share would).
 */
export function startService(app: 'api' | 'worker', env: Record<string, string>, nice = 0): ChildProcess {
  // The production image's V8 setting (docker/Dockerfile), then BENCH_NODE_OPTIONS, e.g.
  // "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service under load.
  const nodeArgs = [
    '--max-semi-space-size=64',
    ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (nice !== 0 && child.pid) setPriority(child.pid, nice);
  return child;
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

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where there is no /proc. */
function processCpu(pid: number): number {
  try {
    // The fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The processes whose command name is one of these (PostgreSQL's backends, redis-server). */
function pidsNamed(names: string[]): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return names.includes(readFileSync(`/proc/${d}/comm`, 'utf8').trim());
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** The whole machine's busy CPU seconds (every state but idle and iowait), from /proc/stat. */
function machineBusy(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = ticks;
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used between start() and the report, by part: the given child processes by label,
 * PostgreSQL and Redis (every process of those names on the machine: run the bench on a quiet one),
 * this process (the load generator), and the machine as a whole.
 */
export function cpuMeter(parts: Record<string, ChildProcess[]>): { report(): Record<string, number> } {
  const sample = () => {
    const out: Record<string, number> = {};
    for (const [label, list] of Object.entries(parts))
      out[label] = list.reduce((sum, c) => sum + (c.pid ? processCpu(c.pid) : 0), 0);
    const counted = (names: string[]) => new Map(pidsNamed(names).map((pid) => [pid, processCpu(pid)]));
    return {
      out,
      postgres: counted(['postgres']),
      redis: counted(['redis-server']),
      self: process.cpuUsage(),
      machine: machineBusy(),
    };
  };
  const start = sample();
  return {
    report() {
      const end = sample();
      const delta = (a: Map<number, number>, b: Map<number, number>) =>
        // A backend that started during the run counts from zero.
        [...b].reduce((sum, [pid, t]) => sum + t - (a.get(pid) ?? 0), 0);
      const self = process.cpuUsage(start.self);
      return {
        ...Object.fromEntries(Object.entries(end.out).map(([k, v]) => [k, v - start.out[k]])),
        PostgreSQL: delta(start.postgres, end.postgres),
        Redis: delta(start.redis, end.redis),
        'load generator': (self.user + self.system) / 1e6,
        machine: end.machine - start.machine,
      };
    },
  };
}
