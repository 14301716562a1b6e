import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fold, signalsOf, type CourseRule } from './milestones';

const CORPUS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'xapi-corpus');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** Every statement-shaped object of the real corpus (Open edX, Moodle, cmi5, H5P, FUN-MOOC). */
function statements(): Record<string, unknown>[] {
  const out: unknown[] = [];
  for (const f of files(CORPUS)) {
    try {
      const parsed = JSON.parse(readFileSync(f, 'utf8')) as unknown;
      const list = Array.isArray(parsed)
        ? parsed
        : [
            parsed,
            ...((parsed as { children?: unknown[] }).children ?? []),
            (parsed as { statement?: unknown }).statement,
          ];
      out.push(...list);
    } catch {
      // not JSON: the LRS tests cover those files
    }
  }
  const ralph = gunzipSync(readFileSync(join(CORPUS, 'openfun-ralph', 'statements.json.gz'))).toString(
    'utf8',
  );
  for (const line of ralph.split('\n')) if (line.trim()) out.push(JSON.parse(line));
  return out.filter(
    (s): s is Record<string, unknown> =>
      !!s && typeof s === 'object' && 'actor' in s && 'verb' in s && 'object' in s,
  );
}

describe('milestones over the real corpus', () => {
  it('reads every statement shape the platforms send without failing, each as course, exam and required activity', () => {
    const all = statements();
    expect(all.length).toBeGreaterThan(500);
    let signalled = 0;
    for (const [i, raw] of all.entries()) {
      const s = { id: `s-${i}`, timestamp: '2024-05-20T02:00:00Z', ...raw } as Parameters<
        typeof signalsOf
      >[0];
      const objectId = typeof s.object?.id === 'string' ? s.object.id : 'https://example.vn/none';
      const rule: CourseRule = {
        activityId: objectId,
        moveOn: 'CompletedAndPassed',
        requiredActivities: [objectId],
        exam: { activityId: objectId, masteryScore: 0.5 },
      };
      const signals = signalsOf(s, rule);
      if (signals) {
        signalled++;
        expect(fold({ activities: {} }, [signals], rule).activated?.by).toBe(s.id);
      }
    }
    // Only voiding statements say nothing about progress.
    const voiding = all.filter(
      (s) => (s.verb as { id?: string }).id === 'http://adlnet.gov/expapi/verbs/voided',
    ).length;
    expect(signalled).toBe(all.length - voiding);
  });
});
