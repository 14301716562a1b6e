import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BASIC, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 19: a platform syncing incrementally, as the xAPI specification lets it, from two API
 * instances on one database while writers post to both. The reader asks for `since` = the last
 * statement it kept, `ascending=true`, follows `more`, keeps only what was stored strictly before
 * X-Experience-API-Consistent-Through and asks again from there. Nothing acknowledged may be missed,
 * nothing read twice, and `stored` never goes back.
 */
const TOTAL = 50_000;
const BATCH = 50;
/** Writers per instance: each posts its batches one after another. */
const WRITERS = 4;
const HEADERS = {
  authorization: BASIC,
  'x-experience-api-version': '1.0.3',
  'content-type': 'application/json',
};

interface Kept {
  id: string;
  stored: number;
}

describe('incremental sync across two API instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ DATABASE_URL: a.database.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it(`reads every statement once, in stored order, while ${TOTAL.toLocaleString('en')} are written to both instances`, async () => {
    const acknowledged = new Set<string>();
    let batchesLeft = TOTAL / BATCH;
    const writer = async (url: string, n: number) => {
      const actor = { objectType: 'Agent', account: { homePage: 'https://sync.example.vn', name: `w${n}` } };
      while (batchesLeft-- > 0) {
        const batch = Array.from({ length: BATCH }, () => ({
          id: randomUUID(),
          actor,
          verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
          object: { objectType: 'Activity', id: `https://sync.example.vn/lesson/${n}` },
        }));
        const res = await fetch(`${url}/xapi/statements`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify(batch),
        });
        if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        for (const id of (await res.json()) as string[]) acknowledged.add(id);
      }
    };

    /**
     * A syncing reader. `fromHeader` false: it keeps what was stored strictly before the chain's
     * Consistent-Through and asks again since the last statement it kept. `fromHeader` true: as the
     * specification words it, it keeps what was stored at or before Consistent-Through and asks
     * again since that header's value itself.
     */
    const reader = (fromHeader: boolean) => {
      const kept: Kept[] = [];
      let stepsBack = 0;
      let since: string | undefined;
      /** One sync round through `url`: the whole `more` chain, keeping what Consistent-Through covers. */
      const round = async (url: string): Promise<{ through: number; kept: number }> => {
        const query = new URLSearchParams({ ascending: 'true', limit: '500' });
        if (since !== undefined) query.set('since', since);
        let next: string | undefined = `/xapi/statements?${query.toString()}`;
        let header: string | undefined;
        const page: { id: string; stored: string }[] = [];
        while (next) {
          const res = await fetch(`${url}${next}`, { headers: HEADERS });
          if (res.status !== 200) throw new Error(`GET answered ${res.status}: ${await res.text()}`);
          // The first answer's value: it is the one that held when the chain began.
          header ??= res.headers.get('x-experience-api-consistent-through') ?? '';
          const body = (await res.json()) as { statements: { id: string; stored: string }[]; more: string };
          page.push(...body.statements);
          next = body.more || undefined;
        }
        const through = Date.parse(header as string);
        let count = 0;
        for (const s of page) {
          const stored = Date.parse(s.stored);
          if (fromHeader ? stored > through : stored >= through) continue;
          if (kept.length > 0 && stored < kept[kept.length - 1].stored) stepsBack++;
          kept.push({ id: s.id, stored });
          if (!fromHeader) since = s.stored;
          count++;
        }
        if (fromHeader) since = header;
        return { through, kept: count };
      };
      const outcome = () => {
        const ids = kept.map((k) => k.id);
        const read = new Set(ids);
        return {
          missing: [...acknowledged].filter((id) => !read.has(id)).length,
          duplicates: ids.length - read.size,
          stepsBack,
        };
      };
      return { round, outcome };
    };
    const byLastKept = reader(false);
    const byHeader = reader(true);

    let writing = true;
    const writers = Promise.all(
      Array.from({ length: WRITERS * 2 }, (_, n) => writer(n % 2 === 0 ? a.url : b.url, n)),
    ).finally(() => {
      writing = false;
    });
    let rounds = 0;
    while (writing) {
      const url = rounds++ % 2 === 0 ? a.url : b.url;
      await byLastKept.round(url);
      await byHeader.round(url);
    }
    await writers;
    // Writes have stopped: rounds go on until one ends past the last statement stored.
    const [{ last }]: { last: Date }[] = await a.app
      .get(DataSource)
      .query(`SELECT max(stored) AS last FROM statement`);
    for (const r of [byLastKept, byHeader]) {
      for (let i = 0; i < 100; i++) {
        const done = await r.round(rounds++ % 2 === 0 ? a.url : b.url);
        if (done.through > last.getTime() && done.kept === 0) break;
      }
    }

    expect(acknowledged.size).toBe(TOTAL);
    const clean = { missing: 0, duplicates: 0, stepsBack: 0 };
    expect({ byLastKept: byLastKept.outcome(), byHeader: byHeader.outcome() }).toEqual({
      byLastKept: clean,
      byHeader: clean,
    });
    expect(rounds).toBeGreaterThan(4);
  }, 300_000);
});
