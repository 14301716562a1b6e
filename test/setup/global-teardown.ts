import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedRedis } from '../../libs/queue/src/embedded-redis'; // globalSetup runs outside Jest's module mapper: this file imports no alias
import { scanRunLog, testPersonalData } from './run-log-scan';

/**
 * Stops the Redis global-setup started, then searches the whole run's log for the test learners'
 * names, CCCDs, e-mails and phones: the run fails when any is found.
 */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hocbaRedis?: EmbeddedRedis }).__hocbaRedis?.stop();
  const dir = (globalThis as { __hocbaRunLog?: string }).__hocbaRunLog;
  if (!dir) return;
  const personal = testPersonalData(join(__dirname, '..'));
  const { findings, bytes, files } = scanRunLog(dir, personal);
  rmSync(dir, { recursive: true, force: true });
  if (findings.length > 0) {
    throw new Error(
      `Personal data found in the log of this test run:\n  ${[...new Set(findings)].join('\n  ')}`,
    );
  }
  process.stdout.write(
    `Log of the whole run (${(bytes / 1e6).toFixed(2)} MB from ${files} workers) searched for ${personal.length} test learners' values and CCCD-like numbers: none found\n`,
  );
}
