import { randomUUID } from 'node:crypto';
import XAPI, { type Statement } from '@xapi/xapi';
import type { Versions } from '@xapi/xapi/dist/types/constants';
import TinCan from 'tincanjs';
import { LRS_KEY, LRS_SECRET, BASIC, startTestApp, type TestApp } from './support/test-app';

/** Clients written by others drive the documents: xAPI.js (@xapi/xapi), TinCanJS, and a cmi5-style launch. */
describe('document resources through real clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const newLearner = () => ({
    objectType: 'Agent' as const,
    name: 'Phạm Minh Đức',
    account: { homePage: 'https://mooc.example.vn', name: `hv-${randomUUID().slice(0, 8)}` },
  });
  const course = () => `https://mooc.example.vn/courses/${randomUUID()}`;

  describe('@xapi/xapi', () => {
    let xapi: XAPI;
    beforeAll(() => {
      // xAPI.js types list only 1.0.x, but it sends whatever version it is given.
      xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '2.0.0' as Versions });
    });

    it('creates, merges, reads, lists and deletes state', async () => {
      const agent = newLearner();
      const activityId = course();
      await xapi.createState({ agent, activityId, stateId: 'progress', state: { lesson: 1 } });
      await xapi.createState({ agent, activityId, stateId: 'progress', state: { score: 7 } });
      expect((await xapi.getState({ agent, activityId, stateId: 'progress' })).data).toEqual({
        lesson: 1,
        score: 7,
      });
      expect((await xapi.getStates({ agent, activityId })).data).toEqual(['progress']);
      await xapi.deleteState({ agent, activityId, stateId: 'progress' });
      await expect(xapi.getState({ agent, activityId, stateId: 'progress' })).rejects.toMatchObject({
        response: { status: 404 },
      });
    });

    it('replaces an activity profile only with its current ETag', async () => {
      const activityId = course();
      await xapi.setActivityProfile({
        activityId,
        profileId: 'config',
        profile: { passMark: 0.8 },
        etag: '*',
        matchHeader: 'If-None-Match',
      });
      const current = await xapi.getActivityProfile({ activityId, profileId: 'config' });
      const etag = current.headers.etag as string;
      await xapi.setActivityProfile({
        activityId,
        profileId: 'config',
        profile: { passMark: 0.7 },
        etag,
        matchHeader: 'If-Match',
      });
      await expect(
        xapi.setActivityProfile({
          activityId,
          profileId: 'config',
          profile: { passMark: 0.5 },
          etag,
          matchHeader: 'If-Match',
        }),
      ).rejects.toMatchObject({ response: { status: 412 } });
      expect((await xapi.getActivityProfile({ activityId, profileId: 'config' })).data).toEqual({
        passMark: 0.7,
      });
    });

    it('writes an agent profile and reads the Person and the Activity', async () => {
      const agent = newLearner();
      await xapi.setAgentProfile({
        agent,
        profileId: 'preferences',
        profile: { language: 'vi' },
        etag: '*',
        matchHeader: 'If-None-Match',
      });
      expect((await xapi.getAgentProfile({ agent, profileId: 'preferences' })).data).toEqual({
        language: 'vi',
      });
      expect((await xapi.getAgentProfiles({ agent })).data).toEqual(['preferences']);
      const person = (await xapi.getAgent({ agent })).data;
      expect(person).toMatchObject({ objectType: 'Person', account: [agent.account] });
      const activityId = course();
      const activity = (await xapi.getActivity({ activityId })).data;
      expect(activity).toEqual({ objectType: 'Activity', id: activityId });
    });
  });

  describe('TinCanJS', () => {
    const lrs = () =>
      new TinCan.LRS({
        endpoint: `${t.url}/xapi/`,
        username: LRS_KEY,
        password: LRS_SECRET,
        allowFail: false,
        version: '1.0.2',
      });
    const call = <T>(invoke: (callback: (err: unknown, result: T) => void) => void): Promise<T> =>
      new Promise((resolve, reject) =>
        invoke((err, result) =>
          err ? reject(new Error(`TinCanJS error: ${JSON.stringify(err)}`)) : resolve(result),
        ),
      );

    it('saves and retrieves state, then replaces it with the ETag it was given', async () => {
      const client = lrs();
      const agent = new TinCan.Agent(newLearner());
      const activity = new TinCan.Activity({ id: course() });
      await call((callback) =>
        client.saveState(
          'bookmark',
          { page: 3 },
          { agent, activity, contentType: 'application/json', callback },
        ),
      );
      const state = await call<{ contents: unknown; etag: string }>((callback) =>
        client.retrieveState('bookmark', { agent, activity, callback }),
      );
      expect(state.contents).toEqual({ page: 3 });
      await call((callback) =>
        client.saveState(
          'bookmark',
          { page: 4 },
          { agent, activity, contentType: 'application/json', lastSHA1: state.etag, callback },
        ),
      );
      const again = await call<{ contents: unknown }>((callback) =>
        client.retrieveState('bookmark', { agent, activity, callback }),
      );
      expect(again.contents).toEqual({ page: 4 });
    });

    it('saves activity and agent profiles (it sends If-None-Match: * to create) and retrieves them', async () => {
      const client = lrs();
      const activity = new TinCan.Activity({ id: course() });
      await call((callback) =>
        client.saveActivityProfile('syllabus', 'Tuần 1: Đề án 06', {
          activity,
          contentType: 'text/plain; charset=utf-8',
          callback,
        }),
      );
      const profile = await call<{ contents: unknown }>((callback) =>
        client.retrieveActivityProfile('syllabus', { activity, callback }),
      );
      expect(profile.contents).toBe('Tuần 1: Đề án 06');
      const agent = new TinCan.Agent(newLearner());
      await call((callback) =>
        client.saveAgentProfile(
          'theme',
          { dark: true },
          { agent, contentType: 'application/json', callback },
        ),
      );
      const agentProfile = await call<{ contents: unknown }>((callback) =>
        client.retrieveAgentProfile('theme', { agent, callback }),
      );
      expect(agentProfile.contents).toEqual({ dark: true });
    });
  });

  describe('a cmi5-style launch', () => {
    it('the AU reads LMS.LaunchData from state, then sends initialized, completed, passed, terminated in its registration', async () => {
      const actor = newLearner();
      const registration = randomUUID();
      const auId = `${course()}/au/1`;
      const contextTemplate = {
        contextActivities: {
          grouping: [{ objectType: 'Activity' as const, id: 'https://mooc.example.vn/courses/de-an-06' }],
        },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': randomUUID() },
      };
      // The LMS writes the launch data before it launches the AU.
      const lms = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
      await lms.setState({
        agent: actor,
        activityId: auId,
        registration,
        stateId: 'LMS.LaunchData',
        state: { contextTemplate, launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.8 },
      });

      const au = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
      const launchData = (
        await au.getState({ agent: actor, activityId: auId, registration, stateId: 'LMS.LaunchData' })
      ).data as {
        contextTemplate: typeof contextTemplate;
        launchMode: string;
        masteryScore: number;
      };
      expect(launchData.launchMode).toBe('Normal');
      const cmi5 = (verb: string, extra: Partial<Statement> = {}): Statement => ({
        actor,
        verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
        object: { objectType: 'Activity', id: auId },
        context: { ...launchData.contextTemplate, registration },
        ...extra,
      });
      for (const statement of [
        cmi5('initialized'),
        cmi5('completed', { result: { completion: true, duration: 'PT20M' } }),
        cmi5('passed', { result: { success: true, score: { scaled: 0.9 } } }),
        cmi5('terminated'),
      ]) {
        await au.sendStatement({ statement });
      }
      const sent = (await au.getStatements({ registration, ascending: true })).data.statements;
      expect(sent.map((s) => s.verb.id.split('/').pop())).toEqual([
        'initialized',
        'completed',
        'passed',
        'terminated',
      ]);
      expect(
        sent.every(
          (s) =>
            s.context?.contextActivities?.grouping?.[0]?.id === 'https://mooc.example.vn/courses/de-an-06',
        ),
      ).toBe(true);
    });
  });
});
