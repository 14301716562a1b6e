import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import XAPI, { type Statement } from '@xapi/xapi';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProgressProjection } from '@hocba/progress';
import { FunnelRepository, FunnelTallyCompactor } from '@hocba/reports';
import { readTable } from '@hocba/spreadsheets';
import seeds from './fixtures/seed-cohorts.json';
import { binary, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';
import { rateCells } from './support/xlsx';

/**
 * The published cohorts of test/fixtures/seed-cohorts.json, rebuilt: learners enrolled through the
 * API, their learning sent as xAPI statements in the shapes Moodle (de-an-06) and cmi5 (anat) use,
 * and the funnel report must give back the published counts and correctly rounded rates.
 */
const HOME = 'https://mooc.hocba-test.vn';
const COURSES = {
  'de-an-06': { activityId: `${HOME}/course/view.php?id=6`, exam: `${HOME}/mod/quiz/view.php?id=61` },
  anat: { activityId: `${HOME}/cmi5/courses/anat`, au: `${HOME}/cmi5/au/anat-1` },
} as const;
const PREFIX: Record<string, string> = {
  'Bắc Giang': 'bg',
  'Hải Dương': 'hd',
  'Lạng Sơn': 'ls',
  'Bắc Kạn': 'bk',
  'Khánh Hòa': 'kh',
};

interface Seed {
  province: string;
  course: 'de-an-06' | 'anat';
  enrolled?: number;
  activated?: number;
  completed?: number;
  certified?: number;
  deducted?: number;
  bySector?: Record<string, number>;
  published?: Record<string, string>;
}

/** What the test builds for a seed cohort: published figures where given, plausible ones otherwise. */
function planOf(seed: Seed) {
  const completed = seed.completed ?? seed.certified ?? 0;
  const enrolled = seed.enrolled ?? completed + 50;
  const activated = seed.activated ?? completed + Math.floor((enrolled - completed) / 2);
  // Without certificates yet, the test's "passed the exam" stands where reports say certified.
  const passed = seed.certified ?? completed;
  return { enrolled, activated, completed, passed, deducted: seed.deducted ?? 0 };
}

const at = (day: string, i: number) => new Date(Date.parse(`${day}T02:00:00Z`) + i * 1000).toISOString();
const actor = (account: string) => ({
  objectType: 'Agent' as const,
  account: { homePage: HOME, name: account },
});

/** Moodle's shapes: log in (activation), view the course (start), course completed, a quiz attempt. */
function moodle(account: string, i: number, p: ReturnType<typeof planOf>): Statement[] {
  const out: Statement[] = [];
  if (i >= p.activated) return out;
  const category = { category: [{ id: HOME }] };
  out.push({
    actor: actor(account),
    verb: { id: 'https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login' },
    object: { id: HOME },
    timestamp: at('2024-05-20', i),
  });
  out.push({
    actor: actor(account),
    verb: { id: 'http://id.tincanapi.com/verb/viewed' },
    object: { id: COURSES['de-an-06'].activityId },
    context: { contextActivities: category },
    timestamp: at('2024-05-21', i),
  });
  if (i < p.completed) {
    // Half finished in May, half in June: a report as of 31 May counts the first half.
    const day = i % 2 === 0 ? '2024-05-28' : '2024-06-03';
    out.push({
      actor: actor(account),
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: `${HOME}/mod/quiz/attempt.php?attempt=${i}&cmid=61` },
      result: { completion: true, success: i < p.passed, score: { scaled: i < p.passed ? 0.9 : 0.4 } },
      context: {
        contextActivities: {
          ...category,
          parent: [{ id: COURSES['de-an-06'].exam }, { id: COURSES['de-an-06'].activityId }],
        },
      },
      timestamp: at(day, i),
    });
    out.push({
      actor: actor(account),
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: COURSES['de-an-06'].activityId },
      context: { contextActivities: category },
      timestamp: at(day, i + 1),
    });
  }
  return out;
}

/** cmi5's shapes for a one-AU course: launched, completed, passed or failed on the AU. */
function cmi5(account: string, i: number, p: ReturnType<typeof planOf>): Statement[] {
  if (i >= p.activated) return [];
  const registration = randomUUID();
  const context = {
    registration,
    contextActivities: {
      grouping: [{ id: `${HOME}/publisher/anat-1` }],
      category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }],
    },
  };
  const on = (verb: string, extra: Partial<Statement>, day: string): Statement => ({
    actor: actor(account),
    verb: { id: verb },
    object: { id: COURSES.anat.au },
    context,
    timestamp: at(day, i),
    ...extra,
  });
  const out = [on('http://adlnet.gov/expapi/verbs/launched', {}, '2024-06-10')];
  if (i < p.completed)
    out.push(on('http://adlnet.gov/expapi/verbs/completed', { result: { completion: true } }, '2024-06-11'));
  if (i < p.completed) {
    const passed = i < p.passed;
    out.push(
      on(
        `http://adlnet.gov/expapi/verbs/${passed ? 'passed' : 'failed'}`,
        { result: { success: passed, score: { scaled: passed ? 0.92 : 0.5 } } },
        '2024-06-12',
      ),
    );
  }
  return out;
}

describe('funnel report', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const cohorts = new Map<string, { id: string; seed: Seed; plan: ReturnType<typeof planOf> }>();
  const funnel = async (query: Record<string, string>, token = admin) =>
    (await request(t.url).get('/api/v1/reports/funnel').query(query).set(as(token)).expect(200)).body;

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'de-an-06',
        title: seeds.courses['de-an-06'].title,
        activityId: COURSES['de-an-06'].activityId,
        completion: {
          moveOn: 'Completed',
          exam: { activityId: COURSES['de-an-06'].exam, masteryScore: 0.8 },
        },
      })
      .expect(201);
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'anat',
        title: seeds.courses.anat.title,
        activityId: COURSES.anat.activityId,
        completion: {
          moveOn: 'Completed',
          requiredActivities: [COURSES.anat.au],
          exam: { activityId: COURSES.anat.au, masteryScore: 0.8 },
        },
      })
      .expect(201);

    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    const statements: Statement[] = [];
    for (const seed of seeds.cohorts as Seed[]) {
      const plan = planOf(seed);
      const code = `${PREFIX[seed.province]}-${seed.course}`;
      const cohort = (
        await request(t.url)
          .post('/api/v1/cohorts')
          .set(as(admin))
          .send({
            code,
            title: `${seed.province} ${seed.course}`,
            courseCode: seed.course,
            province: seed.province,
            wave: 'đợt 1',
          })
          .expect(201)
      ).body as { id: string };
      cohorts.set(code, { id: cohort.id, seed, plan });
      const sectors = seed.bySector
        ? Object.entries(seed.bySector).flatMap(([sector, n]) => Array<string>(n).fill(sector))
        : [];
      // The same people take both courses in a province: learner-enrollments differ from unique learners.
      const learners = Array.from({ length: plan.enrolled }, (_, i) => ({
        fullName: `Học viên ${seed.province} ${i}`.normalize(i % 3 === 0 ? 'NFD' : 'NFC'),
        account: { homePage: HOME, name: `${PREFIX[seed.province]}-${i}` },
        level: (['tinh', 'huyen', 'xa'] as const)[i % 3],
        sector: sectors[i] ?? 'khac',
      }));
      const res = await request(t.url)
        .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
        .set(as(admin))
        .send({ learners })
        .expect(201);
      expect([code, res.body.created, res.body.errors]).toEqual([code, plan.enrolled, []]);
      for (let i = 0; i < plan.enrolled; i++)
        statements.push(
          ...(seed.course === 'anat' ? cmi5 : moodle)(`${PREFIX[seed.province]}-${i}`, i, plan),
        );
    }
    for (let i = 0; i < statements.length; i += 1000)
      await xapi.sendStatements({ statements: statements.slice(i, i + 1000) });

    // Bắc Giang's deductions, "reported by district police": taken from the learners who did not complete.
    const bg = cohorts.get('bg-de-an-06')!;
    const seats = (
      await request(t.url).get(`/api/v1/cohorts/${bg.id}/enrollments`).set(as(admin)).expect(200)
    ).body as { id: string; learner: { account: { name: string } } }[];
    const toDeduct = seats
      .filter((s) => Number(s.learner.account.name.split('-')[1]) >= bg.plan.completed)
      .slice(0, bg.plan.deducted);
    for (const s of toDeduct)
      await request(t.url)
        .post(`/api/v1/enrollments/${s.id}/deduction`)
        .set(as(admin))
        .send({ reason: 'Công an huyện báo giảm trừ', effectiveOn: '2024-06-15' })
        .expect(204);
  }, 180_000);
  afterAll(async () => t?.close());

  it('gives back every published count, per cohort', async () => {
    const report = await funnel({ groupBy: 'cohort', era: 'legacy' });
    for (const [code, { id, seed, plan }] of cohorts) {
      const row = report.rows.find((r: { key: string }) => r.key === id);
      const expected: Record<string, number> = {
        enrolled: plan.enrolled,
        activated: plan.activated,
        started: plan.activated,
        completed: plan.completed,
        passed: plan.passed,
        deducted: plan.deducted,
      };
      for (const field of ['enrolled', 'activated', 'completed', 'deducted'] as const)
        if (seed[field] !== undefined) expect([code, field, row[field]]).toEqual([code, field, seed[field]]);
      expect([code, row]).toMatchObject([code, expected]);
    }
  });

  it('rounds rates correctly: Bắc Giang activation is 99.7% (3,226 of 3,235), and the other published rates agree', async () => {
    const report = await funnel({ groupBy: 'cohort', era: 'legacy' });
    const bg = report.rows.find((r: { key: string }) => r.key === cohorts.get('bg-de-an-06')!.id);
    expect(bg.rates.activated).toBe(0.9972);
    expect(bg.rates.completed).toBe(0.9363);
    // 176 deducted, all among those who had not completed: 3,029 of 3,059.
    expect(bg.adjustedRates.completed).toBe(0.9902);
    const field: Record<string, string> = {
      activation: 'activated',
      completion: 'completed',
      certified: 'passed',
    };
    for (const { id, seed } of cohorts.values()) {
      const row = report.rows.find((r: { key: string }) => r.key === id);
      for (const [name, published] of Object.entries(seed.published ?? {})) {
        if (seed.province === 'Bắc Giang' && seed.course === 'de-an-06' && name === 'activation') continue; // the source's slip, checked above
        const decimals = published.includes('.') ? published.split('.')[1].length - 1 : 0;
        const ours = (row.rates[field[name]] * 100).toFixed(decimals);
        expect([seed.province, seed.course, name, `${ours}%`]).toEqual([
          seed.province,
          seed.course,
          name,
          published.replace(/\.0+%$/, '%'),
        ]);
      }
    }
  });

  it("splits Khánh Hòa's 1,289 by sector (935 police, 354 civil servants) and counts unique learners apart from learner-enrollments", async () => {
    const kh = await funnel({ groupBy: 'sector', cohortId: cohorts.get('kh-de-an-06')!.id });
    const completed = Object.fromEntries(
      kh.rows.map((r: { key: string; completed: number }) => [r.key, r.completed]),
    );
    expect(completed).toEqual({ 'cong-an': 935, cbccvc: 354, khac: 0 });
    expect(kh.rows.find((r: { key: string }) => r.key === 'cong-an').label).toBe('Công an');
    const bg = await funnel({ groupBy: 'province', era: 'legacy', province: 'Bắc Giang' });
    expect(bg.rows).toEqual([
      expect.objectContaining({ label: 'Bắc Giang', enrolled: 3235 + 622, learners: 3235 }),
    ]);
  });

  it('rolls the old provinces up into the new ones, ranks them, and counts coverage', async () => {
    const legacy = await funnel({ groupBy: 'province', era: 'legacy' });
    expect(legacy.coverage).toEqual({ provinces: 63, withCohorts: 5, started: 5 });
    const current = await funnel({ groupBy: 'province', era: 'current', rankBy: 'completed' });
    expect(current.coverage.provinces).toBe(34);
    const labels = current.rows.map((r: { label: string }) => r.label).sort();
    expect(labels).toEqual(['Bắc Ninh', 'Hải Phòng', 'Khánh Hòa', 'Lạng Sơn', 'Thái Nguyên']);
    expect(current.totals.enrolled).toBe(legacy.totals.enrolled);
    const ranks = current.rows.map((r: { rank: number }) => r.rank);
    expect(ranks[0]).toBe(1);
    const rates = current.rows.map((r: { rates: { completed: number } }) => r.rates.completed);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });

  it('answers as of a past date: completions of June are not counted on 31 May', async () => {
    const code = 'ls-de-an-06';
    const may = await funnel({ groupBy: 'cohort', cohortId: cohorts.get(code)!.id, asOf: '2024-05-31' });
    expect(may.asOf).toBe('2024-05-31');
    expect(may.rows[0].completed).toBe(Math.ceil(cohorts.get(code)!.plan.completed / 2));
    expect(may.rows[0].activated).toBe(cohorts.get(code)!.plan.activated);
    const before = await funnel({ groupBy: 'cohort', cohortId: cohorts.get(code)!.id, asOf: '2024-05-19' });
    expect(before.rows[0]).toMatchObject({ activated: 0, started: 0, completed: 0 });
    expect(Date.parse(may.dataAsOf)).toBeLessThanOrEqual(Date.now());
  });

  it('exports CSV (UTF-8 with BOM) and XLSX with Vietnamese headers, the definitions and the time of the data', async () => {
    const csv = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'cohort', era: 'legacy', format: 'csv' })
      .set(as(admin))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('Tỷ lệ kích hoạt');
    expect(csv.text).toContain('Bắc Giang');
    expect(csv.text).toContain('99,7%');
    const xlsx = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'province', era: 'legacy', format: 'xlsx' })
      .set(as(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const table = await readTable(xlsx.body as Buffer, 100);
    // Days and the data time as people write them, in Vietnam time.
    expect(table.header[0]).toMatch(
      /số liệu đến hết ngày \d{2}\/\d{2}\/\d{4} \(giờ Việt Nam\); dữ liệu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./,
    );
    expect(table.rows.map((r) => r.cells[1])).toContain('Tổng cộng');
  });

  it("holds rates in XLSX as numbers with a percentage format (one decimal), equal to the API's fractions", async () => {
    const query = { groupBy: 'province', era: 'legacy' };
    const report = (
      await request(t.url).get('/api/v1/reports/funnel').query(query).set(as(admin)).expect(200)
    ).body as { rows: { label: string; rates: Record<string, number | null> }[] };
    const xlsx = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ ...query, format: 'xlsx' })
      .set(as(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const cells = await rateCells(xlsx.body as Buffer, 'Phễu học tập', 'Hạng', 1);
    // Five rates and five after deductions, for each province and the total.
    expect(cells.length).toBeGreaterThanOrEqual(10 * (report.rows.length + 1));
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.Number);
      expect(cell.numFmt).toBe('0.0%');
    }
    const bacGiang = report.rows.find((r) => r.label === 'Bắc Giang')!;
    expect(cells.find((c) => c.row === 'Bắc Giang' && c.column === 'Tỷ lệ kích hoạt')!.value).toBe(
      bacGiang.rates.activated,
    );
    // Headers in sentence case, from the one glossary.
    expect(cells.map((c) => c.column)).toContain('Tỷ lệ được cấp giấy chứng nhận');
  });

  it('shows a coordinator only their provinces, in the query itself', async () => {
    await request(t.url)
      .post('/api/v1/users')
      .set(as(admin))
      .send({
        username: 'cb-lang-son',
        password: 'mat-khau-dieu-phoi-2026',
        role: 'coordinator',
        provinces: ['Lạng Sơn'],
      })
      .expect(201);
    const token = (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'cb-lang-son', password: 'mat-khau-dieu-phoi-2026' })
        .expect(200)
    ).body.accessToken as string;
    const mine = await funnel({ groupBy: 'province', era: 'legacy' }, token);
    expect(mine.rows.map((r: { label: string }) => r.label)).toEqual(['Lạng Sơn']);
    const other = await funnel({ groupBy: 'cohort', cohortId: cohorts.get('bg-de-an-06')!.id }, token);
    expect(other.rows).toEqual([]);
    await request(t.url).get('/api/v1/reports/unmatched-actors').set(as(token)).expect(403);
  });

  it('takes back what a voided statement set, applies statements sent before enrollment, and keeps those of unknown learners', async () => {
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    const lsId = cohorts.get('ls-de-an-06')!.id;
    const seats = (await request(t.url).get(`/api/v1/cohorts/${lsId}/enrollments`).set(as(admin)).expect(200))
      .body as { learner: { account: { name: string } }; milestones: { completedAt: string | null } }[];
    expect(seats.find((s) => s.learner.account.name === 'ls-0')!.milestones.completedAt).toBe(
      at('2024-05-28', 1),
    );
    // Void ls-0's course completion: it is no longer completed.
    const [completion] = (
      await xapi.getStatements({
        agent: actor('ls-0'),
        verb: 'http://adlnet.gov/expapi/verbs/completed',
        activity: COURSES['de-an-06'].activityId,
      })
    ).data.statements;
    await xapi.voidStatement({
      actor: { objectType: 'Agent', mbox: 'mailto:c06@hocba-test.vn' },
      statementId: completion.id as string,
    });
    const after = await funnel({ groupBy: 'cohort', cohortId: lsId });
    expect(after.rows[0].completed).toBe(cohorts.get('ls-de-an-06')!.plan.completed - 1);

    // A learner who studied before being enrolled, and one nobody enrolled.
    const late = actor('ls-late');
    await xapi.sendStatements({
      statements: [
        {
          actor: late,
          verb: { id: 'http://id.tincanapi.com/verb/viewed' },
          object: { id: COURSES['de-an-06'].activityId },
          timestamp: '2024-05-22T03:00:00Z',
        },
        {
          actor: late,
          verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
          object: { id: COURSES['de-an-06'].activityId },
          timestamp: '2024-05-29T03:00:00Z',
        },
        {
          actor: actor('stranger'),
          verb: { id: 'http://id.tincanapi.com/verb/viewed' },
          object: { id: COURSES['de-an-06'].activityId },
        },
      ],
    });
    const unmatched = (
      await request(t.url).get('/api/v1/reports/unmatched-actors').set(as(admin)).expect(200)
    ).body as { agentKey: string; statements: number }[];
    expect(unmatched.map((u) => u.agentKey)).toEqual(
      expect.arrayContaining([`account:${HOME}|ls-late`, `account:${HOME}|stranger`]),
    );
    await request(t.url)
      .post(`/api/v1/cohorts/${lsId}/enrollments`)
      .set(as(admin))
      .send({ learners: [{ fullName: 'Học viên muộn', account: { homePage: HOME, name: 'ls-late' } }] })
      .expect(201);
    const enrolledLate = await funnel({ groupBy: 'cohort', cohortId: lsId });
    expect(enrolledLate.rows[0].completed).toBe(cohorts.get('ls-de-an-06')!.plan.completed);
    const still = (await request(t.url).get('/api/v1/reports/unmatched-actors').set(as(admin)).expect(200))
      .body as { agentKey: string }[];
    expect(still.map((u) => u.agentKey)).toEqual([`account:${HOME}|stranger`]);
  });

  it('drills down from a figure to the learners behind it, and gives coordinators the lists to chase', async () => {
    const bg = cohorts.get('bg-de-an-06')!;
    const notActivated = (
      await request(t.url)
        .get('/api/v1/reports/funnel/learners')
        .query({ groupBy: 'cohort', key: bg.id, missing: 'activated' })
        .set(as(admin))
        .expect(200)
    ).body as { fullName: string; activatedAt: string | null }[];
    expect(notActivated).toHaveLength(bg.plan.enrolled - bg.plan.activated);
    expect(notActivated.every((l) => l.activatedAt === null)).toBe(true);
    const startedNotCompleted = (
      await request(t.url)
        .get('/api/v1/reports/funnel/learners')
        .query({ cohortId: bg.id, reached: 'started', missing: 'completed', limit: '10000' })
        .set(as(admin))
        .expect(200)
    ).body as { deducted: boolean }[];
    expect(startedNotCompleted).toHaveLength(bg.plan.activated - bg.plan.completed);
    expect(startedNotCompleted.filter((l) => l.deducted)).toHaveLength(bg.plan.deducted);
    const csv = await request(t.url)
      .get('/api/v1/reports/funnel/learners')
      .query({ cohortId: bg.id, missing: 'activated', format: 'csv' })
      .set(as(admin))
      .expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(2 + notActivated.length);
    await request(t.url)
      .get('/api/v1/reports/funnel/learners')
      .query({ limit: '0' })
      .set(as(admin))
      .expect(400);
    await request(t.url)
      .get('/api/v1/reports/funnel/learners')
      .query({ missing: 'enlightened' })
      .set(as(admin))
      .expect(400);
  });

  it('shows a learner the statements that set their milestones', async () => {
    const ls = cohorts.get('ls-de-an-06')!;
    const seats = (
      await request(t.url).get(`/api/v1/cohorts/${ls.id}/enrollments`).set(as(admin)).expect(200)
    ).body as { id: string; learner: { account: { name: string } } }[];
    const seat = seats.find((s) => s.learner.account.name === 'ls-2')!;
    const progress = (
      await request(t.url).get(`/api/v1/enrollments/${seat.id}/progress`).set(as(admin)).expect(200)
    ).body;
    expect(progress.milestones.completed.at).toBe(at('2024-05-28', 3));
    const completion = progress.statements.find(
      (st: { id: string }) => st.id === progress.milestones.completed.statementId,
    );
    expect(completion).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: COURSES['de-an-06'].activityId },
    });
    expect(
      progress.statements.find((st: { id: string }) => st.id === progress.milestones.activated.statementId)
        .verb.id,
    ).toBe('https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login');
  });

  it('gives each milestone day by day, in Vietnam time', async () => {
    const ls = cohorts.get('ls-de-an-06')!;
    const daily = (
      await request(t.url)
        .get('/api/v1/reports/funnel/daily')
        .query({ cohortId: ls.id, from: '2024-05-19', to: '2024-06-04' })
        .set(as(admin))
        .expect(200)
    ).body as { days: { date: string; activated: number; completed: number }[] };
    expect(daily.days).toHaveLength(17);
    const on = (date: string) => daily.days.find((d) => d.date === date)!;
    expect(on('2024-05-20').activated).toBe(ls.plan.activated);
    // June's and May's completions, less ls-0's (voided above), plus the late learner's on 29 May.
    expect([on('2024-05-28').completed, on('2024-05-29').completed, on('2024-06-03').completed]).toEqual([
      Math.ceil(ls.plan.completed / 2) - 1,
      1,
      Math.floor(ls.plan.completed / 2),
    ]);
    expect(on('2024-05-19')).toMatchObject({ activated: 0, started: 0, completed: 0 });
  });

  it("follows an Open edX course from the platform's own statements: registered, block progress, passed, then a regrade to failed", async () => {
    const edx = (name: string) =>
      JSON.parse(
        readFileSync(
          join(__dirname, 'fixtures', 'xapi-corpus', 'openedx-event-routing-backends', name),
          'utf8',
        ),
      ) as Statement;
    const course = 'http://localhost:18000/course/course-v1:edX+DemoX+Demo_Course';
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'edx-demo',
        title: 'Demonstration Course',
        activityId: course,
        completion: { moveOn: 'Passed' },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({ code: 'bk-edx', title: 'Bắc Kạn edX', courseCode: 'edx-demo', province: 'Bắc Kạn' })
        .expect(201)
    ).body as { id: string };
    const home = 'http://localhost:18000';
    const learners = [0, 1, 2, 3].map((i) => ({
      fullName: `Học viên edX ${i}`,
      account: { homePage: home, name: `edx-${i}` },
    }));
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(as(admin))
      .send({ learners })
      .expect(201);
    const as_ = (file: string, i: number, minute: number): Statement => {
      const { id: _id, ...rest } = edx(file);
      void _id;
      return {
        ...rest,
        actor: { objectType: 'Agent', account: { homePage: home, name: `edx-${i}` } },
        timestamp: `2024-07-01T08:${String(minute).padStart(2, '0')}:00Z`,
      };
    };
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    await xapi.sendStatements({
      statements: [
        as_('edx.course.enrollment.activated.json', 0, 1),
        as_('edx.course.enrollment.activated.json', 1, 1),
        as_('edx.completion.block_completion.changed.json', 1, 2),
        as_('edx.course.enrollment.activated.json', 2, 1),
        as_('edx.course.grade.passed.first_time.json', 2, 3),
        as_('edx.course.grade.now_failed.json', 2, 4),
      ],
    });
    const [row] = (await funnel({ groupBy: 'cohort', cohortId: cohort.id })).rows;
    expect(row).toMatchObject({ enrolled: 4, activated: 3, started: 3, completed: 1, passed: 1 });
  });

  it("counts a cmi5 statement carrying the enrollment's registration as inside the course", async () => {
    const registration = '6f1c2b7e-3f4a-4c5d-9e8f-0a1b2c3d4e5f';
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({ code: 'ks-anat', title: 'Khánh Hòa anat', courseCode: 'anat', province: 'Khánh Hòa' })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as(admin))
      .send({
        learners: [
          { fullName: 'Phan Văn Đăng Ký', account: { homePage: HOME, name: 'dang-ky' }, registration },
        ],
      })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as(admin))
      .send({
        learners: [
          {
            fullName: 'Phan Văn Đăng Ký',
            account: { homePage: HOME, name: 'dang-ky' },
            registration: 'not-a-uuid',
          },
        ],
      })
      .expect(201)
      .expect((r) => expect(r.body.errors[0]).toMatchObject({ field: 'registration' }));
    const [seat] = (
      await request(t.url).get(`/api/v1/cohorts/${cohort}/enrollments`).set(as(admin)).expect(200)
    ).body;
    expect(seat.registration).toBe(registration);
    // An AU the course does not list, named only by its publisher id: inside the course by registration alone.
    await new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' }).sendStatement({
      statement: {
        actor: actor('dang-ky'),
        verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' },
        object: { objectType: 'Activity', id: 'https://publisher.example/anat/au-extra' },
        context: {
          registration,
          contextActivities: { grouping: [{ id: 'https://publisher.example/anat/au-extra' }] },
        },
        timestamp: '2024-07-01T02:00:00Z',
      },
    });
    const progress = (
      await request(t.url).get(`/api/v1/enrollments/${seat.id}/progress`).set(as(admin)).expect(200)
    ).body;
    expect(progress.milestones.started).toMatchObject({ at: '2024-07-01T02:00:00.000Z' });
  });

  it('keeps the funnel tally equal to a count of the seats through replacements, removals and compaction', async () => {
    const db = t.app.get(DataSource);
    const repository = t.app.get(FunnelRepository);
    const seatsOf = async (code: string) =>
      (
        await request(t.url)
          .get(`/api/v1/cohorts/${cohorts.get(code)!.id}/enrollments`)
          .set(as(admin))
          .expect(200)
      ).body as { id: string; learner: { account: { name: string } } }[];
    const completedSeat = (await seatsOf('bk-anat')).find((s) => s.learner.account.name === 'bk-0')!;
    const otherSeat = (await seatsOf('hd-de-an-06')).find((s) => s.learner.account.name === 'hd-1')!;
    // A seat that had completed goes to a learner of another province who has statements already
    // (so one person then holds two seats); another is replaced, and the replacement undone.
    await request(t.url)
      .post(`/api/v1/enrollments/${completedSeat.id}/replacement`)
      .set(as(admin))
      .send({ learner: { fullName: 'Học viên Hải Dương 0', account: { homePage: HOME, name: 'hd-0' } } })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/enrollments/${otherSeat.id}/replacement`)
      .set(as(admin))
      .send({ learner: { fullName: 'Người thay thế tạm', account: { homePage: HOME, name: 'thay-tam' } } })
      .expect(201);
    await request(t.url).delete(`/api/v1/enrollments/${otherSeat.id}/replacement`).set(as(admin)).expect(204);

    const compare = async () => {
      for (const era of ['legacy', 'current'] as const)
        for (const asOf of [undefined, '2024-05-20', '2024-05-31', '2024-06-15', '2024-06-20'])
          for (const groupBy of ['province', 'cohort', 'course'] as const) {
            const f = { scope: null, era, asOf };
            expect([groupBy, era, asOf, await repository.groups(groupBy, f, 'tally')]).toEqual([
              groupBy,
              era,
              asOf,
              await repository.groups(groupBy, f, 'seats'),
            ]);
            expect(await repository.learnersTotal(f, 'tally')).toBe(
              await repository.learnersTotal(f, 'seats'),
            );
          }
    };
    await compare();
    const shards = async () =>
      (await db.query(`SELECT DISTINCT shard FROM funnel_tally ORDER BY shard`)).map(
        (r: { shard: number }) => r.shard,
      );
    expect((await shards()).some((s: number) => s !== 0)).toBe(true);
    expect(await new FunnelTallyCompactor(db).compact()).toBeGreaterThan(0);
    expect(await shards()).toEqual([0]);
    await compare();
  });

  it('rebuilds every projection from the stored statements to the same figures', async () => {
    const before = await funnel({ groupBy: 'cohort', era: 'legacy' });
    const db = t.app.get(DataSource);
    await db.query('DELETE FROM enrollment_progress');
    expect((await funnel({ groupBy: 'cohort', era: 'legacy' })).totals.activated).toBe(0);
    const rebuilt = await t.app.get(ProgressProjection).rebuildAll(db);
    expect(rebuilt).toBe(
      before.totals.enrolled +
        (await db.query(`SELECT count(*)::int AS n FROM enrollment WHERE status = 'replaced'`))[0].n,
    );
    const after = await funnel({ groupBy: 'cohort', era: 'legacy' });
    expect(after.rows).toEqual(before.rows);
    expect(after.totals).toEqual(before.totals);
  });
});
