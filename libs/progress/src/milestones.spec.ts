import { fold, signalsOf, VERBS, type CourseRule, type Progress } from './milestones';

const COURSE = 'https://mooc.example.vn/courses/de-an-06';
const EXAM = `${COURSE}/final-exam`;
let n = 0;
const st = (
  verb: string,
  object: string,
  extra: Record<string, unknown> = {},
  timestamp = `2024-05-${String(10 + n).padStart(2, '0')}T08:00:00Z`,
) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  timestamp,
  verb: { id: verb },
  object: { id: object },
  ...extra,
});
const empty = (): Progress => ({ activities: {} });
const run = (course: CourseRule, statements: ReturnType<typeof st>[]) =>
  fold(
    empty(),
    statements.flatMap((s) => signalsOf(s, course) ?? []),
    course,
  );

describe('milestones', () => {
  const withExam: CourseRule = {
    activityId: COURSE,
    moveOn: 'CompletedAndPassed',
    requiredActivities: [],
    exam: { activityId: EXAM, masteryScore: 0.8 },
  };

  it('activates on any statement, starts inside the course (object or context), completes and passes per the rule', () => {
    const login = st('https://w3id.org/xapi/adl/verbs/logged-in', 'https://mooc.example.vn');
    const lesson = st('http://adlnet.gov/expapi/verbs/experienced', `${COURSE}/lesson-1`, {
      context: { contextActivities: { parent: [{ id: COURSE }] } },
    });
    const done = st(VERBS.completed, COURSE);
    const exam = st('http://adlnet.gov/expapi/verbs/answered', EXAM, { result: { score: { scaled: 0.85 } } });
    const p = run(withExam, [exam, done, lesson, login]);
    expect(p.activated?.by).toBe(login.id);
    expect(p.started?.by).toBe(lesson.id);
    expect(p.passed?.by).toBe(exam.id);
    // Completed and passed: met when the later of the two arrived.
    expect(p.completed).toEqual({ at: new Date(exam.timestamp).toISOString(), by: exam.id });
  });

  it('keeps a pass once reached: a later failed on the exam takes nothing back', () => {
    const pass = st(VERBS.passed, EXAM, { result: { success: true } });
    const fail = st('http://adlnet.gov/expapi/verbs/failed', EXAM, {
      result: { success: false, score: { scaled: 0.3 } },
    });
    expect(run(withExam, [pass, fail]).passed?.by).toBe(pass.id);
  });

  it('does not pass below the mastery score, and ignores statements of other courses for starting', () => {
    const low = st('http://adlnet.gov/expapi/verbs/answered', EXAM, { result: { score: { scaled: 0.79 } } });
    const other = st(VERBS.completed, 'https://mooc.example.vn/courses/anat');
    const p = run(withExam, [low, other]);
    expect(p.passed).toBeUndefined();
    expect(p.started?.by).toBe(low.id);
    expect(p.courseCompleted).toBeUndefined();
    expect(p.activated).toBeDefined();
  });

  it("follows Open edX's passed on the course and cmi5's satisfied", () => {
    const openEdx: CourseRule = { activityId: COURSE, moveOn: 'Passed', requiredActivities: [] };
    expect(run(openEdx, [st(VERBS.passed, COURSE)]).completed).toBeDefined();
    const cmi5: CourseRule = { activityId: COURSE, moveOn: 'CompletedAndPassed', requiredActivities: [] };
    const satisfied = st(VERBS.satisfied, COURSE);
    expect(run(cmi5, [satisfied]).completed?.by).toBe(satisfied.id);
  });

  it('passes on a Moodle quiz attempt (completed, exam as parent) but not on one answered question', () => {
    const question = st('http://adlnet.gov/expapi/verbs/answered', `${EXAM}/q1`, {
      result: { success: true },
      context: { contextActivities: { parent: [{ id: EXAM }, { id: COURSE }] } },
    });
    expect(run(withExam, [question]).passed).toBeUndefined();
    const attempt = st(VERBS.completed, `${EXAM}/attempt-1`, {
      result: { success: true, score: { scaled: 0.9 } },
      context: { contextActivities: { parent: [{ id: EXAM }, { id: COURSE }] } },
    });
    expect(run(withExam, [question, attempt]).passed?.by).toBe(attempt.id);
  });

  it("takes cmi5's satisfied on the course named in grouping, and not an AU's", () => {
    const rule: CourseRule = { activityId: COURSE, moveOn: 'Completed', requiredActivities: [] };
    const au = st(VERBS.satisfied, 'https://lms.example.vn/au/1', {
      context: { contextActivities: { grouping: [{ id: `${COURSE}/au/1` }] } },
    });
    expect(run(rule, [au]).completed).toBeUndefined();
    const course = st(VERBS.satisfied, 'https://lms.example.vn/course/7', {
      context: { contextActivities: { grouping: [{ id: COURSE }] } },
    });
    expect(run(rule, [au, course]).completed?.by).toBe(course.id);
  });

  it("starts on a cmi5 statement carrying the enrollment's registration, whatever its activity", () => {
    const registration = '0d6a1bb0-7d5c-4b9e-9d2a-6f0a8f2b1c3d';
    const au = st('http://adlnet.gov/expapi/verbs/initialized', 'https://publisher.example/au/extra-module', {
      context: {
        registration: registration.toUpperCase(),
        contextActivities: { grouping: [{ id: 'https://publisher.example/au/extra-module' }] },
      },
    });
    const mine = signalsOf(au, withExam, registration);
    expect(mine?.started).toBe(true);
    expect(signalsOf(au, withExam)?.started).toBe(false);
    expect(signalsOf(au, withExam, '11111111-2222-4333-8444-555555555555')?.started).toBe(false);
  });

  it('completes through every required activity, at the last of them', () => {
    const rule: CourseRule = {
      activityId: COURSE,
      moveOn: 'Completed',
      requiredActivities: [`${COURSE}/m1`, `${COURSE}/m2`],
    };
    const m1 = st(VERBS.completed, `${COURSE}/m1`);
    expect(run(rule, [m1]).completed).toBeUndefined();
    const m2 = st('http://adlnet.gov/expapi/verbs/experienced', `${COURSE}/m2`, {
      result: { completion: true },
    });
    expect(run(rule, [m2, m1]).completed?.by).toBe(m2.id);
  });

  it('reads every timestamp form the LRS accepts, to one text form per instant', () => {
    const rule: CourseRule = { activityId: COURSE, moveOn: 'Completed', requiredActivities: [] };
    const comma = st(VERBS.completed, COURSE, {}, '2024-05-20T09:00:00,5+07:00');
    expect(run(rule, [comma]).completed?.at).toBe('2024-05-20T02:00:00.500Z');
    const micro = st(VERBS.completed, COURSE, {}, '2020-07-15T06:36:01.917775+00:00');
    expect(run(rule, [micro]).completed?.at).toBe('2020-07-15T06:36:01.917Z');
  });

  it('gives the same result whatever the order, and nothing for a voiding statement', () => {
    const a = st(VERBS.completed, COURSE, {}, '2024-05-01T00:00:00Z');
    const b = st(VERBS.completed, COURSE, {}, '2024-05-01T00:00:00Z');
    const rule: CourseRule = { activityId: COURSE, moveOn: 'Completed', requiredActivities: [] };
    expect(run(rule, [a, b])).toEqual(run(rule, [b, a]));
    expect(signalsOf(st(VERBS.voided, COURSE), rule)).toBeUndefined();
  });
});
