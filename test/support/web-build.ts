import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The web app as `npm run build` makes it, into a folder of the calling test's own (returned).
 * Vite 8 refuses a second build of the same project while one runs; the browser tests run in
 * parallel, each into its own folder, so its lock is bypassed.
 */
export function buildWebApp(prefix: string): string {
  const outDir = mkdtempSync(join(tmpdir(), prefix));
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--logLevel',
      'error',
      '--bypass-lock',
    ],
    { cwd: root, env: { ...process.env, HOCBA_WEB_OUT: outDir }, stdio: 'inherit' },
  );
  return outDir;
}
