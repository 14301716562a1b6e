import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Each table has one owning lib: only the owner writes it, and only the owner reads it, but for the
 * read exceptions named below. Other libs call the owner's exported service. Checked on the SQL
 * text of apps/ and libs/ (FROM, JOIN, INTO, UPDATE, DELETE FROM, TABLE <name> in string and
 * template literals, read with TypeScript's parser so comments do not count) and on the TypeORM
 * entities (an entity class is used by its owner only). docs/architecture.md shows the same map.
 */
const ROOT = resolve(__dirname, '..');

/**
 * Every table: the lib that owns it, its entity when it has one (libs/<lib>/src/entities/), and
 * the file whose SQL reads and writes it (where a newcomer looks first).
 */
const OWNERS: Record<string, { lib: string; entity?: string; sql: string }> = {
  activity_definition: { lib: 'lrs', sql: 'libs/lrs/src/activities/activities.repository.ts' },
  admin_unit: { lib: 'units', entity: 'AdminUnitEntity', sql: 'libs/units/src/units.repository.ts' },
  admin_unit_key: { lib: 'units', sql: 'libs/units/src/units.repository.ts' },
  app_user: { lib: 'auth', entity: 'UserEntity', sql: 'libs/auth/src/users.repository.ts' },
  attachment: { lib: 'lrs', sql: 'libs/lrs/src/statements/statements.repository.ts' },
  audit_log: { lib: 'audit', entity: 'AuditLogEntity', sql: 'libs/audit/src/audit-log.writer.ts' },
  auth_session: { lib: 'auth', entity: 'AuthSessionEntity', sql: 'libs/auth/src/users.repository.ts' },
  certificate: {
    lib: 'certificates',
    entity: 'CertificateEntity',
    sql: 'libs/certificates/src/certificates.repository.ts',
  },
  cohort: { lib: 'program', entity: 'CohortEntity', sql: 'libs/program/src/cohorts.repository.ts' },
  course: { lib: 'program', entity: 'CourseEntity', sql: 'libs/program/src/courses.repository.ts' },
  enrollment: {
    lib: 'program',
    entity: 'EnrollmentEntity',
    sql: 'libs/program/src/enrollments.repository.ts',
  },
  enrollment_progress: { lib: 'progress', sql: 'libs/progress/src/progress.repository.ts' },
  funnel_tally: { lib: 'reports', sql: 'libs/reports/src/funnel.repository.ts' },
  job: { lib: 'jobs', entity: 'JobEntity', sql: 'libs/jobs/src/jobs.repository.ts' },
  learner: { lib: 'program', entity: 'LearnerEntity', sql: 'libs/program/src/learners.repository.ts' },
  learner_link: { lib: 'certificates', sql: 'libs/certificates/src/learner-links.repository.ts' },
  learner_multi_seat: { lib: 'reports', sql: 'libs/reports/src/funnel.repository.ts' },
  lrs_client: {
    lib: 'lrs',
    entity: 'LrsClientEntity',
    sql: 'libs/lrs/src/clients/lrs-clients.repository.ts',
  },
  lrs_document: { lib: 'lrs', sql: 'libs/lrs/src/documents/documents.repository.ts' },
  lrs_projection: { lib: 'lrs', sql: 'libs/lrs/src/activities/activities.repository.ts' },
  outbox: { lib: 'jobs', sql: 'libs/jobs/src/outbox.repository.ts' },
  pii_key: { lib: 'privacy', sql: 'libs/privacy/src/personal-data.service.ts' },
  report_pack: {
    lib: 'training',
    entity: 'ReportPackEntity',
    sql: 'libs/training/src/report-packs.repository.ts',
  },
  signing_key: { lib: 'auth', sql: 'libs/auth/src/users.repository.ts' },
  statement: { lib: 'lrs', sql: 'libs/lrs/src/statements/statements.repository.ts' },
  statement_activity: { lib: 'lrs', sql: 'libs/lrs/src/statements/statements.repository.ts' },
  statement_agent: { lib: 'lrs', sql: 'libs/lrs/src/statements/statements.repository.ts' },
  statement_id: { lib: 'lrs', sql: 'libs/lrs/src/statements/statements.repository.ts' },
  training_record: {
    lib: 'training',
    entity: 'TrainingRecordEntity',
    sql: 'libs/training/src/training.repository.ts',
  },
  unmatched_actor: { lib: 'progress', sql: 'libs/progress/src/progress.repository.ts' },
};

/** Tables only a migration names: the statement tables before partitioning (migration 1765400000000). */
const MIGRATION_ONLY = [
  'statement_activity_unpartitioned',
  'statement_agent_unpartitioned',
  'statement_unpartitioned',
];

/**
 * The reads of another lib's tables that are allowed, each in the files named only (never a write).
 * Every one must still happen (a stale line fails), so the list keeps telling the truth.
 */
const READ_EXCEPTIONS: { lib: string; files: string[]; tables: string[]; why: string }[] = [
  {
    lib: '*',
    files: ['*'],
    tables: ['admin_unit'],
    why: 'reference data: the fixed map of provinces and agencies; a query joins it to name a province or roll one up on a map (units exports provinceOnMapSql for that)',
  },
  {
    lib: 'progress',
    files: ['libs/progress/src/progress.repository.ts'],
    tables: ['cohort', 'course', 'enrollment', 'learner'],
    why: 'the progress projection (a hot path): each batch of statements is matched to its actors’ seats and their course’s rule in one prepared statement inside the statements’ transaction, as measured in bench/ingest.ts',
  },
  {
    lib: 'reports',
    files: ['libs/reports/src/funnel.repository.ts'],
    tables: ['cohort', 'course', 'enrollment', 'enrollment_progress', 'learner', 'unmatched_actor'],
    why: 'the reports: the funnel’s set-based queries join the seats, their progress and their provinces in one statement, on the read replica when there is one; the reports lib is the one lib that reads others’ tables for reporting, and it only reads',
  },
];

/** Every .ts source of a folder, but for unit tests and migrations (which make every table). */
function sources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'migrations', 'web'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sources(path));
    else if (/\.ts$/.test(name) && !/\.spec\.ts$/.test(name)) files.push(path);
  }
  return files;
}

/** `program` for libs/program/…; undefined for an app (apps own no table). */
const libOf = (file: string): string | undefined => {
  const [top, name] = relative(ROOT, file).split('/');
  return top === 'libs' ? name : undefined;
};

interface Touch {
  file: string;
  line: number;
  table: string;
  access: 'read' | 'write';
}

/**
 * A keyword and the table after it. Upper case only, as the project writes SQL: "moved from cohort
 * …" in a message is prose (a test below keeps query text upper case).
 */
const SQL =
  /\b(DELETE\s+FROM|INSERT\s+INTO|UPDATE|FROM|JOIN|INTO|TABLE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?(?=[\s,;()]|$)/g;

/** Literals that start like a query written in lower case (the scan above would not see its tables). */
const LOWER_CASE_QUERY = /^\s*(select|insert into|update|delete from|with)\s/;

/** The literals of a file that start like a lower-case query. */
function lowerCaseQueries(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) &&
      LOWER_CASE_QUERY.test(node.text)
    )
      found.push(`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The tables a file's string and template literals name after a SQL keyword. */
function touches(file: string, tables: Set<string>, text = readFileSync(file, 'utf8')): Touch[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Touch[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      for (const [, keyword, table] of node.text.matchAll(SQL))
        if (tables.has(table))
          found.push({
            file: relative(ROOT, file),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            table,
            access: /^(FROM|JOIN)$/i.test(keyword) ? 'read' : 'write',
          });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The entity classes (@Entity({ name })) of the libs: class, table, file. */
function entities(): { name: string; table: string; file: string }[] {
  const found: { name: string; table: string; file: string }[] = [];
  for (const file of sources(join(ROOT, 'libs'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/@Entity\(\{\s*name:\s*'([a-z_]+)'[^)]*\)[\s\S]*?export class (\w+)/g))
      found.push({ table: m[1], name: m[2], file: relative(ROOT, file) });
  }
  return found;
}

/** The names a file imports, with the module each comes from. */
function imports(file: string): { name: string; from: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((s) =>
    ts.isImportDeclaration(s) &&
    ts.isStringLiteral(s.moduleSpecifier) &&
    s.importClause?.namedBindings &&
    ts.isNamedImports(s.importClause.namedBindings)
      ? s.importClause.namedBindings.elements.map((e) => ({
          name: (e.propertyName ?? e.name).text,
          from: (s.moduleSpecifier as ts.StringLiteral).text,
        }))
      : [],
  );
}

describe('table owners: each table is read and written by the lib that owns it', () => {
  const tables = new Set(Object.keys(OWNERS));
  const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))];
  const all = files.flatMap((f) => touches(f, tables));
  const allowed = (t: Touch) =>
    READ_EXCEPTIONS.some(
      (x) =>
        t.access === 'read' &&
        x.tables.includes(t.table) &&
        (x.lib === '*' || x.lib === libOf(t.file)) &&
        (x.files.includes('*') || x.files.includes(t.file)),
    );
  const foreign = all.filter((t) => libOf(join(ROOT, t.file)) !== OWNERS[t.table].lib);

  it('names an owner for every table the migrations make', () => {
    const made = new Set<string>();
    const dir = join(ROOT, 'libs/database/src/migrations');
    for (const name of readdirSync(dir))
      for (const m of readFileSync(join(dir, name), 'utf8').matchAll(
        /\b(?:CREATE TABLE(?: IF NOT EXISTS)?|RENAME TO)\s+([a-z_][a-z0-9_]*)(?=[\s(`]|$)/g,
      ))
        made.add(m[1]);
    expect([...made].sort()).toEqual([...tables, ...MIGRATION_ONLY].sort());
  });

  it('finds the SQL it checks (the scan reads literals, not comments)', () => {
    // Each owner's named file holds SQL on its table (or uses its entity), and a comment naming a
    // table counts for nothing.
    for (const [table, owner] of Object.entries(OWNERS)) {
      const touched =
        all.some((t) => t.table === table && t.file === owner.sql) ||
        (owner.entity !== undefined && readFileSync(join(ROOT, owner.sql), 'utf8').includes(owner.entity));
      expect({ table, touched }).toEqual({
        table,
        touched: true,
      });
    }
    const probe = [
      '// SELECT * FROM enrollment: a comment',
      "const note = 'people move from enrollment to enrollment';",
      'const q = `DELETE FROM enrollment WHERE id IN (SELECT e.id FROM ${table} JOIN enrollment e ON true)`;',
    ].join('\n');
    expect(touches(join(ROOT, 'libs/x/src/probe.ts'), new Set(['enrollment']), probe)).toEqual([
      { file: 'libs/x/src/probe.ts', line: 3, table: 'enrollment', access: 'write' },
      { file: 'libs/x/src/probe.ts', line: 3, table: 'enrollment', access: 'read' },
    ]);
    // The scan reads upper-case keywords: every query is written so.
    expect(files.flatMap(lowerCaseQueries)).toEqual([]);
  });

  it('lets no lib but the owner write a table, and no app touch one', () => {
    expect(
      foreign
        .filter((t) => t.access === 'write' || !libOf(join(ROOT, t.file)))
        .map((t) => `${t.file}:${t.line} ${t.access}s ${t.table} (owner: ${OWNERS[t.table].lib})`),
    ).toEqual([]);
  });

  it('lets no lib but the owner read a table, but for the exceptions named with their reason', () => {
    expect(
      foreign
        .filter((t) => !allowed(t))
        .map((t) => `${t.file}:${t.line} ${t.access}s ${t.table} (owner: ${OWNERS[t.table].lib})`),
    ).toEqual([]);
    const stale = READ_EXCEPTIONS.flatMap((x) =>
      x.tables
        .filter(
          (table) =>
            !foreign.some(
              (t) =>
                t.table === table &&
                (x.lib === '*' || x.lib === libOf(join(ROOT, t.file))) &&
                (x.files.includes('*') || x.files.includes(t.file)),
            ),
        )
        .map((table) => `${x.lib} reads ${table}`),
    );
    expect({ staleExceptions: stale }).toEqual({ staleExceptions: [] });
  });

  it('keeps each entity in its owner’s src/entities/, named for what it maps', () => {
    const found = entities();
    expect(
      found
        .map((e) => ({ table: e.table, entity: e.name, owner: e.file.split('/')[1] }))
        .sort((a, b) => a.table.localeCompare(b.table)),
    ).toEqual(
      Object.entries(OWNERS)
        .filter(([, o]) => o.entity)
        .map(([table, o]) => ({ table, entity: o.entity, owner: o.lib })),
    );
    for (const e of found) {
      expect(e.file).toBe(`libs/${OWNERS[e.table].lib}/src/entities/${basename(e.file)}`);
      expect(basename(e.file)).toMatch(/^[a-z-]+\.entity\.ts$/);
    }
  });

  it('lets no lib but the owner use an entity (TypeORM repositories, forFeature, query builders)', () => {
    const ownerOf = new Map(entities().map((e) => [e.name, OWNERS[e.table].lib]));
    const misuse = files.flatMap((file) =>
      imports(file)
        .filter((i) => ownerOf.has(i.name) && ownerOf.get(i.name) !== libOf(file))
        .map((i) => `${relative(ROOT, file)} imports ${i.name} (owner: ${ownerOf.get(i.name)})`),
    );
    expect(misuse).toEqual([]);
  });

  it('is the map docs/architecture.md shows', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*([a-z-]+)\s*\|/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(Object.entries(OWNERS).map(([table, o]) => [table, o.lib])),
    );
  });
});
