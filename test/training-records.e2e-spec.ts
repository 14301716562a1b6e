import request from 'supertest';
import { DataSource } from 'typeorm';
import { startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/** A training record's life through the API: created, corrected, deleted, each step audited. */
describe('training records', () => {
  let t: TestApp;
  let admin: string;
  const as = () => ({ authorization: `Bearer ${admin}` });
  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
  });
  afterAll(() => t?.close());

  it('PUT replaces every field and stamps updated_at; DELETE removes the record; both are audited', async () => {
    const first = {
      unit: 'Bắc Giang',
      kind: 'self-organised',
      participants: 40,
      date: '2022-09-15',
      title: 'Buổi 1',
    };
    const { id } = (await request(t.url).post('/api/v1/training-records').set(as()).send(first).expect(201))
      .body as { id: string };

    const corrected = {
      unit: 'Hải Dương',
      kind: 'platform',
      platform: 'OneTouch',
      participants: 45,
      date: '2022-09-16',
      title: 'Buổi 1 (sửa)',
      level: 'huyen',
    };
    const updated = (
      await request(t.url).put(`/api/v1/training-records/${id}`).set(as()).send(corrected).expect(200)
    ).body as Record<string, unknown>;
    expect(updated).toMatchObject({
      id,
      unit: 'Hải Dương',
      kind: 'platform',
      platform: 'OneTouch',
      participants: 45,
      date: '2022-09-16',
      title: 'Buổi 1 (sửa)',
      level: 'huyen',
    });
    const [stamps]: { later: boolean }[] = await t.app
      .get(DataSource)
      .query(`SELECT updated_at > created_at AS later FROM training_record WHERE id = $1`, [id]);
    expect(stamps.later).toBe(true);
    const listed = (await request(t.url).get('/api/v1/training-records').set(as()).expect(200)).body as {
      id: string;
    }[];
    expect(listed.filter((r) => r.id === id)).toEqual([updated]);

    await request(t.url).delete(`/api/v1/training-records/${id}`).set(as()).expect(204);
    await request(t.url).delete(`/api/v1/training-records/${id}`).set(as()).expect(404);
    await request(t.url).put(`/api/v1/training-records/${id}`).set(as()).send(corrected).expect(404);
    const after = (await request(t.url).get('/api/v1/training-records').set(as()).expect(200)).body as {
      id: string;
    }[];
    expect(after.map((r) => r.id)).not.toContain(id);

    const actions: { action: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_log WHERE entity = 'training-record' AND entity_id = $1 ORDER BY id`, [
        id,
      ]);
    expect(actions.map((a) => a.action)).toEqual(['created', 'updated', 'deleted']);
  });
});
