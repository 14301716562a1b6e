import {
  definedActivities,
  documentEtag,
  etagMatches,
  mergeActivityDefinition,
  mergeJsonDocuments,
  personOf,
} from './documents';

describe('document rules', () => {
  it('an ETag is the quoted SHA-1 hex of the bytes', () => {
    expect(documentEtag(Buffer.from('abc'))).toBe('"a9993e364706816aba3e25717850c26c9cd0d89d"');
  });

  it('If-Match lists match quoted, unquoted and weak tags; * matches only an existing document', () => {
    const current = '"a9993e364706816aba3e25717850c26c9cd0d89d"';
    expect(etagMatches('"x", "a9993e364706816aba3e25717850c26c9cd0d89d"', current)).toBe(true);
    expect(etagMatches('a9993e364706816aba3e25717850c26c9cd0d89d', current)).toBe(true);
    expect(etagMatches('W/"a9993e364706816aba3e25717850c26c9cd0d89d"', current)).toBe(true);
    expect(etagMatches('"other"', current)).toBe(false);
    expect(etagMatches('*', current)).toBe(true);
    expect(etagMatches('*', undefined)).toBe(false);
  });

  it('a document merge replaces top-level properties whole (one level deep)', () => {
    expect(mergeJsonDocuments({ a: 1, n: { x: 1 } }, { n: { y: 2 }, b: 2 })).toEqual({
      a: 1,
      n: { y: 2 },
      b: 2,
    });
  });

  it('activity definitions gain languages and extensions, and later values replace earlier ones', () => {
    const first = {
      name: { 'vi-VN': 'Bài 1' },
      type: 'http://adlnet.gov/expapi/activities/lesson',
      extensions: { 'https://e/a': 1 },
    };
    const second = {
      name: { 'en-US': 'Lesson 1' },
      type: 'http://adlnet.gov/expapi/activities/module',
      extensions: { 'https://e/b': 2 },
    };
    expect(mergeActivityDefinition(first, second)).toEqual({
      name: { 'vi-VN': 'Bài 1', 'en-US': 'Lesson 1' },
      type: 'http://adlnet.gov/expapi/activities/module',
      extensions: { 'https://e/a': 1, 'https://e/b': 2 },
    });
  });

  it('finds definitions in the object, the context activities and a SubStatement, but not in agents', () => {
    const def = (n: string) => ({ name: { 'en-US': n } });
    const statement = {
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:a@example.vn' },
        object: { id: 'https://e/sub', definition: def('sub') },
      },
      context: {
        contextActivities: {
          parent: { id: 'https://e/parent', definition: def('parent') },
          grouping: [{ id: 'https://e/g' }],
        },
      },
    };
    expect(definedActivities(statement).map((a) => a.id)).toEqual(['https://e/parent', 'https://e/sub']);
  });

  it('a Person lists each known name and identifier once, as arrays', () => {
    const account = { homePage: 'https://mooc.example.vn', name: 'hv1' };
    expect(personOf([{ account }, { name: 'An', account }, { name: 'An', account }])).toEqual({
      objectType: 'Person',
      name: ['An'],
      account: [account],
    });
  });
});
