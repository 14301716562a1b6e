import { parseTimestamp } from '@hocba/xapi';

/**
 * Learner progress as pure rules: which milestones a statement signals for a course, and how
 * signals fold into an enrollment's progress.
 *
 * Every milestone is "ever reached": the earliest statement that reached it sets it, and later
 * statements never take it back (Open edX sends `failed` after `passed` on a regrade; the learner
 * still passed). Only voiding takes a milestone back, by rebuilding from the remaining statements.
 */

export type MoveOn = 'Completed' | 'Passed' | 'CompletedAndPassed' | 'CompletedOrPassed';

export interface CourseRule {
  activityId: string;
  moveOn: MoveOn;
  requiredActivities: string[];
  exam?: { activityId: string; masteryScore: number };
}

/** A moment a milestone was reached: the statement's timestamp and id. */
export interface Mark {
  at: string;
  by: string;
}

export interface Progress {
  activated?: Mark;
  started?: Mark;
  /** The course itself reported completed (or every required activity completed). */
  courseCompleted?: Mark;
  /** The final exam passed (or, without an exam, the course reported passed). */
  passed?: Mark;
  /** cmi5's `satisfied` on the course: the platform says the course's moveOn is met. */
  satisfied?: Mark;
  /** The course's completion rule met: the funnel's "completed". */
  completed?: Mark;
  /** Required activities completed, by activity id. */
  activities: Record<string, Mark>;
}

export const VERBS = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

interface StatementLike {
  id: string;
  timestamp: string;
  verb: { id: string };
  object: { id?: unknown; objectType?: unknown };
  result?: { completion?: unknown; success?: unknown; score?: { scaled?: unknown } };
  context?: { contextActivities?: Record<string, unknown>; registration?: unknown };
}

export interface Signals {
  statement: Mark;
  started: boolean;
  courseCompleted: boolean;
  passed: boolean;
  satisfied: boolean;
  activitiesCompleted: string[];
}

function contextActivityIds(s: StatementLike, keys = ['parent', 'grouping', 'category', 'other']): string[] {
  const ca = s.context?.contextActivities ?? {};
  const ids: string[] = [];
  for (const key of keys) {
    const list = ca[key];
    const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
    for (const a of items as { id?: unknown }[]) if (typeof a.id === 'string') ids.push(a.id);
  }
  return ids;
}

const ACTIVITIES = new WeakMap<CourseRule, Set<string>>();

/** The course's own activities (itself, required ones, the exam), computed once per rule object. */
function courseActivities(course: CourseRule): Set<string> {
  let set = ACTIVITIES.get(course);
  if (!set) {
    set = new Set([
      course.activityId,
      ...course.requiredActivities,
      ...(course.exam ? [course.exam.activityId] : []),
    ]);
    ACTIVITIES.set(course, set);
  }
  return set;
}

/**
 * What one statement by the learner says about their progress in a course. Voiding statements say
 * nothing. `registration`: the enrollment's cmi5 registration, when known (a statement carrying it
 * is inside the course whatever its activity).
 */
export function signalsOf(s: StatementLike, course: CourseRule, registration?: string): Signals | undefined {
  if (s.verb.id === VERBS.voided) return undefined;
  // The LRS accepted the timestamp, so xAPI's parser reads it (Date.parse alone refuses "02:00:00,5Z").
  const ms = parseTimestamp(s.timestamp);
  if (ms === undefined) return undefined;
  const objectId =
    typeof s.object.id === 'string' &&
    (s.object.objectType === undefined || s.object.objectType === 'Activity')
      ? s.object.id
      : undefined;
  const inCourse = courseActivities(course);
  const started =
    (objectId !== undefined && inCourse.has(objectId)) ||
    contextActivityIds(s).some((id) => inCourse.has(id)) ||
    (registration !== undefined &&
      typeof s.context?.registration === 'string' &&
      s.context.registration.toLowerCase() === registration);
  const completes = s.verb.id === VERBS.completed || s.result?.completion === true;
  const onCourse = objectId === course.activityId;
  let passed = false;
  if (course.exam) {
    const scaled = s.result?.score?.scaled;
    const succeeded =
      s.verb.id === VERBS.passed ||
      s.result?.success === true ||
      (typeof scaled === 'number' && scaled >= course.exam.masteryScore);
    // The exam itself, or (Moodle) a completed attempt whose parent is the exam; never one answered question.
    const attempt =
      s.verb.id === VERBS.completed && contextActivityIds(s, ['parent']).includes(course.exam.activityId);
    passed = (objectId === course.exam.activityId || attempt) && succeeded;
  } else if (onCourse) {
    passed = s.verb.id === VERBS.passed || s.result?.success === true;
  }
  return {
    // One text form per instant (a platform may write +00:00 where we store Z), so that equal
    // progress compares equal.
    statement: { at: new Date(ms).toISOString(), by: s.id },
    started,
    courseCompleted: onCourse && completes,
    passed,
    // cmi5 names the course by its LMS id as object, or by its publisher id in grouping.
    satisfied:
      s.verb.id === VERBS.satisfied &&
      (onCourse || contextActivityIds(s, ['grouping']).includes(course.activityId)),
    activitiesCompleted:
      completes && objectId !== undefined && course.requiredActivities.includes(objectId) ? [objectId] : [],
  };
}

const earlier = (a: Mark | undefined, b: Mark | undefined): Mark | undefined => {
  if (!a) return b;
  if (!b) return a;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  // Equal times: the smaller statement id, so that the result never depends on arrival order.
  return tb < ta || (tb === ta && b.by < a.by) ? b : a;
};
const later = (a: Mark, b: Mark): Mark => (earlier(a, b) === a ? b : a);

/** The moment the course's rule was first met, from the other milestones. */
export function ruleMet(p: Progress, course: CourseRule): Mark | undefined {
  let completedSignal = p.courseCompleted;
  if (course.requiredActivities.length > 0 && course.requiredActivities.every((id) => p.activities[id])) {
    completedSignal = earlier(
      completedSignal,
      course.requiredActivities.map((id) => p.activities[id]).reduce(later),
    );
  }
  let met: Mark | undefined;
  switch (course.moveOn) {
    case 'Completed':
      met = completedSignal;
      break;
    case 'Passed':
      met = p.passed;
      break;
    case 'CompletedAndPassed':
      met = completedSignal && p.passed ? later(completedSignal, p.passed) : undefined;
      break;
    case 'CompletedOrPassed':
      met = earlier(completedSignal, p.passed);
      break;
  }
  return earlier(met, p.satisfied);
}

/** Folds statements' signals into progress; returns a new object. Order does not matter. */
export function fold(progress: Progress, signals: Signals[], course: CourseRule): Progress {
  const p: Progress = { ...progress, activities: { ...progress.activities } };
  for (const s of signals) {
    p.activated = earlier(p.activated, s.statement);
    if (s.started) p.started = earlier(p.started, s.statement);
    if (s.courseCompleted) p.courseCompleted = earlier(p.courseCompleted, s.statement);
    if (s.passed) p.passed = earlier(p.passed, s.statement);
    if (s.satisfied) p.satisfied = earlier(p.satisfied, s.statement);
    for (const id of s.activitiesCompleted) p.activities[id] = earlier(p.activities[id], s.statement) as Mark;
  }
  p.completed = ruleMet(p, course);
  return p;
}

/** A stable text form, to tell whether progress changed. */
export function progressKey(p: Progress): string {
  const m = (x?: Mark) => (x ? `${x.at}@${x.by}` : '');
  const activities = Object.keys(p.activities)
    .sort()
    .map((id) => `${id}=${m(p.activities[id])}`);
  return [
    m(p.activated),
    m(p.started),
    m(p.courseCompleted),
    m(p.passed),
    m(p.satisfied),
    m(p.completed),
    ...activities,
  ].join('|');
}
