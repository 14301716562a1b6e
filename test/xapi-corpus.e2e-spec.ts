import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BASIC, startTestApp, type TestApp } from './support/test-app';

/**
 * Replays the real statements of Open edX, Moodle, cmi5, H5P and FUN-MOOC (test/fixtures/xapi-corpus,
 * provenance in its SOURCES.md): each file, POSTed as a batch, is stored, or rejected with exactly
 * the reason listed in test/fixtures/expected-outcomes.json.
 */
const CORPUS = join(__dirname, 'fixtures', 'xapi-corpus');
const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-outcomes.json'), 'utf8')) as {
  rejected: Record<string, string>;
  conflicts: Record<string, { id: string; storedFirstBy: string }>;
};
const NOT_STATEMENTS = /lms_launch_data|LearnerPreferences|fetch_url_response/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** The bytes a platform would send for a file: the statement(s) as a batch. */
function batchBody(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw; // invalid JSON goes out as the platform would send it
  }
  if (Array.isArray(parsed)) return raw;
  const o = parsed as Record<string, unknown>;
  // H5P's getXAPIData() wraps a statement and its children; the platform sends all of them.
  if (o.statement && Array.isArray(o.children)) return JSON.stringify([o.statement, ...o.children]);
  return JSON.stringify([o]);
}

const corpus = files(CORPUS)
  .map((f) => relative(CORPUS, f))
  .filter((f) => !NOT_STATEMENTS.test(f))
  .sort();

describe('real statements from public platforms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('covers every file of the corpus', () => {
    expect(corpus.length).toBeGreaterThan(300);
    for (const file of Object.keys(expected.rejected)) expect(corpus).toContain(file);
    for (const [file, { storedFirstBy }] of Object.entries(expected.conflicts)) {
      expect(corpus.indexOf(storedFirstBy)).toBeLessThan(corpus.indexOf(file));
    }
  });

  for (const version of ['1.0.3', '2.0.0']) {
    it.each(corpus)(`xAPI ${version}: %s is accepted or rejected as listed`, async (file) => {
      const body = batchBody(readFileSync(join(CORPUS, file), 'utf8'));
      const res = await request(t.url)
        .post('/xapi/statements')
        .set({
          'X-Experience-API-Version': version,
          Authorization: BASIC,
          'Content-Type': 'application/json',
        })
        .send(body);
      const reason = expected.rejected[file];
      const conflict = expected.conflicts[file];
      if (conflict !== undefined) {
        expect(res.status).toBe(409);
        expect(res.body.message).toContain(conflict.id);
      } else if (reason === undefined) {
        expect({ file, status: res.status, body: res.body }).toEqual({
          file,
          status: 200,
          body: expect.any(Array),
        });
      } else {
        expect(res.status).toBe(400);
        expect(res.body.message.startsWith(reason)).toBe(true);
      }
    });
  }

  it('stores the 22,000 FUN-MOOC statements, each retrievable as sent', async () => {
    const lines = gunzipSync(readFileSync(join(CORPUS, 'openfun-ralph', 'statements.json.gz')))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines.length).toBe(22000);
    const ids: string[] = [];
    for (let i = 0; i < lines.length; i += 1000) {
      const res = await request(t.url)
        .post('/xapi/statements')
        .set({
          'X-Experience-API-Version': '1.0.3',
          Authorization: BASIC,
          'Content-Type': 'application/json',
        })
        .send(`[${lines.slice(i, i + 1000).join(',')}]`)
        .expect(200);
      ids.push(...(res.body as string[]));
    }
    expect(new Set(ids).size).toBe(22000);
    const stored = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM statement WHERE id = ANY($1::uuid[])`, [ids]);
    expect(stored[0].n).toBe(22000);
    const sample = JSON.parse(lines[12345]) as Record<string, unknown>;
    const res = await request(t.url)
      .get('/xapi/statements')
      .query({ statementId: ids[12345] })
      .set({ 'X-Experience-API-Version': '1.0.3', Authorization: BASIC })
      .expect(200);
    for (const key of ['actor', 'verb', 'object', 'result', 'context'])
      expect(res.body[key]).toEqual(sample[key]);
  });
});
