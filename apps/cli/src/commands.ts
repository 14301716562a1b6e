import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { ROLES, UsersService, type Role } from '@hocba/auth';
import { DataSource } from 'typeorm';
import { LRS_SCOPES, LrsClientsService, type LrsScope } from '@hocba/lrs';
import { LearnersService } from '@hocba/program';
import { ProgressProjection } from '@hocba/progress';
import { FunnelTallyCompactor } from '@hocba/reports';
import { readTable } from '@hocba/spreadsheets';
import { slug, UnitsService } from '@hocba/units';

export class UsageError extends Error {}

export const USAGE = `Hocba operators' commands (the database from DATABASE_URL, as the service):

  npm run cli -- users create --username <name> --role national-admin|national-viewer|coordinator
                              [--province <name or code>]... [--password <password>]
      Without --password a random one is made and printed once.
  npm run cli -- lrs-clients create --name <platform> --scope <scope>... [--course <code>]...
      Scopes: ${LRS_SCOPES.join(', ')}. Prints the key and the secret once.
      With --course, the client writes statements about those courses' activities only.
  npm run cli -- units import <file.xlsx|file.csv>
      Columns "Tên" (Name), "Loại" (Kind: agency or province), "Tên khác" (Aliases, separated by ;).
      Adds central agencies and other spellings of provinces and agencies.
  npm run cli -- units list [--era legacy|current|agencies]
  npm run cli -- progress rebuild
      Replays every enrollment's milestones from the stored statements (after a fix to the rules),
      then recounts the report tally from the seats.
  npm run cli -- personal-data rekey
      After a new key is put first in HOCBA_PII_KEYS: re-seals and re-hashes every CCCD kept under
      an older key. The old key can leave HOCBA_PII_KEYS once this reports nothing left.`;

type Output = Record<string, unknown> | Record<string, unknown>[];

/** Runs one command; returns what to print. Throws UsageError on a bad command line. */
export async function runCommand(app: INestApplicationContext, argv: string[]): Promise<Output> {
  const [group, action, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string', multiple: true },
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      course: { type: 'string', multiple: true },
      era: { type: 'string' },
    },
  });
  const need = (name: keyof typeof values): string => {
    const v = values[name];
    if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
    return v;
  };

  if (group === 'users' && action === 'create') {
    const role = need('role');
    if (!(ROLES as readonly string[]).includes(role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const generated = values.password === undefined;
    const password = values.password ?? randomBytes(12).toString('base64url');
    const user = await app
      .get(UsersService)
      .create({ username: need('username'), password, role: role as Role, provinces: values.province });
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      provinceIds: user.provinceIds,
      ...(generated ? { password } : {}),
    };
  }
  if (group === 'lrs-clients' && action === 'create') {
    const scopes = values.scope ?? [];
    const wrong = scopes.filter((s) => !(LRS_SCOPES as readonly string[]).includes(s));
    if (scopes.length === 0 || wrong.length > 0)
      throw new UsageError(`--scope must be given, each one of ${LRS_SCOPES.join(', ')}`);
    const issued = await app
      .get(LrsClientsService)
      .issue(need('name'), scopes as LrsScope[], null, values.course);
    if (!issued) throw new Error('Key collision; run the command again');
    return issued;
  }
  if (group === 'units' && action === 'import') {
    const [path] = positionals;
    if (!path) throw new UsageError('units import needs a file');
    const table = await readTable(await readFile(path), 10_000);
    const column = (...names: string[]) => table.header.findIndex((h) => names.includes(slug(h)));
    const name = column('ten', 'name', 'ten-don-vi');
    const kind = column('loai', 'kind');
    const aliases = column('ten-khac', 'aliases', 'other-names');
    if (name < 0) throw new UsageError('the file needs a column "Tên" (Name)');
    const rows = table.rows.map((r): { name: string; kind: 'province' | 'agency'; aliases: string[] } => {
      const k = slug(r.cells[kind] ?? '');
      return {
        name: r.cells[name].trim(),
        kind: ['province', 'tinh', 'tinh-thanh-pho'].includes(k) ? 'province' : 'agency',
        aliases:
          aliases < 0
            ? []
            : (r.cells[aliases] ?? '')
                .split(';')
                .map((a) => a.trim())
                .filter(Boolean),
      };
    });
    return { rows: rows.length, ...(await app.get(UnitsService).importUnits(rows)) };
  }
  if (group === 'progress' && action === 'rebuild') {
    const started = Date.now();
    const enrollments = await app.get(ProgressProjection).rebuildAll(app.get(DataSource));
    await app.get(FunnelTallyCompactor).rebuild();
    return { enrollments, seconds: (Date.now() - started) / 1000 };
  }
  if (group === 'personal-data' && action === 'rekey') {
    return app.get(LearnersService).rekey();
  }
  if (group === 'units' && action === 'list') {
    const era = values.era ?? 'current';
    if (era !== 'legacy' && era !== 'current' && era !== 'agencies')
      throw new UsageError('--era must be legacy, current or agencies');
    const units = app.get(UnitsService);
    const list = era === 'agencies' ? await units.agencies() : await units.list(era);
    return list.map((u) => ({ id: u.id, code: u.code, name: u.name, aliases: u.aliases }));
  }
  throw new UsageError(
    group ? `unknown command "${[group, action].filter(Boolean).join(' ')}"` : 'no command given',
  );
}
