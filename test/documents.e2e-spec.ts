import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActivitiesRepository, ActivityDefinitionMerger } from '@hocba/lrs';
import { BASIC, startTestApp, type TestApp } from './support/test-app';
import { statementFactory } from './support/statements';

/** The document resources, Agents and Activities over HTTP against real PostgreSQL. */
describe('xAPI document resources', () => {
  let t: TestApp;
  const v1 = { 'X-Experience-API-Version': '1.0.3', Authorization: BASIC };
  const v2 = { 'X-Experience-API-Version': '2.0.0', Authorization: BASIC };
  const DOCUMENT_LIMIT = 4096;

  beforeAll(async () => {
    t = await startTestApp({ HOCBA_XAPI_DOCUMENT_LIMIT: String(DOCUMENT_LIMIT) });
  });
  afterAll(async () => t?.close());

  const learner = () => ({
    objectType: 'Agent',
    account: { homePage: 'https://mooc.example.vn', name: `hv-${randomUUID().slice(0, 8)}` },
  });
  const stateQuery = (extra: Record<string, string> = {}) => ({
    activityId: `https://mooc.example.vn/courses/${randomUUID()}`,
    agent: JSON.stringify(learner()),
    stateId: 'bookmark',
    ...extra,
  });
  const documentCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM lrs_document'))[0].n);

  describe('State resource', () => {
    it('stores a document byte for byte with its content type and serves it with a quoted SHA-1 ETag and Last-Modified', async () => {
      const q = stateQuery();
      const bytes = Buffer.from([0x00, 0xff, 0x10, 0x41]);
      await request(t.url)
        .put('/xapi/activities/state')
        .query(q)
        .set(v1)
        .set('Content-Type', 'application/x-scorm-suspend')
        .send(bytes)
        .expect(204);
      const res = await request(t.url)
        .get('/xapi/activities/state')
        .query(q)
        .set(v1)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('application/x-scorm-suspend');
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
      expect(Date.parse(res.headers['last-modified'])).not.toBeNaN();
    });

    it('keeps Vietnamese JSON exactly as sent', async () => {
      const q = stateQuery();
      const text = '{"ghiChu":"Học viên đã hoàn thành bài 3","diem":9.5}';
      await request(t.url)
        .put('/xapi/activities/state')
        .query(q)
        .set(v1)
        .set('Content-Type', 'application/json')
        .send(text)
        .expect(204);
      const res = await request(t.url).get('/xapi/activities/state').query(q).set(v1).expect(200);
      expect(res.text).toBe(text);
    });

    it('merges JSON objects on POST, one level deep', async () => {
      const q = stateQuery();
      await request(t.url)
        .post('/xapi/activities/state')
        .query(q)
        .set(v2)
        .send({ a: 1, nested: { x: 1, y: 2 } })
        .expect(204);
      await request(t.url)
        .post('/xapi/activities/state')
        .query(q)
        .set(v2)
        .send({ b: 2, nested: { z: 3 } })
        .expect(204);
      const res = await request(t.url).get('/xapi/activities/state').query(q).set(v2).expect(200);
      expect(res.body).toEqual({ a: 1, b: 2, nested: { z: 3 } });
    });

    it('refuses to merge into a document that is not JSON (400) and leaves it alone', async () => {
      const q = stateQuery();
      await request(t.url)
        .put('/xapi/activities/state')
        .query(q)
        .set(v1)
        .set('Content-Type', 'text/plain')
        .send('trang 4')
        .expect(204);
      const res = await request(t.url)
        .post('/xapi/activities/state')
        .query(q)
        .set(v1)
        .send({ page: 5 })
        .expect(400);
      expect(res.body.message).toMatch(/application\/json/);
      expect((await request(t.url).get('/xapi/activities/state').query(q).set(v1).expect(200)).text).toBe(
        'trang 4',
      );
    });

    it('refuses a POST of application/json that is not a JSON object (400)', async () => {
      await request(t.url)
        .post('/xapi/activities/state')
        .query(stateQuery())
        .set(v1)
        .set('Content-Type', 'application/json')
        .send('[1,2]')
        .expect(400);
    });

    it('scopes states by registration, lists ids with since, and deletes one or all', async () => {
      const base = stateQuery();
      const registration = randomUUID();
      const put = (stateId: string, extra: Record<string, string> = {}) =>
        request(t.url)
          .put('/xapi/activities/state')
          .query({ ...base, stateId, ...extra })
          .set(v1)
          .send({ stateId })
          .expect(204);
      await put('a');
      await put('b');
      await put('a', { registration });
      const ids = (query: Record<string, string>) =>
        request(t.url)
          .get('/xapi/activities/state')
          .query(query)
          .set(v1)
          .expect(200)
          .then((r) => r.body as string[]);
      const { stateId: _omit, ...listQuery } = base;
      void _omit;
      expect(await ids(listQuery)).toEqual(['a', 'b']);
      expect(await ids({ ...listQuery, registration })).toEqual(['a']);
      const later = new Date(Date.now() + 60_000).toISOString();
      expect(await ids({ ...listQuery, since: later })).toEqual([]);

      await request(t.url)
        .delete('/xapi/activities/state')
        .query({ ...base, stateId: 'a' })
        .set(v1)
        .expect(204);
      expect(await ids(listQuery)).toEqual(['b']);
      await request(t.url).delete('/xapi/activities/state').query(listQuery).set(v1).expect(204);
      expect(await ids(listQuery)).toEqual([]);
      expect(await ids({ ...listQuery, registration })).toEqual(['a']);
    });

    it('names the parameter and rule when a query is wrong (400)', async () => {
      const q = stateQuery();
      const res = await request(t.url)
        .get('/xapi/activities/state')
        .query({ ...q, agent: '{"name":"no identifier"}' })
        .set(v1)
        .expect(400);
      expect(res.body.message).toMatch(/agent/);
      const missing = await request(t.url)
        .put('/xapi/activities/state')
        .query({ agent: q.agent, stateId: 'x' })
        .set(v1)
        .send({})
        .expect(400);
      expect(missing.body.message).toMatch(/activityId is required/);
      const since = await request(t.url)
        .get('/xapi/activities/state')
        .query({ activityId: q.activityId, agent: q.agent, since: 'yesterday' })
        .set(v1)
        .expect(400);
      expect(since.body.message).toMatch(/since/);
    });

    it('answers 404 for a document that does not exist', async () => {
      await request(t.url).get('/xapi/activities/state').query(stateQuery()).set(v2).expect(404);
    });

    it('answers HEAD like GET, without a body', async () => {
      const q = stateQuery();
      await request(t.url).put('/xapi/activities/state').query(q).set(v1).send({ a: 1 }).expect(204);
      const res = await request(t.url).head('/xapi/activities/state').query(q).set(v1).expect(200);
      expect(res.headers.etag).toMatch(/^"/);
      expect(res.text ?? '').toBe('');
    });
  });

  describe('Concurrency (ETags and preconditions)', () => {
    const profileQuery = () => ({
      activityId: `https://mooc.example.vn/courses/${randomUUID()}`,
      profileId: 'settings',
    });
    const etagOf = async (path: string, q: Record<string, string>) =>
      (await request(t.url).get(path).query(q).set(v2).expect(200)).headers.etag;

    it('2.0.0: a PUT without If-Match or If-None-Match over an existing document is 409 and changes nothing', async () => {
      const q = stateQuery();
      await request(t.url).put('/xapi/activities/state').query(q).set(v2).send({ v: 1 }).expect(204);
      const res = await request(t.url)
        .put('/xapi/activities/state')
        .query(q)
        .set(v2)
        .send({ v: 2 })
        .expect(409);
      expect(res.body.message).toMatch(/If-Match/);
      expect((await request(t.url).get('/xapi/activities/state').query(q).set(v2)).body).toEqual({ v: 1 });
    });

    it('1.0.3: a state PUT overwrites; a profile PUT needs a precondition (400 without one)', async () => {
      const q = stateQuery();
      await request(t.url).put('/xapi/activities/state').query(q).set(v1).send({ v: 1 }).expect(204);
      await request(t.url).put('/xapi/activities/state').query(q).set(v1).send({ v: 2 }).expect(204);
      expect((await request(t.url).get('/xapi/activities/state').query(q).set(v1)).body).toEqual({ v: 2 });
      await request(t.url)
        .put('/xapi/activities/profile')
        .query(profileQuery())
        .set(v1)
        .send({ v: 1 })
        .expect(400);
    });

    it('If-Match with a stale ETag is 412; with the current one the write applies', async () => {
      const q = profileQuery();
      await request(t.url)
        .put('/xapi/activities/profile')
        .query(q)
        .set(v2)
        .set('If-None-Match', '*')
        .send({ v: 1 })
        .expect(204);
      const etag = await etagOf('/xapi/activities/profile', q);
      await request(t.url)
        .put('/xapi/activities/profile')
        .query(q)
        .set(v2)
        .set('If-Match', '"0000"')
        .send({ v: 2 })
        .expect(412);
      await request(t.url)
        .put('/xapi/activities/profile')
        .query(q)
        .set(v2)
        .set('If-Match', etag)
        .send({ v: 3 })
        .expect(204);
      await request(t.url)
        .put('/xapi/activities/profile')
        .query(q)
        .set(v2)
        .set('If-None-Match', '*')
        .send({ v: 4 })
        .expect(412);
      await request(t.url)
        .delete('/xapi/activities/profile')
        .query(q)
        .set(v2)
        .set('If-Match', etag)
        .expect(412);
      expect((await request(t.url).get('/xapi/activities/profile').query(q).set(v2)).body).toEqual({ v: 3 });
    });

    it('of many PUTs racing with the same If-Match, exactly one wins and the document is that one, whole', async () => {
      const q = { agent: JSON.stringify(learner()), profileId: 'preferences' };
      await request(t.url)
        .put('/xapi/agents/profile')
        .query(q)
        .set(v2)
        .set('If-None-Match', '*')
        .send({ round: 0 })
        .expect(204);
      const etag = await etagOf('/xapi/agents/profile', q);
      const writers = Array.from({ length: 12 }, (_, i) => ({
        round: 1,
        writer: i,
        padding: 'x'.repeat(500 + i),
      }));
      const results = await Promise.all(
        writers.map((doc) =>
          request(t.url).put('/xapi/agents/profile').query(q).set(v2).set('If-Match', etag).send(doc),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 204)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(writers.length - 1);
      const winner = writers[statuses.indexOf(204)];
      expect((await request(t.url).get('/xapi/agents/profile').query(q).set(v2)).body).toEqual(winner);
    });

    it('of many creators racing with If-None-Match: *, exactly one creates the document', async () => {
      const q = profileQuery();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(t.url)
            .put('/xapi/activities/profile')
            .query(q)
            .set(v2)
            .set('If-None-Match', '*')
            .send({ creator: i }),
        ),
      );
      expect(results.filter((r) => r.status === 204)).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(9);
    });

    it('concurrent POST merges all apply, one after another: no key is lost', async () => {
      const q = stateQuery();
      await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          request(t.url)
            .post('/xapi/activities/state')
            .query(q)
            .set(v1)
            .send({ [`k${i}`]: i })
            .expect(204),
        ),
      );
      const doc = (await request(t.url).get('/xapi/activities/state').query(q).set(v1).expect(200)).body;
      expect(Object.keys(doc).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `k${i}`).sort());
    });
  });

  describe('Documents in a browser', () => {
    const html = '<!doctype html><script>fetch("/api/v1/learners").then(r => r.text()).then(alert)</script>';
    const resources = [
      ['/xapi/activities/state', () => stateQuery()],
      [
        '/xapi/activities/profile',
        () => ({ activityId: `https://mooc.example.vn/courses/${randomUUID()}`, profileId: 'trang' }),
      ],
      ['/xapi/agents/profile', () => ({ agent: JSON.stringify(learner()), profileId: 'trang' })],
    ] as const;

    it('serves statements with their attachments (multipart, as senders typed them) unsniffable', async () => {
      const res = await request(t.url)
        .get('/xapi/statements')
        .query({ attachments: 'true', limit: 1 })
        .set(v1);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^multipart\/mixed/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('serves a document stored as HTML byte for byte with its type, but as a sandboxed, unsniffable download', async () => {
      for (const [path, query] of resources) {
        const q = query();
        await request(t.url)
          .put(path)
          .query(q)
          .set(v1)
          .set('If-None-Match', '*')
          .set('Content-Type', 'text/html; charset=utf-8')
          .send(html)
          .expect(204);
        for (const method of ['get', 'head'] as const) {
          const res = await request(t.url)[method](path).query(q).set(v1).expect(200);
          expect([path, method, res.headers['content-type']]).toEqual([
            path,
            method,
            'text/html; charset=utf-8',
          ]);
          expect([path, method, res.headers['x-content-type-options']]).toEqual([path, method, 'nosniff']);
          expect([path, method, res.headers['content-security-policy']]).toEqual([
            path,
            method,
            expect.stringMatching(/(^|; )sandbox(;|$).*default-src 'none'/),
          ]);
          expect([path, method, res.headers['content-disposition']]).toEqual([path, method, 'attachment']);
          if (method === 'get') expect(res.text).toBe(html);
        }
      }
    });

    it('serves JSON documents and lists of ids unsniffable and sandboxed, not as downloads', async () => {
      for (const [path, query] of resources) {
        const q = query();
        const json = '{"trang":"Bài 3","điểm":9.5}';
        await request(t.url)
          .put(path)
          .query(q)
          .set(v1)
          .set('If-None-Match', '*')
          .set('Content-Type', 'application/json')
          .send(json)
          .expect(204);
        // The same address without the document id: the list of ids.
        const list = Object.fromEntries(
          Object.entries(q).filter(([key]) => key !== 'profileId' && key !== 'stateId'),
        );
        for (const res of [
          await request(t.url).get(path).query(q).set(v1).expect(200),
          await request(t.url).get(path).query(list).set(v1).expect(200),
        ]) {
          expect([path, res.headers['x-content-type-options']]).toEqual([path, 'nosniff']);
          expect([path, res.headers['content-security-policy']]).toEqual([
            path,
            expect.stringMatching(/(^|; )sandbox(;|$)/),
          ]);
          expect([path, res.headers['content-disposition']]).toEqual([path, undefined]);
        }
        expect((await request(t.url).get(path).query(q).set(v1)).text).toBe(json);
      }
    });
  });

  it('refuses a document over HOCBA_XAPI_DOCUMENT_LIMIT with 413 and stores nothing', async () => {
    const before = await documentCount();
    const res = await request(t.url)
      .put('/xapi/activities/state')
      .query(stateQuery())
      .set(v1)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.alloc(DOCUMENT_LIMIT + 1, 1))
      .expect(413);
    expect(res.body.message).toMatch(String(DOCUMENT_LIMIT));
    expect(await documentCount()).toBe(before);
  });

  describe('Agents and Activities resources', () => {
    it('GET /agents returns a Person with every name the agent was given, each property an array', async () => {
      const actor = { ...learner(), name: 'Lê Thị Cúc' };
      await request(t.url).post('/xapi/statements').set(v2).send(statementFactory({ actor })).expect(200);
      await request(t.url)
        .post('/xapi/statements')
        .set(v2)
        .send(statementFactory({ actor: { ...actor, name: 'Le Thi Cuc' } }))
        .expect(200);
      const res = await request(t.url)
        .get('/xapi/agents')
        .query({ agent: JSON.stringify({ account: actor.account }) })
        .set(v2)
        .expect(200);
      expect(res.body.objectType).toBe('Person');
      expect(res.body.account).toEqual([actor.account]);
      expect([...res.body.name].sort()).toEqual(['Le Thi Cuc', 'Lê Thị Cúc']);
    });

    it('GET /activities merges definitions from every statement (languages added, later values win), before and after the background merge', async () => {
      const id = `https://mooc.example.vn/courses/${randomUUID()}`;
      const send = (definition: object) =>
        request(t.url)
          .post('/xapi/statements')
          .set(v2)
          .send(statementFactory({ object: { objectType: 'Activity', id, definition } }))
          .expect(200);
      await send({
        name: { 'vi-VN': 'An toàn không gian số' },
        type: 'http://adlnet.gov/expapi/activities/course',
      });
      await send({ name: { 'en-US': 'Digital safety' }, description: { 'vi-VN': 'Khoá học bắt buộc' } });
      const expected = {
        objectType: 'Activity',
        id,
        definition: {
          name: { 'vi-VN': 'An toàn không gian số', 'en-US': 'Digital safety' },
          description: { 'vi-VN': 'Khoá học bắt buộc' },
          type: 'http://adlnet.gov/expapi/activities/course',
        },
      };
      const read = async () =>
        (await request(t.url).get('/xapi/activities').query({ activityId: id }).set(v2).expect(200)).body;
      expect(await read()).toEqual(expected);

      // The worker's pass folds the statements into the stored definitions; the answer must not change.
      const merger = new ActivityDefinitionMerger(new ActivitiesRepository(t.app.get(DataSource)));
      expect(await merger.catchUp(0)).toBeGreaterThan(0);
      const stored = await t.app
        .get(DataSource)
        .query('SELECT definition FROM activity_definition WHERE activity_id = $1', [id]);
      expect(stored[0].definition).toEqual(expected.definition);
      expect(await read()).toEqual(expected);
      await send({ name: { 'vi-VN': 'An toàn trên không gian mạng' } });
      expect((await read()).definition.name['vi-VN']).toBe('An toàn trên không gian mạng');
    });

    it("the worker's pass reads each settled statement once, and stops at statements too recent to settle", async () => {
      const repository = new ActivitiesRepository(t.app.get(DataSource));
      await new ActivityDefinitionMerger(repository).catchUp(0);
      const send = () =>
        request(t.url)
          .post('/xapi/statements')
          .set(v1)
          .send(
            statementFactory({
              object: { objectType: 'Activity', id: `https://mooc.example.vn/merge/${randomUUID()}` },
            }),
          )
          .expect(200);
      for (let i = 0; i < 3; i++) await send();
      // Settled just now (0 ms): a full batch asks for more, the rest ends the pass.
      expect(await repository.mergeNext(2, 0)).toEqual({ read: 2, more: true });
      expect(await repository.mergeNext(2, 0)).toEqual({ read: 1, more: false });
      expect(await repository.mergeNext(2, 0)).toEqual({ read: 0, more: false });
      // Stored a moment ago, not yet settled for a minute: nothing read, nothing more asked for.
      await send();
      await send();
      expect(await repository.mergeNext(2, 60_000)).toEqual({ read: 0, more: false });
      expect(await repository.mergeNext(5, 0)).toEqual({ read: 2, more: false });
    });

    it('GET /activities of an activity never seen still returns an Activity with its id', async () => {
      const id = `https://mooc.example.vn/unknown/${randomUUID()}`;
      const res = await request(t.url).get('/xapi/activities').query({ activityId: id }).set(v1).expect(200);
      expect(res.body).toEqual({ objectType: 'Activity', id });
    });
  });
});
