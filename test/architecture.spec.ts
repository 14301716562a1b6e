import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The dependency graph drawn from the imports of apps/ and libs/ (TypeScript's own parser, so
 * comments and strings are not mistaken for imports). The rules (docs: issue 22, style.md):
 * - a lib is imported by other projects only through its index.ts, by its alias `@hocba/<lib>`
 *   (tsconfig.json "paths"), never by a relative path into another project;
 * - no cycle between libs;
 * - an app never imports another app (apps/main.ts, the launcher of both, is not an app), and a
 *   lib never imports an app;
 * - nest-cli.json lists every Nest project.
 */
const ROOT = resolve(__dirname, '..');

/**
 * Today's violations, written down so that a new one fails the suite. These lists must shrink to
 * empty (issue 22): when one is fixed, remove its line here (the test fails on a stale line too, so
 * that the list keeps telling the truth).
 */
const KNOWN_DEEP_IMPORTS: string[] = [
  'libs/audit/src/audit.controller.ts -> libs/training/src/dto/training.dto',
  'libs/progress/src/progress-projection.ts -> libs/certificates/src/certificates.repository',
  'libs/progress/src/progress.module.ts -> libs/certificates/src/certificates-core.module',
];
const KNOWN_LIB_CYCLES: string[][] = [
  ['certificates', 'program', 'progress'],
];

/** Every .ts/.tsx source file under a folder (tests and declaration files included: they import too). */
function sources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sources(path));
    else if (/\.tsx?$/.test(name)) files.push(path);
  }
  return files;
}

/** The module specifiers a file imports or re-exports, including `import()` and `jest.mock()`. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      found.push(node.moduleReference.expression.text);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `libs/<name>` or `apps/<name>` for a path in the repository; apps/main.ts is `apps/main.ts`. */
function projectOf(path: string): string | undefined {
  const parts = relative(ROOT, path).split('/');
  if (parts[0] !== 'libs' && parts[0] !== 'apps') return undefined;
  return parts.length === 2 ? parts.join('/') : `${parts[0]}/${parts[1]}`;
}

interface Edge {
  /** The importing file, relative to the repository. */
  file: string;
  from: string;
  to: string;
  /** The imported module, relative to the repository, without extension. */
  target: string;
  /** Imported by its `@hocba/<lib>` alias rather than a relative path. */
  alias: boolean;
}

function edges(): Edge[] {
  const all: Edge[] = [];
  for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
    const from = projectOf(file)!;
    for (const specifier of specifiers(file)) {
      const alias = specifier.startsWith('@hocba/');
      if (!specifier.startsWith('.') && !alias) continue;
      const target = alias
        ? join(
            ROOT,
            'libs',
            ...specifier
              .slice('@hocba/'.length)
              .split('/')
              .flatMap((p, i) => (i === 0 ? [p, 'src'] : [p])),
          )
        : resolve(dirname(file), specifier);
      const to = projectOf(target);
      if (!to || to === from) continue;
      all.push({
        file: relative(ROOT, file),
        from,
        to,
        target: relative(ROOT, target).replace(/\.tsx?$/, ''),
        alias,
      });
    }
  }
  return all;
}

/** The strongly connected components of more than one lib (Tarjan), each sorted, sorted. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) connect(v);
  return components.sort((a, b) => a.join().localeCompare(b.join()));
}

describe('architecture: the dependency graph drawn from the imports', () => {
  const all = edges();

  it('imports a lib from another project only through its index.ts (today’s deep imports listed, none new)', () => {
    const deep = [
      ...new Set(
        all
          .filter(
            (e) => e.to.startsWith('libs/') && e.target !== `${e.to}/src` && e.target !== `${e.to}/src/index`,
          )
          .map((e) => `${e.file} -> ${e.target}`),
      ),
    ].sort();
    expect({ new: deep.filter((d) => !KNOWN_DEEP_IMPORTS.includes(d)) }).toEqual({ new: [] });
    expect({ fixedButStillListed: KNOWN_DEEP_IMPORTS.filter((d) => !deep.includes(d)) }).toEqual({
      fixedButStillListed: [],
    });
  });

  it('imports another project’s lib by its @hocba alias, never by a relative path to its index', () => {
    const relativeToIndex = all
      .filter(
        (e) =>
          e.to.startsWith('libs/') &&
          !e.alias &&
          (e.target === `${e.to}/src` || e.target === `${e.to}/src/index`),
      )
      .map((e) => `${e.file} -> ${e.target}`);
    expect(relativeToIndex).toEqual([]);
  });

  it('has no cycle between libs beyond today’s listed ones', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all.filter((e) => e.from.startsWith('libs/') && e.to.startsWith('libs/'))) {
      const name = (p: string) => p.slice('libs/'.length);
      if (!graph.has(name(e.from))) graph.set(name(e.from), new Set());
      graph.get(name(e.from))!.add(name(e.to));
    }
    const found = cycles(graph);
    if (JSON.stringify(found) !== JSON.stringify(KNOWN_LIB_CYCLES)) {
      // Name the imports that close each cycle, for whoever breaks it.
      const within = found.map((c) =>
        all
          .filter(
            (e) => c.includes(e.from.slice(5)) && c.includes(e.to.slice(5)) && e.from.startsWith('libs/'),
          )
          .map((e) => `${e.file} -> ${e.target}`),
      );
      throw new Error(
        `Cycles between libs: ${JSON.stringify(found)}, listed: ${JSON.stringify(KNOWN_LIB_CYCLES)}.\n` +
          `Imports within them:\n  ${[...new Set(within.flat())].sort().join('\n  ')}`,
      );
    }
  });

  it('keeps apps apart: no app imports another app, no lib imports an app', () => {
    const crossing = all
      .filter((e) => e.to.startsWith('apps/') && e.from !== 'apps/main.ts')
      .map((e) => `${e.file} -> ${e.target}`);
    expect(crossing).toEqual([]);
  });

  it('lists every app with a main.ts and every lib in nest-cli.json', () => {
    const { projects } = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }>;
    };
    const expected: Record<string, object> = {};
    for (const app of readdirSync(join(ROOT, 'apps')))
      // apps/web is a Vite app (built by vite, not the Nest CLI).
      if (app !== 'web' && statSync(join(ROOT, 'apps', app)).isDirectory())
        try {
          statSync(join(ROOT, 'apps', app, 'src', 'main.ts'));
          expected[app] = {
            type: 'application',
            root: `apps/${app}`,
            entryFile: 'main',
            sourceRoot: `apps/${app}/src`,
          };
        } catch {
          /* a folder without src/main.ts (apps/demo: the launcher's demo data) is not a project */
        }
    for (const lib of readdirSync(join(ROOT, 'libs')))
      expected[lib] = {
        type: 'library',
        root: `libs/${lib}`,
        entryFile: 'index',
        sourceRoot: `libs/${lib}/src`,
      };
    expect(projects).toEqual(expected);
  });
});
