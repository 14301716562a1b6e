import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { loadConfig } from '@hocba/config';
import { LABELS } from '@hocba/spreadsheets';

/**
 * The documentation tells the truth about the things a test can check (issue 22): the README stays
 * an entry of at most 250 lines whose two commands are the ones that work (its test command is the
 * one CI runs; its start command's settings pass the service's own validation), every relative link
 * of the README and docs/ leads to a file and, with a #fragment, to a heading in it, every setting
 * the service reads is in the operators' table (and every HOCBA_ variable the docs name is one it
 * reads), and every word of the exports' glossary is defined in docs/reports.md.
 */
const ROOT = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The Markdown files this test holds to account. */
const DOCUMENTS = [
  'README.md',
  'docker/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text a reader sees as prose: fenced blocks and inline code removed (a link in them is not one). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`]*`/g, '');
}

/** Every `[text](target)` and `![alt](target)` of a document, with the line it starts on. */
function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const rendered = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** The names of HocbaConfig's properties: every setting the service reads (TypeScript's own parser). */
function configVariables(): string[] {
  const file = 'libs/config/src/config.ts';
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  source.forEachChild((node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === 'HocbaConfig')
      for (const member of node.members)
        if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) names.push(member.name.text);
  });
  return names;
}

/** The body of the section under a heading, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The contents of a document's fenced `sh` blocks. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1].trim());
}

describe('the documentation', () => {
  const readme = read('README.md');

  describe('README.md', () => {
    it('is an entry of at most 250 lines', () => {
      expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    });

    it('gives as its test command what CI runs: npm ci, then npm test', () => {
      const twoCommands = shellBlocks(section(readme, '## Two commands'));
      expect(twoCommands).toContain('npm ci && npm test');
      const ciSteps = read('.ci/run')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
      const install = ciSteps.findIndex((line) => /^npm ci( |$)/.test(line));
      const test = ciSteps.indexOf('npm test');
      expect(install).toBeGreaterThanOrEqual(0);
      expect(test).toBeGreaterThan(install);
    });

    it('gives a start command whose settings the service accepts', () => {
      const start = shellBlocks(section(readme, '## Two commands')).find((block) =>
        block.endsWith('npm start'),
      );
      expect(start).toMatch(/^npm ci && /);
      const env = Object.fromEntries(
        [...start!.matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1], m[2]]),
      );
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'HOCBA_ADMIN_USER',
          'HOCBA_ADMIN_PASSWORD',
          'HOCBA_LRS_KEY',
          'HOCBA_LRS_SECRET',
        ]),
      );
      for (const name of Object.keys(env)) expect(configVariables()).toContain(name);
      const config = loadConfig(env);
      expect(config.HOCBA_DEMO_DATA).toBe('on');
      expect(config.DATABASE_URL).toBeUndefined(); // the embedded defaults, as the README says
      expect(config.REDIS_URL).toBeUndefined();
      expect(config.PORT).toBe(3000); // the addresses the README prints
    });
  });

  describe('links', () => {
    it.each(DOCUMENTS)(
      'every relative link of %s leads to a file and, with a #fragment, to its heading',
      (doc) => {
        const broken: string[] = [];
        for (const target of links(read(doc))) {
          if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
          const [path, fragment] = target.split('#', 2);
          const file = path === '' ? doc : relative(ROOT, resolve(ROOT, dirname(doc), decodeURI(path)));
          if (file.startsWith('..')) {
            broken.push(`${target} (outside the repository)`);
            continue;
          }
          if (!existsSync(join(ROOT, file))) {
            broken.push(`${target} (no file ${file})`);
            continue;
          }
          if (fragment !== undefined && file.endsWith('.md') && !anchors(read(file)).has(decodeURI(fragment)))
            broken.push(`${target} (no heading #${fragment} in ${file})`);
        }
        expect(broken).toEqual([]);
      },
    );

    it('finds headings as GitHub names them', () => {
      const found = anchors(
        [
          '# Sizing: CPU per 1,000 statements',
          '## Operators’ command line',
          "## Operators' command line",
          '### Statement order and Consistent-Through (issue 19, migration 1765640000000)',
          '## Tỉnh/Thành phố',
          '```sh',
          '# in a shell block: not a heading',
          '```',
        ].join('\n'),
      );
      expect([...found]).toEqual([
        'sizing-cpu-per-1000-statements',
        'operators-command-line',
        'operators-command-line-1',
        'statement-order-and-consistent-through-issue-19-migration-1765640000000',
        'tỉnhthành-phố',
      ]);
    });
  });

  describe('docs/operations.md', () => {
    const table = section(read('docs/operations.md'), '## Configuration');
    const documented = new Set(
      table
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1])),
    );

    it('has every setting the service reads in its configuration table', () => {
      const variables = configVariables();
      expect(variables.length).toBeGreaterThan(30);
      expect(variables.filter((name) => !documented.has(name))).toEqual([]);
    });

    it('names no HOCBA_ variable the service does not read, here or anywhere in the docs', () => {
      const variables = new Set(configVariables());
      const named = DOCUMENTS.flatMap((doc) =>
        [...read(doc).matchAll(/\bHOCBA_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => `${doc}: ${m[0]}`),
      );
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((entry) => !variables.has(entry.split(': ')[1]))).toEqual([]);
      expect([...documented].filter((name) => !variables.has(name))).toEqual([]);
    });
  });

  it('defines every word of the exports’ glossary in docs/reports.md', () => {
    const reports = read('docs/reports.md');
    expect(Object.values(LABELS).filter((label) => !reports.includes(label))).toEqual([]);
  });
});
