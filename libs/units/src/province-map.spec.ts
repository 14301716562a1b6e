import provinces from './data/provinces-vn.json';
import { buildProvinceMap } from './province-map';

/** The map's projection, undone: 50 units a degree of latitude, longitudes shortened by cos 16°. */
const place = ([x, y]: [number, number]) => ({
  lon: 102 + x / (50 * Math.cos((16 * Math.PI) / 180)),
  lat: 23.5 - y / 50,
});

describe(buildProvinceMap.name, () => {
  it('draws the 63 provinces of the map until 30/6/2025 under their GSO codes', () => {
    const map = buildProvinceMap('legacy');
    expect(map.provinces.map((p) => p.id)).toEqual(provinces.old.map((p) => `legacy:${p.code}`));
    for (const p of map.provinces)
      expect([p.name, p.path]).toEqual([p.name, expect.stringMatching(/^M.+z$/)]);
  });

  it('derives each of the 34 from the provinces it absorbed, every one of the 63 used once', () => {
    const map = buildProvinceMap('current');
    expect(map.provinces.map((p) => p.name)).toEqual(provinces.new.map((p) => p.name));
    expect(provinces.new.flatMap((p) => p.absorbs).sort()).toEqual(provinces.old.map((p) => p.name).sort());
    // A province that absorbed none keeps its outline; one that absorbed others has a larger one.
    const legacy = new Map(buildProvinceMap('legacy').provinces.map((p) => [p.name, p.path]));
    expect(map.provinces.find((p) => p.name === 'Cao Bằng')!.path).toBe(legacy.get('Cao Bằng'));
    expect(map.provinces.find((p) => p.name === 'Tuyên Quang')!.path.length).toBeGreaterThan(
      legacy.get('Tuyên Quang')!.length,
    );
  });

  it('places Hoàng Sa and Trường Sa at their charted positions, under Đà Nẵng and Khánh Hòa', () => {
    for (const era of ['legacy', 'current'] as const) {
      const [hoangSa, truongSa] = buildProvinceMap(era).archipelagos;
      expect([hoangSa.name, hoangSa.province, truongSa.name, truongSa.province]).toEqual([
        'Quần đảo Hoàng Sa',
        'Đà Nẵng',
        'Quần đảo Trường Sa',
        'Khánh Hòa',
      ]);
      for (const { lon, lat } of hoangSa.islands.map(place)) {
        expect(lon).toBeGreaterThan(111);
        expect(lon).toBeLessThan(113);
        expect(lat).toBeGreaterThan(15.5);
        expect(lat).toBeLessThan(17.3);
      }
      for (const { lon, lat } of truongSa.islands.map(place)) {
        expect(lon).toBeGreaterThan(111.5);
        expect(lon).toBeLessThan(116);
        expect(lat).toBeGreaterThan(7.5);
        expect(lat).toBeLessThan(11.6);
      }
    }
  });
});
