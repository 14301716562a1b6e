import { useState } from 'react';
import { useApp } from '../context';
import { formatNumber as number, formatPercent as percent } from '../format';
import { deploymentOf, type FunnelRow } from './funnel-table';

/** The map GET /api/v1/provinces/map gives: SVG paths keyed like the funnel's rows. */
export interface ProvinceMapData {
  era: 'legacy' | 'current';
  viewBox: string;
  provinces: { id: string; name: string; path: string }[];
  archipelagos: {
    name: string;
    provinceId: string;
    province: string;
    islands: [number, number][];
    label: [number, number];
  }[];
  sea: { name: string; label: [number, number] };
  attribution: string;
}

/** The rates a person may colour the map by. */
export const MAP_RATES = ['activated', 'completed', 'certified'] as const;
export type MapRate = (typeof MAP_RATES)[number];

/** Five classes of 20 points each, light to dark; grey where a province has no seat yet. */
const CLASSES = ['#e3eef9', '#b3d0ee', '#6fa5db', '#2f74c0', '#0b4488'];
const NONE = '#cfcfcf';
const classOf = (rate: number) => Math.min(CLASSES.length - 1, Math.floor(rate * CLASSES.length));

/**
 * The provinces as a choropleth (SVG): each province a link to its page, named for screen readers
 * and on hover with its rate, reachable from the keyboard; Hoàng Sa and Trường Sa marked and named.
 */
export function ProvinceMap(props: {
  map: ProvinceMapData;
  rows: FunnelRow[];
  rate: MapRate;
  link: (id: string) => string;
}) {
  const { t, language } = useApp();
  const { map, rate } = props;
  const [active, setActive] = useState<string>();
  const byKey = new Map(props.rows.map((r) => [r.key, r]));
  const rateName = `${t.rate} ${t[rate].toLowerCase()}`;
  const describe = (id: string, name: string) => {
    const row = byKey.get(id);
    if (!row || deploymentOf(row) === 'none') return `${name}: ${t.deploymentStates.none}`;
    const value = row.rates[rate];
    return `${name}: ${rateName} ${value === null || value === undefined ? t.noRate : percent(value, language)} (${number(row[rate], language)}/${number(row.enrolled, language)})`;
  };
  const fill = (id: string) => {
    const row = byKey.get(id);
    const value = row?.rates[rate];
    return !row || row.enrolled === 0 || value === null || value === undefined
      ? NONE
      : CLASSES[classOf(value)];
  };
  const shown = map.provinces.find((p) => p.id === active);
  return (
    <figure className="province-map">
      <svg viewBox={map.viewBox} role="group" aria-label={`${t.provinceMap} – ${rateName}`}>
        <text className="sea-name" x={map.sea.label[0]} y={map.sea.label[1]} aria-hidden="true">
          {map.sea.name}
        </text>
        {map.provinces.map((p) => {
          const name = describe(p.id, p.name);
          return (
            <a
              key={p.id}
              href={props.link(p.id)}
              aria-label={name}
              data-key={p.id}
              className="province"
              onMouseEnter={() => setActive(p.id)}
              onFocus={() => setActive(p.id)}
            >
              <title>{name}</title>
              <path d={p.path} fill={fill(p.id)} fillRule="evenodd" />
            </a>
          );
        })}
        {map.archipelagos.map((a) => (
          <g
            key={a.name}
            className="archipelago"
            role="img"
            aria-label={t.archipelagoOf(a.name, a.province)}
            data-name={a.name}
          >
            <title>{t.archipelagoOf(a.name, a.province)}</title>
            {a.islands.map(([x, y]) => (
              <circle key={`${x},${y}`} cx={x} cy={y} r="2.2" />
            ))}
            <text x={a.label[0]} y={a.label[1]} textAnchor="middle">
              {a.name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <p className="map-info">{shown ? describe(shown.id, shown.name) : t.mapHint}</p>
        <p className="legend-title">
          {t.legend}: {rateName}
        </p>
        <ul className="legend">
          {CLASSES.map((colour, i) => (
            <li key={colour}>
              <span className="swatch" style={{ background: colour }} aria-hidden="true" />
              {percent(i / CLASSES.length, language)}–{percent((i + 1) / CLASSES.length, language)}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NONE }} aria-hidden="true" />
            {t.deploymentStates.none}
          </li>
        </ul>
        <p className="map-source">
          {t.mapSource}: {map.attribution}
        </p>
      </figcaption>
    </figure>
  );
}
