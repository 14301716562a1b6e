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
 * - nest-cli.json lists every Nest project;
 * - @Global() only for the infrastructure every module uses, and a lib's providers are provided by
 *   its own modules only (another lib imports the module that exports them).
 * Tests (test/) may import a lib's internals: they test them. The rules are for apps/ and libs/.
 */
const ROOT = resolve(__dirname, '..');

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

/**
 * The modules that may be @Global(): infrastructure every module uses (the validated config, the
 * database and its read replica, the Redis connection). Any other module is imported by the
 * modules that need it.
 */
const GLOBAL_MODULES = ['ConfigModule', 'DatabaseModule', 'QueueModule', 'ReportsDatabaseModule'];

interface NestModule {
  file: string;
  name: string;
  global: boolean;
  /** The classes and provider objects listed in `providers` (useClass/useExisting too), with the module they are imported from (undefined: declared in the file). */
  providers: { name: string; from?: string }[];
}

/** Every @Module() class of apps/ and libs/, read with TypeScript's parser. */
function nestModules(): NestModule[] {
  const found: NestModule[] = [];
  for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const importedFrom = new Map<string, string>();
    for (const statement of source.statements)
      if (
        ts.isImportDeclaration(statement) &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.importClause?.namedBindings &&
        ts.isNamedImports(statement.importClause.namedBindings)
      )
        for (const element of statement.importClause.namedBindings.elements)
          importedFrom.set(element.name.text, statement.moduleSpecifier.text);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const decorators = (ts.getDecorators(node) ?? []).map((d) => d.expression);
        const called = (name: string) =>
          decorators.find(
            (d): d is ts.CallExpression =>
              ts.isCallExpression(d) && ts.isIdentifier(d.expression) && d.expression.text === name,
          );
        const module = called('Module');
        if (module) {
          const providers: { name: string; from?: string }[] = [];
          const options = module.arguments[0];
          const list =
            options &&
            ts.isObjectLiteralExpression(options) &&
            options.properties.find(
              (p): p is ts.PropertyAssignment =>
                ts.isPropertyAssignment(p) && p.name.getText(source) === 'providers',
            );
          const add = (e: ts.Expression) => {
            if (ts.isIdentifier(e)) providers.push({ name: e.text, from: importedFrom.get(e.text) });
          };
          if (list && ts.isArrayLiteralExpression(list.initializer))
            for (const element of list.initializer.elements) {
              add(element);
              // { provide: TOKEN, useClass: X }: the token may be another lib's (a port it defines);
              // the class given for it must be this lib's own.
              if (ts.isObjectLiteralExpression(element))
                for (const p of element.properties)
                  if (
                    ts.isPropertyAssignment(p) &&
                    ['useClass', 'useExisting'].includes(p.name.getText(source))
                  )
                    add(p.initializer);
            }
          found.push({
            file: relative(ROOT, file),
            name: node.name.text,
            global: called('Global') !== undefined,
            providers,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('architecture: the dependency graph drawn from the imports', () => {
  const all = edges();
  const modules = nestModules();

  it('imports a lib from another project only through its index.ts', () => {
    const deep = [
      ...new Set(
        all
          .filter(
            (e) => e.to.startsWith('libs/') && e.target !== `${e.to}/src` && e.target !== `${e.to}/src/index`,
          )
          .map((e) => `${e.file} -> ${e.target}`),
      ),
    ].sort();
    expect(deep).toEqual([]);
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

  it('has no cycle between libs', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all.filter((e) => e.from.startsWith('libs/') && e.to.startsWith('libs/'))) {
      const name = (p: string) => p.slice('libs/'.length);
      if (!graph.has(name(e.from))) graph.set(name(e.from), new Set());
      graph.get(name(e.from))!.add(name(e.to));
    }
    const found = cycles(graph);
    if (found.length > 0) {
      // Name the imports that close each cycle, for whoever breaks it.
      const within = found.map((c) =>
        all
          .filter(
            (e) => c.includes(e.from.slice(5)) && c.includes(e.to.slice(5)) && e.from.startsWith('libs/'),
          )
          .map((e) => `${e.file} -> ${e.target}`),
      );
      throw new Error(
        `Cycles between libs: ${JSON.stringify(found)}.\n` +
          `Imports within them:\n  ${[...new Set(within.flat())].sort().join('\n  ')}`,
      );
    }
  });

  it('imports only libs listed above it in docs/architecture.md, which lists every lib', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The libs, lowest first'), doc.indexOf('## Modules'));
    const order = [...section.matchAll(/^\| ([a-z][a-z-]*) +\|/gm)].map((m) => m[1]);
    expect([...order].sort()).toEqual(readdirSync(join(ROOT, 'libs')).sort());
    const upward = all
      .filter((e) => e.from.startsWith('libs/') && e.to.startsWith('libs/'))
      .filter((e) => order.indexOf(e.to.slice(5)) > order.indexOf(e.from.slice(5)))
      .map((e) => `${e.file} -> ${e.target} (${e.to.slice(5)} is listed below ${e.from.slice(5)})`);
    expect([...new Set(upward)]).toEqual([]);
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

  it('makes only the infrastructure modules @Global()', () => {
    expect(modules.length).toBeGreaterThan(20);
    expect(
      modules
        .filter((m) => m.global)
        .map((m) => m.name)
        .sort(),
    ).toEqual(GLOBAL_MODULES);
  });

  it('provides a lib’s providers in that lib’s modules only: another lib imports the module that exports them', () => {
    const redeclared = modules.flatMap((m) =>
      m.providers
        .filter((p) => p.from?.startsWith('@hocba/'))
        .map((p) => `${m.file} ${m.name} provides ${p.name} (${p.from})`),
    );
    expect(redeclared).toEqual([]);
  });
});
