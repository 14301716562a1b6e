import { isDuration, isIri, isLanguageTag, isUuid, parseTimestamp } from './formats';

describe('xAPI formats', () => {
  describe('parseTimestamp', () => {
    it('accepts ISO 8601 with Z or an offset', () => {
      expect(parseTimestamp('2024-05-28T09:30:00Z')).toBe(Date.UTC(2024, 4, 28, 9, 30));
      expect(parseTimestamp('2024-05-28T16:30:00.123+07:00')).toBe(Date.UTC(2024, 4, 28, 9, 30, 0, 123));
      expect(parseTimestamp('2024-05-28T16:30:00+0700')).toBe(Date.UTC(2024, 4, 28, 9, 30));
    });
    it('rejects a missing zone, the -00:00 offset and impossible dates', () => {
      expect(parseTimestamp('2024-05-28T09:30:00')).toBeUndefined();
      expect(parseTimestamp('2024-05-28T09:30:00-00:00')).toBeUndefined();
      expect(parseTimestamp('2024-02-31T09:30:00Z')).toBeUndefined();
      expect(parseTimestamp('yesterday')).toBeUndefined();
    });
  });
  it('isDuration accepts ISO 8601 durations and refuses empty designators', () => {
    for (const ok of ['PT1H30M', 'P1DT2.5S', 'P3W', 'PT0S']) expect(isDuration(ok)).toBe(true);
    for (const bad of ['P', 'PT', '1H', 'P1H', 'PT1.H']) expect(isDuration(bad)).toBe(false);
  });
  it('isIri requires a scheme and no whitespace', () => {
    expect(isIri('http://adlnet.gov/expapi/verbs/completed')).toBe(true);
    expect(isIri('urn:uuid:1234')).toBe(true);
    expect(isIri('completed')).toBe(false);
    expect(isIri('http://x y')).toBe(false);
  });
  it('isLanguageTag follows RFC 5646 syntax', () => {
    for (const ok of ['vi', 'vi-VN', 'en-US', 'zh-Hant-TW', 'es-419']) expect(isLanguageTag(ok)).toBe(true);
    for (const bad of ['', 'vietnamese-long', 'e', '12']) expect(isLanguageTag(bad)).toBe(false);
  });
  it('isUuid accepts the 8-4-4-4-12 hex form only', () => {
    expect(isUuid('fd41c918-b88b-4b20-a0a5-a4c32391aaa0')).toBe(true);
    expect(isUuid('fd41c918b88b4b20a0a5a4c32391aaa0')).toBe(false);
  });
});
