/**
 * Matching of Vietnamese names as people type them. Names are kept as written for display; these
 * keys are only for comparing.
 */

/**
 * Old-style tone placement (hoà, thuý) to the placement the 2018 orthography and most keyboards use
 * now (hòa, thúy): in oa, oe, uy the tone moves from the second vowel to the first. Keys are
 * NFC, lower case.
 */
const TONE_MOVES: [RegExp, string][] = [];
{
  const marks: Record<string, string[]> = {
    // base: [acute, grave, hook, tilde, dot] of the second vowel → of the first vowel
    a: ['á', 'à', 'ả', 'ã', 'ạ'],
    e: ['é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    y: ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
  };
  const first: Record<string, string[]> = {
    o: ['ó', 'ò', 'ỏ', 'õ', 'ọ'],
    u: ['ú', 'ù', 'ủ', 'ũ', 'ụ'],
  };
  const pairs: [string, string][] = [
    ['o', 'a'],
    ['o', 'e'],
    ['u', 'y'],
  ];
  for (const [v1, v2] of pairs) {
    for (let tone = 0; tone < 5; tone++) {
      // Only when the pair ends the syllable (hoà → hòa), not before a final consonant (hoàng stays).
      TONE_MOVES.push([
        new RegExp(`${v1}${marks[v2][tone]}(?![a-zđăâêôơư\\p{M}])`, 'gu'),
        `${first[v1][tone]}${v2}`,
      ]);
    }
  }
}

/** The form two spellings of one name share: NFC, lower case, one tone placement, one kind of dash and space. */
export function nameKey(name: string): string {
  let s = name.normalize('NFC').toLowerCase();
  s = s
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, replacement] of TONE_MOVES) s = s.replace(pattern, replacement);
  return s;
}

const PROVINCE_PREFIXES = /^(thành phố|tp\.?|tỉnh)\s*/u;

/** A province's key: the name key without "TP."/"Thành phố"/"Tỉnh" in front. */
export function provinceKey(name: string): string {
  return nameKey(name).replace(PROVINCE_PREFIXES, '').trim();
}

/** A name with its diacritics removed, for ids and slugs ("Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau"). */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Text a person typed, in the composed form (NFC). It looks the same as the decomposed form (NFD)
 * some keyboards and exports produce, but only one form can be matched byte for byte, searched
 * and sorted alike; so display text is stored as written, in NFC.
 */
export function nfc<T>(value: T): T {
  return (typeof value === 'string' ? value.normalize('NFC') : value) as T;
}

/** The same for class-transformer's `@Transform` on a DTO field. */
export const toNfc = ({ value }: { value: unknown }): unknown => nfc(value);
