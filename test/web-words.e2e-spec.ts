import { rmSync } from 'node:fs';
import XAPI, { type Statement } from '@xapi/xapi';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { ADMIN, binary, startAdminApp } from './support/admin';
import { ENGLISH_UTC_DESKTOP, launchChromium } from './support/browser';
import { BASIC, type TestApp } from './support/test-app';
import { buildWebApp } from './support/web-build';

/**
 * Issue 21, "no English in the Vietnamese interface": every screen of the web app, as the roles
 * that see it (a national administrator, a coordinator, a national viewer), its dialogs, its date
 * picker, its chart, and its failures (a wrong password, a cohort that does not exist, a file with
 * bad rows), in Debian's chromium set to English and UTC so that anything falling back to the
 * browser's language or the component kit's defaults shows. On each, the text a person can see
 * or hear (visible text, and the names, titles and placeholders screen readers and tooltips give)
 * is searched for English words of user interfaces.
 *
 * Left out on purpose: text inside <code> and <pre> (codes, keys, raw JSON: data as the machine
 * has it), and what people typed or imported themselves (names, titles).
 */
const HOME = 'https://lms.web-words.vn';
const COURSE = `${HOME}/course/view.php?id=12`;
const EXAM = `${HOME}/mod/quiz/view.php?id=13`;
const COORDINATOR = { username: 'kh-dieu-phoi', password: 'mat-khau-khanh-hoa-2026' };
const VIEWER = { username: 'c06-xem', password: 'mat-khau-chi-xem-2026' };
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/**
 * English words that would be a leak on a Vietnamese screen: the component kit's and the
 * browser's defaults, words of errors the API writes, and this app's own English catalogue.
 * Matched as whole words, case-sensitively (capitalised as labels are; lower case as sentences
 * have them). Words that are also Vietnamese ("to", "in", "Sa" of Trường Sa) or codes people
 * type (xAPI scopes such as "statements/read", course addresses such as "/course/view.php") are
 * not listed.
 */
const ENGLISH = [
  // The kit's and browsers' defaults: buttons, pagers, calendars, pickers.
  ...['Time', 'Date', 'Day', 'Month', 'Year', 'Today', 'Loading', 'Error', 'Errors', 'Warning'],
  ...['Cancel', 'Save', 'Submit', 'Delete', 'Remove', 'Edit', 'Create', 'Add', 'Close', 'Open'],
  ...['Clear', 'Reset', 'Confirm', 'Search', 'Filter', 'Sort', 'Select', 'Choose', 'Browse'],
  ...['Upload', 'Download', 'Export', 'Import', 'Copy', 'Copied', 'Show', 'Hide', 'Menu'],
  ...['Login', 'Log in', 'Logout', 'Log out', 'Sign in', 'Username', 'Password'],
  ...['Next', 'Previous', 'First', 'Last', 'Page', 'Pages', 'Rows', 'Back', 'Home', 'Yes', 'No'],
  ...['All', 'None', 'Nothing found', 'No such', 'Not found', 'No results', 'No data', 'No rows'],
  ...['Unauthorized', 'Forbidden', 'Invalid', 'Required', 'Expired', 'Failed', 'Unknown'],
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'],
  ...['October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  ...['Saturday', 'Sunday', 'Mon', 'Tue', 'Wed', 'Fri', 'Sat', 'Sun', 'Mo', 'Tu', 'We', 'Fr'],
  // This app's English words.
  ...['Dashboard', 'Overview', 'Cohort', 'Cohorts', 'Course', 'Courses', 'Learner', 'Learners'],
  ...['Province', 'Certificate', 'Certificates', 'Enrolled', 'Activated', 'Started', 'Completed'],
  ...['Passed', 'Certified', 'Rate', 'Total', 'Status', 'State', 'Actions', 'Week', 'Users'],
  ...['Role', 'Platform', 'Platforms', 'Audit', 'Training', 'Reason', 'Name', 'Title', 'Wave'],
  // Sentences of errors, and the codes of the audit log.
  ...['must', 'required', 'invalid', 'not', 'of', 'the', 'is', 'and', 'with', 'rows', 'page'],
  ...['loading', 'error', 'failed', 'cannot', 'please', 'should', 'expected', 'unknown'],
  ...['already', 'exists', 'outside', 'created', 'updated', 'deleted', 'disabled', 'revoked'],
  ...['reissued', 'deducted', 'replaced', 'erased', 'imported', 'enrolled', 'password-reset'],
  ...['enrollment', 'certificate', 'learner', 'lrs-client', 'training-record'],
];
const LEAK = new RegExp(`(?<![\\p{L}\\p{N}_/.-])(${ENGLISH.join('|')})(?![\\p{L}\\p{N}_/-])`, 'u');

/**
 * The text of the screen as people meet it: visible text, then names, titles and placeholders.
 * (Browser code as a string: this project's test types have no DOM.)
 */
const SCREEN_TEXT = `(() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !parent || parent.closest('code, pre, script, style, noscript')) continue;
    // Hidden text does not count; text only screen readers get (visually hidden) does.
    if (!parent.checkVisibility({ visibilityProperty: true })) continue;
    out.push(text);
  }
  const names = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription', 'aria-description'];
  for (const el of document.querySelectorAll(names.map((n) => '[' + n + ']').join(', ')))
    for (const name of names) if (el.getAttribute(name)) out.push(el.getAttribute(name));
  // A select of the kit shows its chosen option's label as the value of its (read-only) input.
  for (const input of document.querySelectorAll('input[readonly]'))
    if (input.value && input.checkVisibility()) out.push(input.value);
  return out;
})()`;

async function textOf(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(SCREEN_TEXT);
}

/** The English words found on the screen, each with the text it was found in. */
async function englishOn(page: Page): Promise<string[]> {
  return (await textOf(page)).flatMap((text) => {
    const m = LEAK.exec(text);
    return m ? [`"${m[1]}" in "${text.slice(0, 120)}"`] : [];
  });
}

/** A control by its label, exactly, whether or not the label marks it required (" *"). */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

const statement = (learner: string, verb: string, day: string, object = COURSE): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name: learner } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: { objectType: 'Activity', id: object },
  ...(verb === 'completed' ? { result: { completion: true } } : {}),
  ...(verb === 'passed' ? { result: { success: true, score: { scaled: 0.9 } } } : {}),
  timestamp: `${day}T03:00:00Z`,
});

describe('web app: no English on a Vietnamese screen', () => {
  let t: TestApp;
  let admin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cohort: string;
  /** Every screen scanned, with the English found on it (expected: none). */
  const scanned: [string, string[]][] = [];
  let webDir: string;
  const as = () => ({ authorization: `Bearer ${admin}` });

  /** Scans the screen as it is now, under a name for the report. */
  const scan = async (screen: string, on: Page = page) => {
    scanned.push([screen, await englishOn(on)]);
  };
  /** What every screen scanned so far found; cleared for the next test. */
  const found = () => scanned.splice(0).filter(([, leaks]) => leaks.length);

  async function logIn(who: { username: string; password: string }, on: Page = page): Promise<void> {
    await on.goto(`${t.url}/#/login`);
    await on.getByLabel('Tên đăng nhập').fill(who.username);
    await on.getByLabel('Mật khẩu').fill(who.password);
    await on.getByRole('button', { name: 'Đăng nhập' }).click();
    await on.getByRole('heading', { level: 1 }).first().waitFor();
  }

  async function logOut(): Promise<void> {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  }

  /** The rows of a file's errors table, cell by cell, as people read them. */
  const rowErrors = () =>
    page.$$eval('table.errors tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)),
    );

  /** Opens a screen from the main navigation and waits for its title. */
  async function open(link: string, heading = link): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: link })
      .click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  /** Opens a dialog with a button, scans it, and closes it with its own close button. */
  async function dialog(button: Locator, screen: string, inside?: (d: Locator) => Promise<void>) {
    await button.click();
    const d = page.getByRole('dialog');
    await d.waitFor();
    await inside?.(d);
    await scan(screen);
    await d.getByRole('button', { name: 'Đóng' }).click();
    await d.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    webDir = buildWebApp('hocba-web-words-');
    ({ t, admin } = await startAdminApp({ worker: true, env: { HOCBA_WEB_DIR: webDir } }));
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({
        code: 'de-an-06',
        title: 'Kiến thức Đề án 06',
        activityId: COURSE,
        completion: { moveOn: 'Completed', exam: { activityId: EXAM, masteryScore: 0.8 } },
        certificates: { auto: true },
      })
      .expect(201);
    cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as())
        .send({
          code: 'kh-06-1',
          wave: 'Đợt 1',
          title: 'Khánh Hòa - Đề án 06',
          courseCode: 'de-an-06',
          province: 'Khánh Hòa',
          startsOn: '2026-11-02',
          endsOn: '2026-11-30',
        })
        .expect(201)
    ).body.id as string;
    const learners = Array.from({ length: 8 }, (_, i) => ({
      fullName: `Trần Thị Học Viên ${i + 1}`,
      nationalId: `0561990000${String(i + 10)}`,
      account: { homePage: HOME, name: `kh-${i + 1}` },
      unit: 'Công an tỉnh',
    }));
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({ learners })
      .expect(201);
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    await xapi.sendStatements({
      statements: learners.flatMap((l, i) => [
        ...(i < 6 ? [statement(l.account.name, 'launched', '2026-11-20')] : []),
        ...(i < 4 ? [statement(l.account.name, 'completed', `2026-11-2${i + 1}`)] : []),
        ...(i < 3 ? [statement(l.account.name, 'passed', `2026-11-2${i + 2}`, EXAM)] : []),
      ]),
    });
    for (const user of [
      { ...COORDINATOR, role: 'coordinator', provinces: ['Khánh Hòa'] },
      { ...VIEWER, role: 'national-viewer' },
    ])
      await request(t.url).post('/api/v1/users').set(as()).send(user).expect(201);
    await request(t.url)
      .post('/api/v1/training-records')
      .set(as())
      .send({
        unit: 'Khánh Hòa',
        kind: 'self-organised',
        title: 'Tập huấn tại tỉnh',
        date: '2026-11-18',
        participants: 60,
      })
      .expect(201);
    await request(t.url)
      .post('/api/v1/lrs-clients')
      .set(as())
      .send({ name: 'MOOC Khánh Hòa', scopes: ['statements/write'] })
      .expect(201);
    // The four who completed get their certificates by themselves: wait for them.
    for (let i = 0; i < 300; i++) {
      const list = (
        await request(t.url).get('/api/v1/certificates').query({ cohortId: cohort }).set(as()).expect(200)
      ).body as { state: string }[];
      if (list.filter((c) => c.state === 'issued').length === 4) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launchChromium();
    context = await browser.newContext(ENGLISH_UTC_DESKTOP);
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('finds an English word on a screen when there is one (the scan itself)', async () => {
    await page.goto(`${t.url}/#/login`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.evaluate(`(() => {
      const p = document.createElement('p');
      p.textContent = 'Đang tải… Loading';
      const b = document.createElement('button');
      b.setAttribute('aria-label', 'Next page');
      const hidden = document.createElement('p');
      hidden.textContent = 'Hidden Cancel';
      hidden.style.display = 'none';
      const code = document.createElement('code');
      code.textContent = 'statements/read Cancel';
      document.body.append(p, b, hidden, code);
    })()`);
    const leaks = await englishOn(page);
    expect(leaks).toEqual(
      expect.arrayContaining(['"Loading" in "Đang tải… Loading"', '"Next" in "Next page"']),
    );
    // Neither what no one sees nor a code.
    expect(leaks.filter((l) => l.includes('Cancel'))).toEqual([]);
  });

  it('has the site’s icon on the web app and on the public pages', async () => {
    await page.goto(`${t.url}/`);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await request(t.url).get('/favicon.svg').buffer(true).parse(binary).expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((icon.body as Buffer).toString('utf8')).toContain('<svg');
    const verify = await request(t.url).get('/v/HB-NO-SUCH-CODE');
    expect(verify.text).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
  });

  it('speaks Vietnamese on every screen a national administrator opens, failures included', async () => {
    // The login page, then a wrong password.
    await page.goto(`${t.url}/#/login`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await scan('login');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill('not the password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    await scan('failed login');
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // The national overview: its table, its charts (the day chart's legend named and dated in
    // Vietnamese once a day is pointed at), its date picker open.
    await page.locator('table.funnel tbody tr').first().waitFor();
    await page.locator('.daily-chart .u-over').waitFor();
    await scan('national overview');
    await page.locator('.daily-chart .u-over').hover({ position: { x: 200, y: 100 } });
    const legend = page.locator('.daily-chart .u-legend .u-series').first();
    expect(await legend.locator('.u-label').textContent()).toBe('Ngày');
    expect(await legend.locator('.u-value').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await scan('national overview, a day of the chart pointed at');
    const asOf = page.getByLabel('Tính đến ngày');
    expect(await asOf.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await asOf.click();
    await page.getByRole('button', { name: 'Tháng trước' }).waitFor();
    await scan('national overview, the date picker open');
    await page.keyboard.press('Escape');

    // A province, then the list of cohorts and a new cohort's dialog with its refusals.
    await page.getByRole('link', { name: 'Khánh Hòa', exact: true }).click();
    await page.getByRole('link', { name: 'Khánh Hòa - Đề án 06' }).waitFor();
    await scan('province');
    await open('Các lớp');
    await page.locator('table.cohorts tbody tr a').first().waitFor();
    await scan('all cohorts');
    await dialog(page.getByRole('button', { name: 'Tạo lớp' }), 'new cohort, refused', async (d) => {
      await d.getByRole('button', { name: 'Tạo' }).click();
      await d.getByText('Bắt buộc').first().waitFor();
      await d.getByLabel('Ngày bắt đầu').click();
      await page.getByRole('button', { name: 'Tháng sau' }).waitFor();
      await scan('new cohort, the date picker open');
      await d.getByRole('heading', { name: 'Tạo lớp' }).click(); // the calendar closes
    });

    // The cohort: learners, certificates, the file of learners with bad rows, each dialog.
    await page.getByRole('link', { name: 'Khánh Hòa - Đề án 06' }).click();
    await page.locator('table.learners tbody tr').first().waitFor();
    await page.locator('table.certificates tbody tr').first().waitFor();
    await scan('cohort');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'danh-sach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Họ và tên,Số CCCD,Cấp,Email\nLê Văn Mới,056199000201,Tỉnh,\n,056199000202,Tỉnh,\nPhạm Thị Sai,12345,Trung ương,khong-phai-email\n',
      ),
    });
    await page.getByRole('button', { name: 'Kiểm tra trước (không ghi)' }).click();
    await page.locator('table.errors tbody tr').first().waitFor();
    // Each row's errors, named by the file's own column, in Vietnamese (in any order within a row).
    expect((await rowErrors()).sort()).toEqual(
      [
        ['3', 'Họ và tên', '"Họ và tên" không được để trống'],
        ['4', 'Số CCCD', '"Số CCCD" phải gồm đúng 12 chữ số'],
        ['4', 'Cấp', '"Cấp": giá trị "Trung ương" không hợp lệ, phải là Tỉnh, Huyện hoặc Xã'],
        ['4', 'Email', '"Email" không phải là địa chỉ email'],
      ].sort(),
    );
    await scan('cohort, a file with bad rows checked');
    const row = page.locator('table.learners tbody tr').first();
    await dialog(row.getByRole('button', { name: 'Giảm trừ' }), 'deduction dialog', async (d) => {
      await d.getByRole('button', { name: 'Lưu' }).click();
      await d.getByText('Lý do cần ít nhất 3 ký tự').waitFor();
    });
    await dialog(row.getByRole('button', { name: 'Thay thế' }), 'replacement dialog', async (d) => {
      await d.getByLabel('Số CCCD').fill('123');
      await d.getByText('Số CCCD gồm đúng 12 chữ số').waitFor();
    });
    const certificate = page.locator('table.certificates tbody tr', { hasText: 'Còn hiệu lực' }).first();
    await dialog(certificate.getByRole('button', { name: 'Thu hồi' }), 'revocation dialog');
    await dialog(certificate.getByRole('button', { name: 'Cấp lại' }), 'reissue dialog');

    // A learner's page, then a cohort and a seat that do not exist.
    await page.locator('table.learners tbody tr a').first().click();
    await page.locator('table.statements tbody tr').first().waitFor();
    await scan('learner');
    await page.goto(`${t.url}/#/cohort/${NO_SUCH}`);
    const missing = page.getByRole('alert');
    await missing.waitFor();
    expect(await missing.textContent()).toMatch(/^Không tìm thấy/);
    await scan('a cohort that does not exist');
    await page.goto(`${t.url}/#/enrollment/${NO_SUCH}`);
    await page.getByRole('alert').waitFor();
    await scan('a seat that does not exist');

    // Courses: the list, a new course refused (its code taken), a course's edit dialog.
    await open('Khóa học');
    await page.getByRole('cell', { name: 'Kiến thức Đề án 06' }).waitFor();
    await scan('courses');
    await dialog(page.getByRole('button', { name: 'Tạo khóa học' }), 'new course, refused', async (d) => {
      await field(d, 'Mã').fill('DE-AN-06');
      await field(d, 'Tên').fill('Trùng mã');
      await d.getByLabel('Mã hoạt động (IRI của khóa học)').fill(`${HOME}/course/view.php?id=99`);
      await d.getByRole('button', { name: 'Tạo' }).click();
      await d.getByText('Mã "de-an-06" đã có').waitFor();
    });
    await dialog(page.getByRole('button', { name: 'Sửa de-an-06' }), 'course edit dialog');

    // Training records: the list, a new record's dialog, a file with a bad row.
    await open('Số liệu đào tạo');
    await page.getByRole('cell', { name: '18/11/2026' }).waitFor();
    await scan('training records');
    await dialog(page.getByRole('button', { name: 'Thêm số liệu' }), 'new training record', async (d) => {
      await d.getByRole('button', { name: 'Lưu' }).click();
      await d.getByText('Bắt buộc').first().waitFor();
    });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'tap-huan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Đơn vị,Hình thức,Ngày,Số người\nKhánh Hòa,Tự tổ chức,mai,30\nNơi nào đó,Khác,20/11/2026,-1\n',
      ),
    });
    await page.getByRole('button', { name: 'Kiểm tra trước (không ghi)' }).click();
    await page.locator('table.errors tbody tr').first().waitFor();
    expect((await rowErrors()).sort()).toEqual(
      [
        ['2', '"Ngày" phải là một ngày (ngày/tháng/năm)'],
        ['3', '"Hình thức" phải là Tự tổ chức hoặc Trên nền tảng'],
        ['3', '"Số người tham gia" không được âm'],
      ].sort(),
    );
    await scan('training records, a file with bad rows checked');

    // Weekly reports: one built.
    await open('Báo cáo tuần');
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.locator('table.report-packs tbody tr', { hasText: 'XLSX' }).waitFor({ timeout: 60_000 });
    await scan('weekly reports');

    // Users: the list and each dialog.
    await open('Người dùng');
    await page.getByRole('cell', { name: COORDINATOR.username }).waitFor();
    await scan('users');
    await dialog(page.getByRole('button', { name: 'Tạo người dùng' }), 'new user, refused', async (d) => {
      await d.getByLabel('Tên đăng nhập').fill('x');
      await d.getByLabel('Mật khẩu').fill('ngan');
      await d.getByText('Mật khẩu cần ít nhất 12 ký tự').waitFor();
    });
    const viewerRow = page.locator('table.users tbody tr', { hasText: VIEWER.username });
    await dialog(viewerRow.getByRole('button', { name: 'Đặt lại mật khẩu' }), 'password reset dialog');
    await dialog(viewerRow.getByRole('button', { name: 'Vô hiệu hóa' }), 'disable user dialog');

    // Platforms: the list, a new key's dialog, its secret shown once.
    await open('Nền tảng (LRS)');
    await page.getByRole('cell', { name: 'MOOC Khánh Hòa' }).waitFor();
    await scan('platforms');
    await page.getByRole('button', { name: 'Tạo khóa nền tảng' }).click();
    await field(page.getByRole('dialog'), 'Tên').fill('Nền tảng thử');
    await scan('new platform dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo' }).click();
    await page.locator('[data-testid="secret-once"]').waitFor();
    await scan('platform secret shown once');
    await dialog(
      page
        .locator('table.platforms tbody tr', { hasText: 'MOOC Khánh Hòa' })
        .getByRole('button', { name: 'Vô hiệu hóa' }),
      'disable platform dialog',
    );

    // The audit log, its period's picker open.
    await open('Nhật ký thao tác');
    await page.locator('table.audit tbody tr').first().waitFor();
    await scan('audit log');
    await page.getByLabel('Từ ngày').click();
    await page.getByRole('button', { name: 'Tháng trước' }).waitFor();
    await scan('audit log, the date picker open');
    await page.keyboard.press('Escape');

    // Finding a learner: no one, then someone, and the erasure's dialog.
    await open('Tra cứu học viên');
    await scan('learner lookup');
    await page.getByLabel('Số CCCD').fill('079199999999');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByText('Không tìm thấy.').waitFor();
    await scan('learner lookup, no one found');
    await page.getByLabel('Số CCCD').fill('056199000010');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('cell', { name: 'Trần Thị Học Viên 1' }).waitFor();
    await dialog(page.getByRole('button', { name: 'Xóa dữ liệu cá nhân' }), 'erasure dialog', async (d) => {
      await d.getByRole('button', { name: 'Xóa dữ liệu cá nhân' }).click();
      await d.getByText('Lý do cần ít nhất 3 ký tự').waitFor();
    });
    await logOut();
    expect(found()).toEqual([]);
  }, 240_000);

  it('speaks Vietnamese to a coordinator, on a desktop and on a phone', async () => {
    await logIn(COORDINATOR);
    await page.locator('table.cohorts tbody tr a').first().waitFor();
    await scan('coordinator home');
    await page.getByRole('link', { name: 'Khánh Hòa - Đề án 06' }).click();
    await page.locator('table.learners tbody tr').first().waitFor();
    await scan('coordinator cohort');
    await open('Số liệu đào tạo');
    await page.getByRole('cell', { name: '18/11/2026' }).waitFor();
    await scan('coordinator training records');
    await logOut();

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'en-US',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    const small = await phone.newPage();
    await logIn(COORDINATOR, small);
    await small.locator('table.cohorts tbody tr a').first().waitFor();
    await small.getByRole('button', { name: 'Mở menu' }).click();
    await small.getByRole('link', { name: 'Số liệu đào tạo' }).waitFor();
    await scan('coordinator on a phone, the menu open', small);
    await phone.close();
    expect(found()).toEqual([]);
  });

  it('speaks Vietnamese to a national viewer, who reads only', async () => {
    await logIn(VIEWER);
    await page.locator('table.funnel tbody tr').first().waitFor();
    await scan('viewer overview');
    await page.goto(`${t.url}/#/cohort/${cohort}`);
    await page.locator('table.certificates tbody tr').first().waitFor();
    await scan('viewer cohort');
    await open('Báo cáo tuần');
    await page.locator('table.report-packs tbody tr').first().waitFor();
    await scan('viewer weekly reports');
    await logOut();
    expect(found()).toEqual([]);
  });
});
