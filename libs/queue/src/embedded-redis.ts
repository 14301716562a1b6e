import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface EmbeddedRedis {
  url: string;
  /** The child process we started, or undefined when a server was already listening. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * For a local run with REDIS_URL unset: use the Redis on 127.0.0.1:6379 if one answers, else start
 * `redis-server` from PATH as a child process (nothing kept on disk) and stop it with us.
 */
export async function ensureLocalRedis(port = 6379): Promise<EmbeddedRedis> {
  const url = `redis://127.0.0.1:${port}`;
  if (await listening('127.0.0.1', port)) return { url, stop: async () => undefined };
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    const deadline = Date.now() + 10_000;
    const poll = async (): Promise<void> => {
      if (child.exitCode !== null) return resolve(false);
      if (await listening('127.0.0.1', port)) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
  if (!started) {
    child.kill();
    throw new RedisUnavailableError(
      `No Redis answers on 127.0.0.1:${port} and redis-server could not be started from PATH. ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
