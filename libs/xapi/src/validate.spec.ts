import { XapiValidationError } from './errors';
import { validateStatement } from './validate';

const valid = () => ({
  actor: { objectType: 'Agent', name: 'Lê Văn Cường', mbox: 'mailto:cuong@example.vn' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành' } },
  object: { id: 'https://mooc.example.vn/courses/de-an-06' },
});

function reason(statement: unknown, version: '1.0.3' | '2.0.0' = '1.0.3'): string | undefined {
  try {
    validateStatement(statement, version);
    return undefined;
  } catch (e) {
    if (e instanceof XapiValidationError) return e.message;
    throw e;
  }
}

describe(validateStatement.name, () => {
  it('accepts a minimal valid statement', () => {
    expect(reason(valid())).toBeUndefined();
  });

  describe('actor (Data 2.4.2)', () => {
    it('an Agent has exactly one inverse functional identifier', () => {
      expect(reason({ ...valid(), actor: { name: 'x' } })).toBe(
        'statement.actor must have exactly one of mbox, mbox_sha1sum, openid, account',
      );
      expect(
        reason({ ...valid(), actor: { mbox: 'mailto:a@b.vn', openid: 'http://id.example.vn/a' } }),
      ).toMatch(/exactly one/);
    });
    it('mbox is a mailto: IRI', () => {
      expect(reason({ ...valid(), actor: { mbox: 'cuong@example.vn' } })).toBe(
        'statement.actor.mbox must be "mailto:" followed by an e-mail address',
      );
    });
    it('account has homePage (an IRL) and name', () => {
      expect(reason({ ...valid(), actor: { account: { name: 'x' } } })).toBe(
        'statement.actor.account.homePage is required',
      );
      expect(reason({ ...valid(), actor: { account: { homePage: 'mooc', name: 'x' } } })).toMatch(
        /homePage must be an absolute URL/,
      );
    });
    it('an anonymous Group lists its members, who are Agents', () => {
      expect(reason({ ...valid(), actor: { objectType: 'Group' } })).toBe(
        'statement.actor.member is required for an anonymous Group',
      );
      expect(
        reason({ ...valid(), actor: { objectType: 'Group', member: [{ objectType: 'Group', member: [] }] } }),
      ).toMatch(/member\[0\] must be an Agent/);
    });
  });

  describe('verb (Data 2.4.3)', () => {
    it('id is an IRI and display a language map', () => {
      expect(reason({ ...valid(), verb: { id: 'completed' } })).toMatch(
        /^statement.verb.id must be an absolute IRI/,
      );
      expect(reason({ ...valid(), verb: { id: 'http://x.vn/v', display: { 'not a tag': 'x' } } })).toMatch(
        /is not an RFC 5646 language tag/,
      );
    });
    it('voided requires a StatementRef object', () => {
      expect(reason({ ...valid(), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } })).toBe(
        'statement.object must be a StatementRef when the verb is voided',
      );
    });
  });

  describe('object (Data 2.4.4)', () => {
    it('objectType is one of the five kinds', () => {
      expect(reason({ ...valid(), object: { objectType: 'GroupActivity', id: 'http://x.vn/a' } })).toMatch(
        /objectType must be one of/,
      );
    });
    it('a SubStatement has no id, stored, version or authority, and does not nest', () => {
      const sub = { objectType: 'SubStatement', ...valid() };
      expect(reason({ ...valid(), object: sub })).toBeUndefined();
      expect(reason({ ...valid(), object: { ...sub, id: '6d3a0f0e-0bd3-4d6e-9f38-2a6b7c1ab2f1' } })).toBe(
        'statement.object.id is not a property xAPI allows here',
      );
      expect(reason({ ...valid(), object: { ...sub, object: sub } })).toMatch(/sub-statements do not nest/);
    });
    it('interaction components fit the interactionType and have unique ids', () => {
      const def = (d: object) => ({ ...valid(), object: { id: 'http://x.vn/q', definition: d } });
      expect(reason(def({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'b' }] }))).toBeUndefined();
      expect(reason(def({ interactionType: 'true-false', choices: [{ id: 'a' }] }))).toMatch(
        /choices is not allowed for interactionType "true-false"/,
      );
      expect(reason(def({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }))).toMatch(
        /ids must be unique/,
      );
    });
  });

  describe('result (Data 2.4.5)', () => {
    it('score.scaled lies in [-1, 1] and raw between min and max', () => {
      expect(reason({ ...valid(), result: { score: { scaled: 1.5 } } })).toBe(
        'statement.result.score.scaled must be between -1 and 1',
      );
      expect(reason({ ...valid(), result: { score: { raw: 11, min: 0, max: 10 } } })).toBe(
        'statement.result.score.raw must not be more than score.max',
      );
      expect(reason({ ...valid(), result: { score: { min: 0, max: 0 } } })).toBe(
        'statement.result.score.min must be less than score.max',
      );
    });
    it('duration is ISO 8601', () => {
      expect(reason({ ...valid(), result: { duration: '90 minutes' } })).toMatch(
        /duration must be an ISO 8601 duration/,
      );
    });
  });

  describe('context (Data 2.4.6)', () => {
    it('revision and platform only with an Activity object', () => {
      const agentObject = {
        ...valid(),
        object: { objectType: 'Agent', mbox: 'mailto:b@example.vn' },
        context: { platform: 'Moodle' },
      };
      expect(reason(agentObject)).toBe(
        'statement.context.platform may only be used when the object is an Activity',
      );
    });
    it('contextAgents exist in 2.0.0 only', () => {
      const s = {
        ...valid(),
        context: { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:gv@example.vn' } }] },
      };
      expect(reason(s, '2.0.0')).toBeUndefined();
      expect(reason(s, '1.0.3')).toBe('statement.context.contextAgents is not a property xAPI allows here');
    });
  });

  describe('formatting (Data 2.2)', () => {
    it('refuses null values and unknown properties', () => {
      expect(reason({ ...valid(), result: null })).toBe('statement.result must not be null');
      expect(reason({ ...valid(), colour: 'blue' })).toBe(
        'statement.colour is not a property xAPI allows here',
      );
    });
    it('extension keys are IRIs, their values anything', () => {
      expect(reason({ ...valid(), result: { extensions: { 'http://x.vn/e': null } } })).toBeUndefined();
      expect(reason({ ...valid(), result: { extensions: { province: '01' } } })).toMatch(
        /extension keys must be absolute IRIs/,
      );
    });
  });

  describe('authority (Data 2.4.9)', () => {
    it('a Group authority is an anonymous pair of Agents', () => {
      const pair = [{ mbox: 'mailto:a@x.vn' }, { account: { homePage: 'https://app.vn', name: 'app' } }];
      expect(reason({ ...valid(), authority: { objectType: 'Group', member: pair } })).toBeUndefined();
      expect(
        reason({ ...valid(), authority: { objectType: 'Group', mbox: 'mailto:g@x.vn', member: pair } }),
      ).toMatch(/must be an anonymous Group/);
    });
  });

  describe('timestamp (Data 2.4.7)', () => {
    it('carries a time zone', () => {
      expect(reason({ ...valid(), timestamp: '2024-05-28T09:30:00' })).toMatch(
        /timestamp must be an ISO 8601 date and time with a time zone/,
      );
    });
  });
});
