import { randomUUID } from 'node:crypto';
import XAPI, { type Statement, type StatementsResponse } from '@xapi/xapi';
import type { Versions } from '@xapi/xapi/dist/types/constants';
import { BASIC, startTestApp, type TestApp } from './support/test-app';

/** A client written by others (xAPI.js, npm @xapi/xapi) sends, queries, voids and pages through statements. */
describe('@xapi/xapi against the LRS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const learner = {
    objectType: 'Agent' as const,
    name: 'Trần Thị Bình',
    account: { homePage: 'https://mooc.example.vn', name: `tb-${randomUUID()}` },
  };
  const statement = (verb: string): Statement => ({
    actor: learner,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { objectType: 'Activity', id: 'https://mooc.example.vn/courses/an-toan-khong-gian-so' },
  });

  for (const version of ['1.0.3', '2.0.0'] as const) {
    describe(`xAPI ${version}`, () => {
      let xapi: XAPI;
      beforeAll(() => {
        // xAPI.js types list only 1.0.x, but it sends whatever version it is given in X-Experience-API-Version.
        xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: version as Versions });
      });

      it('sends statements and reads them back, filtered by agent and verb', async () => {
        const sent = await xapi.sendStatements({
          statements: [statement('launched'), statement('completed')],
        });
        expect(sent.data).toHaveLength(2);
        const found = await xapi.getStatements({
          agent: learner,
          verb: 'http://adlnet.gov/expapi/verbs/completed',
        });
        expect(found.data.statements.map((s) => s.id)).toContain(sent.data[1]);
        const one = await xapi.getStatement({ statementId: sent.data[0] });
        expect(one.data.verb.id).toBe('http://adlnet.gov/expapi/verbs/launched');
      });

      it('voids a statement; it is then served only as voided', async () => {
        const [id] = (await xapi.sendStatement({ statement: statement('passed') })).data;
        await xapi.voidStatement({ actor: learner, statementId: id });
        const voided = await xapi.getVoidedStatement({ voidedStatementId: id });
        expect(voided.data.id).toBe(id);
        await expect(xapi.getStatement({ statementId: id })).rejects.toMatchObject({
          response: { status: 404 },
        });
      });

      it('follows more links to the end', async () => {
        const activity = `https://mooc.example.vn/paging/${randomUUID()}`;
        const batch = Array.from({ length: 5 }, () => ({
          ...statement('experienced'),
          object: { objectType: 'Activity' as const, id: activity },
        }));
        await xapi.sendStatements({ statements: batch });
        const seen: string[] = [];
        let page: StatementsResponse = (await xapi.getStatements({ activity, limit: 2 })).data;
        seen.push(...page.statements.map((s) => s.id as string));
        while (page.more) {
          page = (await xapi.getMoreStatements({ more: page.more })).data as StatementsResponse;
          seen.push(...page.statements.map((s) => s.id as string));
        }
        expect(seen).toHaveLength(5);
        expect(new Set(seen).size).toBe(5);
      });
    });
  }
});
