import { CODE_PATTERN, maskName, normaliseCode, verificationCode } from './certificate-codes';

describe('certificate codes', () => {
  it('makes 16-character codes of the unambiguous alphabet, different each time', () => {
    const codes = Array.from({ length: 1000 }, verificationCode);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    expect(new Set(codes).size).toBe(1000);
  });

  it('reads a code as people type it', () => {
    expect(normaliseCode('abcd-efgh ijkl-mnop')).toBe('ABCDEFGH1JK1MN0P');
  });

  it('masks a Vietnamese name to the family name and initials, whatever its Unicode form', () => {
    expect(maskName('Nguyễn Thị Minh Khai')).toBe('Nguyễn T. M. K.');
    expect(maskName('Đặng  ánh')).toBe('Đặng Á.');
    expect(maskName('Lê Văn Ơn'.normalize('NFD'))).toBe('Lê V. Ơ.');
    expect(maskName('Tèo')).toBe('T.');
  });
});
