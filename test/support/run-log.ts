import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The whole test run's log, kept for the personal-data scan at its end (test/setup/global-teardown):
 * everything this Jest worker writes to stdout and stderr is appended to a file in the run's folder.
 * Lines of the service's log below ERROR go only there, so the console shows what matters.
 */
let installed = false;

export function installRunLog(): void {
  const dir = process.env.HOCBA_TEST_RUN_LOG;
  if (!dir || installed) return;
  installed = true;
  const file = join(dir, `worker-${process.pid}.log`);
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    const tap = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      appendFileSync(file, text);
      if (/^\S*\[Nest\] \d+ .*?(WARN|LOG|DEBUG|VERBOSE)\b/.test(text)) {
        const done = rest.find((r): r is () => void => typeof r === 'function');
        done?.();
        return true;
      }
      return Reflect.apply(original, stream, [chunk, ...rest]) as boolean;
    };
    stream.write = tap;
  }
}
