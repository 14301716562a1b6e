import { Client } from 'pg';
import request from 'supertest';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster';
import type { TestApp } from './support/test-app';

/**
 * DATABASE_READ_URL: the reports read from a replica. Here a real one: a primary cluster of the
 * test's own and a hot standby streaming from it (pg_basebackup -R), both started from PostgreSQL's
 * server programs as the PostgreSQL fault test does, whatever database the rest of the run uses.
 * Replay on the standby is paused to make it lag on purpose: the reports then show the replica's
 * figures and date them with its last replayed transaction.
 */
describe('reports on a streaming read replica (its own primary and standby clusters: needs PostgreSQL server programs)', () => {
  let primary: PostgresCluster;
  let standby: PostgresCluster;
  let primaryClient: Client;
  let standbyClient: Client;
  let t: TestApp;
  let admin: string;
  const as = () => ({ authorization: `Bearer ${admin}` });

  /** Bounded wait until the standby has received (not necessarily replayed) all the primary wrote. */
  const received = async () => {
    const [{ lsn }] = (await primaryClient.query<{ lsn: string }>(`SELECT pg_current_wal_lsn() AS lsn`)).rows;
    for (let i = 0; i < 300; i++) {
      const { rows } = await standbyClient.query<{ behind: boolean }>(
        `SELECT pg_last_wal_receive_lsn() < $1::pg_lsn AS behind`,
        [lsn],
      );
      if (!rows[0].behind) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the standby did not receive the primary's WAL up to ${lsn}`);
  };
  const funnel = async () =>
    (await request(t.url).get('/api/v1/reports/funnel').query({ groupBy: 'cohort' }).set(as()).expect(200))
      .body as { totals: { enrolled: number }; dataAsOf: string };
  const enroll = (cohort: string, name: string) =>
    request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({ learners: [{ fullName: `Tôn Nữ ${name}`, account: { homePage: 'https://x.vn', name } }] })
      .expect(201);

  beforeAll(async () => {
    primary = await startPostgresCluster();
    standby = await startPostgresCluster({ standbyOf: primary });
    primaryClient = new Client({ connectionString: primary.url });
    standbyClient = new Client({ connectionString: standby.url });
    await primaryClient.connect();
    await standbyClient.connect();
    ({ t, admin } = await startAdminApp({
      env: { DATABASE_URL: primary.url, DATABASE_READ_URL: standby.url },
    }));
  }, 120_000);

  afterAll(async () => {
    await standbyClient?.query(`SELECT pg_wal_replay_resume()`).catch(() => undefined);
    await t?.close();
    await primaryClient?.end();
    await standbyClient?.end();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('reads the funnel from the standby: while its replay is paused, the figures it has replayed, dated by its last replayed transaction', async () => {
    const { rows: recovery } = await standbyClient.query<{ standby: boolean }>(
      `SELECT pg_is_in_recovery() AS standby`,
    );
    expect(recovery).toEqual([{ standby: true }]);
    await createCourse(t.url, admin, { code: 'khoa-k', activityId: 'https://x.vn/k' });
    const cohort = await createCohort(t.url, admin, {
      code: 'khoa-k-1',
      courseCode: 'khoa-k',
      province: 'Huế',
    });
    await enroll(cohort, 'thu');
    await received();
    for (let i = 0; i < 100 && (await funnel()).totals.enrolled !== 1; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await funnel()).totals.enrolled).toBe(1);

    // Replay stops; the primary takes a second enrollment, which the standby receives but does not apply.
    await standbyClient.query(`SELECT pg_wal_replay_pause()`);
    const pauseState = async () =>
      (await standbyClient.query<{ state: string }>(`SELECT pg_get_wal_replay_pause_state() AS state`))
        .rows[0].state;
    for (let i = 0; i < 100 && (await pauseState()) !== 'paused'; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await pauseState()).toBe('paused');
    await enroll(cohort, 'hai');
    const { rows: onPrimary } = await primaryClient.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollment`,
    );
    expect(onPrimary).toEqual([{ n: 2 }]);
    await received();
    const { rows: replayed } = await standbyClient.query<{ at: Date }>(
      `SELECT pg_last_xact_replay_timestamp() AS at`,
    );
    const lagging = await funnel();
    expect(lagging.totals.enrolled).toBe(1);
    expect(lagging.dataAsOf).toBe(replayed[0].at.toISOString());

    // Replay resumes: the replica catches up and the reports with it, dated now again.
    await standbyClient.query(`SELECT pg_wal_replay_resume()`);
    let caughtUp = lagging;
    for (let i = 0; i < 100 && caughtUp.totals.enrolled !== 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      caughtUp = await funnel();
    }
    expect(caughtUp.totals.enrolled).toBe(2);
    expect(Date.parse(caughtUp.dataAsOf)).toBeGreaterThan(replayed[0].at.getTime());
  }, 120_000);
});
