import { nameKey, provinceKey, slug } from './vietnamese';

describe('Vietnamese name keys', () => {
  it('equal for NFC and NFD forms of one name', () => {
    const nfd = 'Nguyễn Thị Hằng'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hằng');
    expect(nameKey(nfd)).toBe(nameKey('Nguyễn Thị Hằng'));
  });

  it('equal for old and new tone placement (hoà/hòa, thuý/thúy), without touching hoàng', () => {
    expect(nameKey('Khánh Hoà')).toBe(nameKey('Khánh Hòa'));
    expect(nameKey('Thanh Hoá')).toBe(nameKey('Thanh Hóa'));
    expect(nameKey('Nguyễn Thị Thuý')).toBe(nameKey('Nguyễn Thị Thúy'));
    expect(nameKey('Lê Văn Hoàng')).toBe('lê văn hoàng');
  });

  it('ignore case, extra spaces and the kind of dash', () => {
    expect(nameKey('Bà Rịa – Vũng  Tàu')).toBe(nameKey('bà rịa-vũng tàu'));
  });

  it('province keys drop TP./Thành phố/Tỉnh', () => {
    expect(provinceKey('TP. Hà Nội')).toBe(provinceKey('Hà Nội'));
    expect(provinceKey('Thành phố Hồ Chí Minh')).toBe(provinceKey('Hồ Chí Minh'));
    expect(provinceKey('Tỉnh Bắc Giang')).toBe('bắc giang');
  });

  it('slugs drop diacritics and đ', () => {
    expect(slug('Bà Rịa - Vũng Tàu')).toBe('ba-ria-vung-tau');
    expect(slug('Đắk Lắk')).toBe('dak-lak');
  });
});
