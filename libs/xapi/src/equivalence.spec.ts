import { sameStatement } from './equivalence';

const base = {
  actor: { mbox: 'mailto:hoc.vien@example.vn' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'http://hocba.example.vn/courses/de-an-06' },
};

describe('sameStatement', () => {
  it('ignores key order and the properties the LRS sets', () => {
    const stored = {
      object: base.object,
      verb: base.verb,
      actor: base.actor,
      stored: '2024-01-01T00:00:00Z',
      version: '1.0.0',
      authority: { mbox: 'mailto:lrs@example.vn' },
    };
    expect(sameStatement(base, stored)).toBe(true);
  });
  it('compares timestamps as instants', () => {
    expect(
      sameStatement(
        { ...base, timestamp: '2024-05-28T16:30:00+07:00' },
        { ...base, timestamp: '2024-05-28T09:30:00.000Z' },
      ),
    ).toBe(true);
  });
  it('sees a different verb as a different statement', () => {
    expect(sameStatement(base, { ...base, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } })).toBe(
      false,
    );
  });
  it('compares durations to the hundredth of a second', () => {
    expect(
      sameStatement(
        { ...base, result: { duration: 'PT1.12567S' } },
        { ...base, result: { duration: 'PT1.12S' } },
      ),
    ).toBe(true);
    expect(
      sameStatement({ ...base, result: { duration: 'PT1S' } }, { ...base, result: { duration: 'PT1.00S' } }),
    ).toBe(true);
    expect(
      sameStatement(
        { ...base, result: { duration: 'PT1.13S' } },
        { ...base, result: { duration: 'PT1.12S' } },
      ),
    ).toBe(false);
  });
});
