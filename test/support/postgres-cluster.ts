import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sparePort } from './ports';

/** PostgreSQL's server programs: pg_config's bindir, else Debian's /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    /* no pg_config on PATH */
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error(
    'PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) are needed by the tests that start a cluster of their own; see the README',
  );
}

export interface PostgresCluster {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: sessions are cut), without blocking this process's event loop. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of a fault test's own, in a temporary folder on a spare port, which the test
 * may restart or stop (the machine's shared server is never touched). Run as the `postgres` user
 * when the tests run as root (initdb refuses root). `standbyOf`: a hot standby streaming from that
 * cluster (a base backup taken with `pg_basebackup -R`), as a read replica is in production.
 */
export async function startPostgresCluster(
  options: { standbyOf?: PostgresCluster } = {},
): Promise<PostgresCluster> {
  const bin = binDir();
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'hocba-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  const run = (program: string, args: string[]) =>
    execFileSync(...command(program, args), { stdio: 'ignore', timeout: 60_000 });
  const runAsync = async (program: string, args: string[]) => {
    await promisify(execFile)(...command(program, args), { timeout: 60_000 });
  };
  if (options.standbyOf)
    run('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(options.standbyOf.port), '-U', 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '--no-sync'],
    ]);
  // initdb's trust rules admit replication connections from 127.0.0.1, which the standby uses.
  else run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (...args: string[]) =>
    runAsync('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', ...args]);
  await ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => ctl('stop', '-m', 'fast'),
    start: () => ctl('start'),
    destroy: async () => {
      await ctl('stop', '-m', 'immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
