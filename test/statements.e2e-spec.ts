import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource as DataSourceToken } from 'typeorm';
import { BASIC, startTestApp, type TestApp } from './support/test-app';
import { statementFactory } from './support/statements';

/** The statement resource over HTTP against real PostgreSQL, named after the xAPI requirement each checks. */
describe('xAPI statement resource', () => {
  let t: TestApp;
  const v = { 'X-Experience-API-Version': '1.0.3', Authorization: BASIC };
  const v2 = { 'X-Experience-API-Version': '2.0.0', Authorization: BASIC };

  beforeAll(async () => {
    t = await startTestApp({ HOCBA_XAPI_BODY_LIMIT: String(256 * 1024) });
  });
  afterAll(async () => t?.close());

  const post = (body: unknown, headers: Record<string, string> = v) =>
    request(t.url)
      .post('/xapi/statements')
      .set(headers)
      .send(body as object);
  const get = (query: Record<string, string>, headers: Record<string, string> = v) =>
    request(t.url).get('/xapi/statements').query(query).set(headers);
  const statementCount = async () =>
    Number((await t.app.get(DataSourceToken).query('SELECT count(*)::int AS n FROM statement'))[0].n);

  describe('POST', () => {
    it('stores one statement and returns its id', async () => {
      const s = statementFactory();
      const res = await post(s).expect(200);
      expect(res.body).toEqual([s.id]);
    });

    it('assigns an id, stored, timestamp, authority and version when the client sent none', async () => {
      const s = statementFactory();
      delete s.id;
      delete s.timestamp;
      const [id] = (await post(s).expect(200)).body as string[];
      const stored = (await get({ statementId: id }).expect(200)).body;
      expect(stored.id).toBe(id);
      expect(Date.parse(stored.stored)).not.toBeNaN();
      expect(stored.timestamp).toBe(stored.stored);
      expect(stored.authority.account.name).toBe('test-platform');
      expect(stored.version).toBe('1.0.0');
    });

    it('sets version 2.0.0 on statements sent in xAPI 2.0.0', async () => {
      const [id] = (await post(statementFactory(), v2).expect(200)).body as string[];
      expect((await get({ statementId: id }, v2).expect(200)).body.version).toBe('2.0.0');
    });

    it('accepts every ISO 8601 timestamp form it validates (a decimal comma, a +0700 offset) and returns it as sent', async () => {
      for (const timestamp of ['2024-05-22T03:00:00,5Z', '2024-05-22T10:00:00.123456+0700']) {
        const s = statementFactory({ timestamp });
        await post(s).expect(200);
        expect((await get({ statementId: s.id as string }).expect(200)).body.timestamp).toBe(timestamp);
      }
    });

    it('keeps Vietnamese text exactly as written', async () => {
      const nfd = 'Nguyễn Thị Hoà'.normalize('NFD');
      const s = statementFactory({ actor: { name: nfd, mbox: 'mailto:hoa@example.vn' } });
      await post(s).expect(200);
      const stored = (await get({ statementId: s.id as string }).expect(200)).body;
      expect(stored.actor.name).toBe(nfd);
    });

    it('stores a batch atomically: one invalid statement and nothing is stored', async () => {
      const before = await statementCount();
      const bad = statementFactory({ actor: { mbox: 'hoa@example.vn' } });
      const res = await post([statementFactory(), bad]).expect(400);
      expect(res.body.message).toBe(
        'statements[1].actor.mbox must be "mailto:" followed by an e-mail address',
      );
      expect(await statementCount()).toBe(before);
    });

    it('rejects a batch that repeats an id', async () => {
      const s = statementFactory();
      const res = await post([s, { ...s }]).expect(400);
      expect(res.body.message).toMatch(/appears twice in the batch/);
    });
  });

  describe('immutability', () => {
    it('accepts the same statement again and leaves it unchanged', async () => {
      const s = statementFactory();
      await post(s).expect(200);
      const first = (await get({ statementId: s.id as string })).body;
      await post({ ...s }).expect(200);
      const second = (await get({ statementId: s.id as string })).body;
      expect(second).toEqual(first);
    });

    it('answers 409 to a different statement under an existing id, and stores nothing of its batch', async () => {
      const s = statementFactory();
      await post(s).expect(200);
      const companion = statementFactory();
      await post([companion, { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }]).expect(409);
      await get({ statementId: companion.id as string }).expect(404);
    });
  });

  describe('PUT', () => {
    it('stores a statement under the statementId parameter and answers 204', async () => {
      const id = randomUUID();
      const s = statementFactory();
      delete s.id;
      await request(t.url).put('/xapi/statements').query({ statementId: id }).set(v).send(s).expect(204);
      expect((await get({ statementId: id }).expect(200)).body.id).toBe(id);
    });

    it('requires statementId', async () => {
      const res = await request(t.url).put('/xapi/statements').set(v).send(statementFactory()).expect(400);
      expect(res.body.message).toMatch(/statementId is required/);
    });
  });

  describe('voiding', () => {
    it('hides a voided statement from statementId and queries, and serves it by voidedStatementId', async () => {
      const target = statementFactory();
      await post(target).expect(200);
      const voiding = statementFactory({
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: target.id },
      });
      await post(voiding).expect(200);
      await get({ statementId: target.id as string }).expect(404);
      expect((await get({ voidedStatementId: target.id as string }).expect(200)).body.id).toBe(target.id);
      const agent = JSON.stringify(target.actor);
      const ids = (await get({ agent }).expect(200)).body.statements.map((s: { id: string }) => s.id);
      expect(ids).not.toContain(target.id);
      // The voiding statement targets a statement of this agent, so it matches the agent filter.
      expect(ids).toContain(voiding.id);
    });

    it('never voids a voiding statement', async () => {
      const target = statementFactory();
      await post(target).expect(200);
      const voiding = statementFactory({
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: target.id },
      });
      await post(voiding).expect(200);
      await post(
        statementFactory({
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: voiding.id },
        }),
      ).expect(200);
      await get({ statementId: voiding.id as string }).expect(200);
    });
  });

  describe('GET with filters', () => {
    const learner = {
      objectType: 'Agent',
      account: { homePage: 'https://mooc.example.vn', name: `filter-${randomUUID()}` },
    };
    const course = `https://mooc.example.vn/courses/${randomUUID()}`;
    const registration = randomUUID();
    let ids: string[] = [];

    beforeAll(async () => {
      const batch = [
        statementFactory({ actor: learner, object: { id: course } }),
        statementFactory({
          actor: learner,
          verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
          object: { id: `${course}/exam` },
          context: { registration, contextActivities: { parent: [{ id: course }] } },
        }),
        statementFactory({ object: { id: course }, context: { instructor: learner } }),
      ];
      ids = (await post(batch).expect(200)).body;
    });

    it('agent matches the actor; related_agents also matches the instructor', async () => {
      const agent = JSON.stringify(learner);
      const direct = (await get({ agent }).expect(200)).body.statements.map((s: { id: string }) => s.id);
      expect(direct.sort()).toEqual([ids[0], ids[1]].sort());
      const related = (await get({ agent, related_agents: 'true' }).expect(200)).body.statements.map(
        (s: { id: string }) => s.id,
      );
      expect(related.sort()).toEqual([...ids].sort());
    });

    it('activity matches the object; related_activities also matches context activities', async () => {
      const direct = (await get({ activity: course }).expect(200)).body.statements.map(
        (s: { id: string }) => s.id,
      );
      expect(direct.sort()).toEqual([ids[0], ids[2]].sort());
      const related = (
        await get({ activity: course, related_activities: 'true' }).expect(200)
      ).body.statements.map((s: { id: string }) => s.id);
      expect(related.sort()).toEqual([...ids].sort());
    });

    it('verb and registration filter on their own columns', async () => {
      const agent = JSON.stringify(learner);
      const passed = (await get({ agent, verb: 'http://adlnet.gov/expapi/verbs/passed' }).expect(200)).body
        .statements;
      expect(passed.map((s: { id: string }) => s.id)).toEqual([ids[1]]);
      expect(
        (await get({ registration }).expect(200)).body.statements.map((s: { id: string }) => s.id),
      ).toEqual([ids[1]]);
    });

    it('ids format reduces agents and activities to their identifiers', async () => {
      const s = (await get({ statementId: ids[0], format: 'ids' }).expect(200)).body;
      expect(s.object).toEqual({ id: course });
      expect(s.actor).toEqual(learner);
      expect(s.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/completed' });
    });

    it('canonical format keeps one language, the one Accept-Language prefers', async () => {
      const s = (
        await get({ statementId: ids[2], format: 'canonical' }).set('Accept-Language', 'vi-VN').expect(200)
      ).body;
      expect(s.verb.display).toEqual({ 'vi-VN': 'đã hoàn thành' });
    });
  });

  describe('paging with more', () => {
    it('walks every statement once, even while new statements arrive', async () => {
      const activity = `https://mooc.example.vn/paging/${randomUUID()}`;
      const batch = Array.from({ length: 7 }, () => statementFactory({ object: { id: activity } }));
      await post(batch).expect(200);
      const seen: string[] = [];
      let res = await get({ activity, limit: '3' }).expect(200);
      for (;;) {
        seen.push(...res.body.statements.map((s: { id: string }) => s.id));
        // A statement arriving between pages must not shift or repeat what the pages return.
        await post(statementFactory({ object: { id: activity } })).expect(200);
        if (!res.body.more) break;
        res = await request(t.url).get(res.body.more).set(v).expect(200);
      }
      expect(seen).toEqual(batch.map((s) => s.id).reverse());
    });

    it('ascending returns oldest first', async () => {
      const activity = `https://mooc.example.vn/asc/${randomUUID()}`;
      const batch = Array.from({ length: 3 }, () => statementFactory({ object: { id: activity } }));
      await post(batch).expect(200);
      const res = await get({ activity, ascending: 'true' }).expect(200);
      expect(res.body.statements.map((s: { id: string }) => s.id)).toEqual(batch.map((s) => s.id));
    });
  });

  describe('attachments', () => {
    it('stores a multipart/mixed attachment checked by SHA-256 and returns it with attachments=true', async () => {
      const content = Buffer.from('Giấy chứng nhận: nội dung đính kèm');
      const { createHash } = await import('node:crypto');
      const sha2 = createHash('sha256').update(content).digest('hex');
      const s = statementFactory({
        attachments: [
          {
            usageType: 'http://id.tincanapi.com/attachment/certificate',
            display: { 'vi-VN': 'Chứng nhận' },
            contentType: 'text/plain',
            length: content.length,
            sha2,
          },
        ],
      });
      const boundary = 'hocbatestboundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      await request(t.url)
        .post('/xapi/statements')
        .set(v)
        .set('Content-Type', `multipart/mixed; boundary=${boundary}`)
        .send(body)
        .expect(200);
      const res = await get({ statementId: s.id as string, attachments: 'true' })
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
      expect((res.body as Buffer).includes(content)).toBe(true);
    });

    it('rejects an attachment part whose bytes do not match its hash', async () => {
      const sha2 = 'a'.repeat(64);
      const s = statementFactory({
        attachments: [
          {
            usageType: 'http://example.com/u',
            display: { en: 'x' },
            contentType: 'text/plain',
            length: 3,
            sha2,
          },
        ],
      });
      const b = 'xb';
      const body = `--${b}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\nabc\r\n--${b}--\r\n`;
      const res = await request(t.url)
        .post('/xapi/statements')
        .set(v)
        .set('Content-Type', `multipart/mixed; boundary=${b}`)
        .send(body)
        .expect(400);
      expect(res.body.message).toMatch(/sha2 does not match/);
    });
  });

  describe('bad input gets a clear 4xx and stores nothing', () => {
    it('malformed JSON: 400', async () => {
      const res = await request(t.url)
        .post('/xapi/statements')
        .set(v)
        .set('Content-Type', 'application/json')
        .send('{"actor":')
        .expect(400);
      expect(res.body.message).toMatch(/not valid JSON/);
    });
    it('a content type other than JSON or multipart: 400', async () => {
      const res = await request(t.url)
        .post('/xapi/statements')
        .set(v)
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(400);
      expect(res.body.message).toMatch(/Content-Type "text\/plain" is not accepted/);
    });
    it('a body over the configured limit: 413', async () => {
      const huge = statementFactory({ result: { response: 'x'.repeat(300 * 1024) } });
      await post(huge).expect(413);
    });
    it('an unknown query parameter: 400 naming it', async () => {
      const res = await get({ colour: 'blue' }).expect(400);
      expect(res.body.message).toBe('Query parameter colour is not one GET /statements accepts');
    });
    it('invalid UTF-8: 400', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"actor":{"name":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}'),
      ]);
      // fetch sends the bytes as they are (supertest would serialise a Buffer as JSON).
      const res = await fetch(`${t.url}/xapi/statements`, {
        method: 'POST',
        headers: { ...v, 'Content-Type': 'application/json' },
        body: bytes,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/not valid UTF-8/);
    });
    it('absurdly deep JSON: 400', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const res = await request(t.url)
        .post('/xapi/statements')
        .set(v)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(res.body.message).toMatch(/nests deeper than 64 levels/);
    });
    it('a missing version header: 400', async () => {
      await request(t.url)
        .post('/xapi/statements')
        .set('Authorization', BASIC)
        .send(statementFactory())
        .expect(400);
    });
    it('no credentials: 401 with a Basic challenge; wrong secret: 401', async () => {
      const res = await request(t.url)
        .get('/xapi/statements')
        .set('X-Experience-API-Version', '1.0.3')
        .expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
      await request(t.url)
        .get('/xapi/statements')
        .set('X-Experience-API-Version', '1.0.3')
        .auth('test-platform', 'wrong')
        .expect(401);
    });
  });

  it('answers every GET with X-Experience-API-Consistent-Through, errors included', async () => {
    const ok = await get({}).expect(200);
    expect(Date.parse(ok.headers['x-experience-api-consistent-through'])).not.toBeNaN();
    const bad = await get({ limit: '-1' }).expect(400);
    expect(Date.parse(bad.headers['x-experience-api-consistent-through'])).not.toBeNaN();
  });

  it('serves /xapi/about without credentials, listing both versions', async () => {
    const res = await request(t.url).get('/xapi/about').expect(200);
    expect(res.body.version).toEqual(expect.arrayContaining(['1.0.3', '2.0.0']));
  });
});
