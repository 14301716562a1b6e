/**
 * Demo data for a first look (`HOCBA_DEMO_DATA=on` with `npm start`): two courses, cohorts in
 * sixteen provinces, a few thousand learners and their statements over the last six weeks, sent
 * through the service's own API as a platform and a coordinator would. Runs once, on a database
 * with no course. Deterministic (a seeded generator), invented names, no CCCD.
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Hữu'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hương',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Trang',
  'Tuấn',
  'Yến',
];
const UNITS = [
  'Công an tỉnh',
  'Sở Tư pháp',
  'Sở Thông tin và Truyền thông',
  'UBND huyện',
  'UBND xã',
  'Sở Nội vụ',
];
/** Legacy provinces (the 2024 reports' map) and how far along each is. */
const PROVINCES: [string, number][] = [
  ['Bắc Giang', 0.95],
  ['Hải Dương', 0.85],
  ['Khánh Hòa', 0.8],
  ['Lạng Sơn', 0.6],
  ['Thanh Hóa', 0.7],
  ['Nghệ An', 0.55],
  ['Hà Nội', 0.75],
  ['Thành phố Hồ Chí Minh', 0.65],
  ['Đà Nẵng', 0.9],
  ['Cần Thơ', 0.5],
  ['Quảng Ninh', 0.85],
  ['Lâm Đồng', 0.45],
  ['Bình Định', 0.6],
  ['Điện Biên', 0.35],
  ['Cà Mau', 0.4],
  ['Thừa Thiên Huế', 0.7],
];
const HOME = 'https://mooc.demo.hocba.vn';
const COURSES = [
  {
    code: 'de-an-06',
    title: 'Kiến thức chuyển đổi số hỗ trợ triển khai Đề án 06',
    path: 'de-an-06',
    exam: true,
  },
  {
    code: 'an-toan-so',
    title: 'Nâng cao nhận thức an toàn trên không gian số',
    path: 'an-toan-so',
    exam: false,
  },
];

/** Mulberry32: the same demo every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoCredentials {
  url: string;
  admin: { username: string; password: string };
  lrs: { key: string; secret: string };
}

async function api(
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  basic?: string,
) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(basic ? { authorization: basic, 'x-experience-api-version': '1.0.3' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Seeds the demo unless a course exists; returns how much it made, or undefined when it did nothing. */
export async function seedDemoData(
  c: DemoCredentials,
  now = new Date(),
): Promise<{ learners: number; statements: number } | undefined> {
  const { accessToken } = (await api(c.url, 'POST', '/api/v1/auth/login', undefined, c.admin)) as {
    accessToken: string;
  };
  const courses = (await api(c.url, 'GET', '/api/v1/courses', accessToken)) as unknown[];
  if (courses.length > 0) return undefined;
  const basic = `Basic ${Buffer.from(`${c.lrs.key}:${c.lrs.secret}`).toString('base64')}`;
  const rnd = random(6);
  const day = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * 86_400_000 - rnd() * 8 * 3_600_000).toISOString();
  for (const course of COURSES) {
    await api(c.url, 'POST', '/api/v1/courses', accessToken, {
      code: course.code,
      title: course.title,
      activityId: `${HOME}/courses/${course.path}`,
      completion: course.exam
        ? {
            moveOn: 'CompletedAndPassed',
            exam: { activityId: `${HOME}/courses/${course.path}/final-exam`, masteryScore: 0.7 },
          }
        : { moveOn: 'Completed' },
      certificates: { auto: true },
    });
  }
  let learners = 0;
  let statements = 0;
  for (const [p, [province, progress]] of PROVINCES.entries()) {
    for (const [k, course] of COURSES.entries()) {
      if (k === 1 && p % 3 === 2) continue; // not every province runs both courses
      const code = `demo-${p + 1}-${course.code}`;
      const { id } = (await api(c.url, 'POST', '/api/v1/cohorts', accessToken, {
        code,
        title: `${province} – ${course.title}, đợt 1`,
        courseCode: course.code,
        province,
        wave: 'Đợt 1',
      })) as { id: string };
      const size = 40 + Math.floor(rnd() * 160);
      const people = Array.from({ length: size }, (_, i) => ({
        fullName: `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`,
        account: { homePage: HOME, name: `${code}-${i + 1}` },
        unit: UNITS[Math.floor(rnd() * UNITS.length)],
        level: (['tinh', 'huyen', 'xa'] as const)[Math.floor(rnd() * 3)],
        sector: (['cong-an', 'cbccvc', 'khac'] as const)[Math.floor(rnd() * 3)],
      }));
      await api(c.url, 'POST', `/api/v1/cohorts/${id}/enrollments`, accessToken, { learners: people });
      learners += size;
      const batch: object[] = [];
      const activity = (suffix = '') => ({
        objectType: 'Activity',
        id: `${HOME}/courses/${course.path}${suffix}`,
      });
      for (const person of people) {
        const actor = { objectType: 'Agent', name: person.fullName, account: person.account };
        const verb = (v: string) => ({ id: `http://adlnet.gov/expapi/verbs/${v}`, display: { 'vi-VN': v } });
        if (rnd() > 0.35 + progress * 0.6) continue; // never activated
        const start = 10 + Math.floor(rnd() * 32);
        batch.push({ actor, verb: verb('launched'), object: activity(), timestamp: day(start) });
        if (rnd() > progress + 0.1) continue;
        const done = Math.max(0, start - 2 - Math.floor(rnd() * 10));
        batch.push({
          actor,
          verb: verb('completed'),
          object: activity(),
          result: { completion: true },
          timestamp: day(done),
        });
        if (course.exam) {
          const score = 0.5 + rnd() * 0.5;
          batch.push({
            actor,
            verb: verb(score >= 0.7 ? 'passed' : 'failed'),
            object: activity('/final-exam'),
            result: { score: { scaled: Math.round(score * 100) / 100 }, success: score >= 0.7 },
            timestamp: day(Math.max(0, done - 1)),
          });
        }
      }
      for (let i = 0; i < batch.length; i += 500)
        await api(c.url, 'POST', '/xapi/statements', undefined, batch.slice(i, i + 500), basic);
      statements += batch.length;
    }
  }
  return { learners, statements };
}
