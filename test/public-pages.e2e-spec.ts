import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XAPI, { type Statement } from '@xapi/xapi';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { readTable } from '@hocba/spreadsheets';
import { binary, startAdminApp } from './support/admin';
import { launchChromium } from './support/browser';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 21: the two pages anyone can open, the verification page the QR code leads to and the
 * learner's own page, as people read them: in Debian's chromium set to English and UTC (so a date
 * in the wrong zone or an English fallback shows), on phones from 320 px up, with axe-core.
 */
const HOME = 'https://lms.public-pages.vn';
const COURSE = `${HOME}/course/view.php?id=21`;
const ISSUER = 'Trung tâm Đào tạo, Bồi dưỡng trực tuyến – Công an tỉnh Bắc Giang';
const COURSE_TITLE = 'Kiến thức, kỹ năng số cơ bản cho cán bộ, công chức cấp xã';
/**
 * 18:30 UTC on 14 March is 01:30 on 15 March in Hà Nội: the learner completes and is certified
 * in the evening of the 14th by UTC, the 15th for everyone who reads the certificate.
 */
const ISSUED_AT = new Date('2026-03-14T18:30:00Z');
const VIETNAM_DAY = '15/03/2026';
const UTC_DAY = '14/03/2026';

const completed = (name: string): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành' } },
  object: {
    objectType: 'Activity',
    id: COURSE,
    definition: { type: 'http://adlnet.gov/expapi/activities/course' },
  },
  result: { completion: true },
  timestamp: '2026-03-14T18:20:00Z',
});

/** axe-core's source, injected into each page (the pages themselves load no script). */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe('public pages', () => {
  let t: TestApp;
  let admin: string;
  let browser: Browser;
  let context: BrowserContext;
  let code: string;
  let number: string;
  let learnerPath: string;
  let cohort: string;
  const work = mkdtempSync(join(tmpdir(), 'hocba-public-pages-'));
  const as = () => ({ authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true, env: { HOCBA_ISSUER_NAME: ISSUER } }));
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({
        code: 'ky-nang-so',
        title: COURSE_TITLE,
        activityId: COURSE,
        completion: { moveOn: 'Completed' },
        certificates: { auto: true },
      })
      .expect(201);
    cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as())
        .send({
          code: 'bg-kns-1',
          title: 'Bắc Giang - Kỹ năng số, đợt 1',
          courseCode: 'ky-nang-so',
          province: 'Bắc Giang',
        })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({
        learners: [
          {
            fullName: 'Nguyễn Thị Hoàng Phương Thảo',
            account: { homePage: HOME, name: 'phuong-thao' },
            unit: 'Ủy ban nhân dân xã Tân Mộc, huyện Lục Ngạn',
          },
        ],
      })
      .expect(201);

    // The certificate is rendered and recorded at ISSUED_AT: only the clock is set (timers, I/O
    // and the database run as they do), and only until the certificate is issued.
    jest.useFakeTimers({
      now: ISSUED_AT,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
      await xapi.sendStatements({ statements: [completed('phuong-thao')] });
      for (let i = 0; i < 150 && !code; i++) {
        const [c] = (
          await request(t.url).get('/api/v1/certificates').query({ cohortId: cohort }).set(as()).expect(200)
        ).body as { state: string; code: string; number: string }[];
        if (c?.state === 'issued') ({ code, number } = c);
        else await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      jest.useRealTimers();
    }
    expect(code).toBeDefined();
    const link = await request(t.url)
      .post('/api/v1/learner-links')
      .set('authorization', BASIC)
      .send({ account: { homePage: HOME, name: 'phuong-thao' } })
      .expect(201);
    learnerPath = new URL(link.body.url as string).pathname;

    browser = await launchChromium();
    // English and UTC, as a visitor's phone may be: nothing on the pages may follow them. The
    // pages forbid scripts (CSP); the browser is told to let axe-core in anyway.
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', bypassCSP: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const open = async (path: string, width: number): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${t.url}${path}`);
    return page;
  };
  /** The certificate's PDF as a person's tool reads it (pdftotext), in NFC with spaces folded. */
  const certificateText = async () => {
    const pdf = (
      await request(t.url)
        .get(`/api/v1/certificates/${code}/pdf`)
        .set(as())
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    writeFileSync(join(work, 'certificate.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'certificate.pdf'), '-'], {
      encoding: 'utf8',
    })
      .normalize('NFC')
      .replace(/\s+/g, ' ');
  };
  const words = async (page: Page) => ((await page.locator('body').innerText()) ?? '').replace(/\s+/g, ' ');

  it('dates a certificate issued in the evening by UTC with its Vietnam day, the same in the PDF, on /v and on the learner page', async () => {
    const pdfText = await certificateText();
    expect(pdfText).toContain('Ngày 15 tháng 03 năm 2026');

    const verify = await open(`/v/${code}`, 390);
    const verifyText = await words(verify);
    expect(verifyText).toContain(`Ngày cấp / Issued ${VIETNAM_DAY}`);
    expect(verifyText).not.toContain(UTC_DAY);

    const learner = await open(learnerPath, 390);
    const learnerText = await words(learner);
    expect(learnerText).toContain(`Ngày cấp ${VIETNAM_DAY}`);
    expect(learnerText).toContain(`Được cấp giấy chứng nhận / Certified ${VIETNAM_DAY}`);
    expect(learnerText).toContain(`Hoàn thành / Completed ${VIETNAM_DAY}`);
    expect(learnerText).not.toContain(UTC_DAY);
    await verify.close();
    await learner.close();
  });

  it("lists the certificate with its Vietnam day in the cohort's certificate list (CSV and XLSX)", async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = (
        await request(t.url)
          .get(`/api/v1/cohorts/${cohort}/certificates.${format}`)
          .set(as())
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
      const table = await readTable(file, 10);
      const header = table.rows.find((r) => r.cells.includes('Ngày cấp'))!.cells;
      const row = table.rows.find((r) => r.cells.includes(number))!.cells;
      expect(row[header.indexOf('Ngày cấp')]).toBe(VIETNAM_DAY);
    }
  });

  it('names the issuing body (HOCBA_ISSUER_NAME) on the certificate, on /v and on the learner page; the motto with en dashes', async () => {
    const pdfText = await certificateText();
    expect(pdfText).toContain(ISSUER);
    expect(pdfText).toContain('Độc lập – Tự do – Hạnh phúc');
    const verify = await open(`/v/${code}`, 390);
    expect(await words(verify)).toContain(`Cơ quan cấp / Issued by ${ISSUER}`);
    const learner = await open(learnerPath, 390);
    expect(await words(learner)).toContain(ISSUER);
    await verify.close();
    await learner.close();
  });

  it.each([320, 390, 1280])(
    'reads at %i px: no sideways scrolling, the certificate number on one line, labels above values on a phone',
    async (width) => {
      for (const path of [`/v/${code}`, learnerPath]) {
        const page = await open(path, width);
        // Runs in the page; the document is reached through the body (the project's types have no DOM globals).
        const layout = await page.locator('body').evaluate((body, shown) => {
          const doc = body.ownerDocument;
          const root = doc.documentElement;
          // One line: every box of each occurrence of the number's text sits on the same line.
          const numbers: { text: string; lines: number }[] = [];
          const SHOW_TEXT = 4;
          const walker = doc.createTreeWalker(body, SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(shown);
            if (at < 0) continue;
            const range = doc.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + shown.length);
            const rects = range.getClientRects();
            const tops = new Set<number>();
            for (let i = 0; i < rects.length; i++) tops.add(Math.round(rects[i].top));
            numbers.push({ text: shown, lines: tops.size });
          }
          const dt = doc.querySelector('dt')!.getBoundingClientRect();
          const dd = doc.querySelector('dd')!.getBoundingClientRect();
          return {
            overflow: root.scrollWidth - root.clientWidth,
            numbers,
            labelAbove: dt.bottom <= dd.top + 1,
          };
        }, number);
        expect(layout.overflow).toBeLessThanOrEqual(0);
        expect(layout.numbers).toContainEqual({ text: number, lines: 1 });
        for (const n of layout.numbers) expect(n.lines).toBe(1);
        expect(layout.labelAbove).toBe(width < 640);
        await page.close();
      }
    },
  );

  it('has no serious or critical accessibility violation (axe-core) on /v and /l, valid, unknown and expired', async () => {
    const found: { path: string; id: string; impact: string | null | undefined }[] = [];
    for (const path of [`/v/${code}`, '/v/KHONGCOMA000000', learnerPath, '/l/not-a-token']) {
      for (const width of [390, 1280]) {
        const page = await open(path, width);
        await page.addScriptTag({ content: AXE });
        const violations = await page.locator('body').evaluate(async (body) => {
          const view = body.ownerDocument.defaultView as unknown as {
            axe: { run(): Promise<{ violations: unknown[] }> };
          };
          const axe = view.axe;
          return (await axe.run()).violations as { id: string; impact?: string | null }[];
        });
        for (const v of violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push({ path, id: v.id, impact: v.impact });
        await page.close();
      }
    }
    expect(found).toEqual([]);
  });
});
