import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The personal data the tests use: every literal fullName, nationalId, email and phone in test/
 * (NFC and NFD), and anything shaped like a CCCD (12 digits standing alone; generated ones too).
 */
export function testPersonalData(root: string): string[] {
  const values = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(root)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\b(fullName|nationalId|email|phone)\s*:\s*'([^'$\\]{6,})'/g)) {
      values.add(m[2]);
      values.add(m[2].normalize('NFD'));
    }
  }
  return [...values];
}

const CCCD = /(?<![\w-])\d{12}(?![\w-])/g;

/** Lines of the run's log holding test personal data: "file: kind, masked value". */
export function scanRunLog(
  dir: string,
  personal: string[],
): { findings: string[]; bytes: number; files: number } {
  const findings: string[] = [];
  let bytes = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    bytes += text.length;
    for (const value of personal) {
      if (text.includes(value)) findings.push(`${name}: a test learner's value "${value.slice(0, 3)}…"`);
    }
    for (const m of text.matchAll(CCCD)) {
      // The line around it, the number masked, to find what wrote it.
      const start = text.lastIndexOf('\n', m.index) + 1;
      const line = text.slice(start, text.indexOf('\n', m.index) >>> 0 || undefined).slice(0, 300);
      findings.push(
        `${name}: a CCCD-like number ${m[0].slice(0, 3)}… in: ${line.replace(CCCD, '############')}`,
      );
    }
  }
  return { findings, bytes, files: names.length };
}
