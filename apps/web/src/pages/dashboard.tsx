import { useState } from 'react';
import { query } from '../api';
import { DailyChart } from '../components/daily-chart';
import {
  CourseFilter,
  FunnelChart,
  FunnelExport,
  FunnelTable,
  type FunnelRow,
} from '../components/funnel-table';
import { MAP_RATES, ProvinceMap, type MapRate, type ProvinceMapData } from '../components/province-map';
import { useApi } from '../components/use-api';
import { DayInput } from '../components/ui';
import { useApp } from '../context';
import { formatDateTime, formatNumber as number, todayInVietnam } from '../format';

export interface FunnelReport {
  asOf: string;
  dataAsOf: string;
  rows: FunnelRow[];
  totals: Omit<FunnelRow, 'key' | 'label'>;
  coverage: { provinces: number; withCohorts: number; started: number };
}

export const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(date) - n * 86_400_000).toISOString().slice(0, 10);

/** A province's page on a map: by its id, which both maps' names cannot mistake. */
export const provinceLink = (id: string, era: string) => `#/province/${encodeURIComponent(id)}?era=${era}`;

/**
 * The national dashboard: every province of the map (those not started too), on a map coloured by
 * the rate picked and in a table ranked by completion, with the funnel and the days behind it.
 */
export function Dashboard() {
  const { t, language } = useApp();
  const [era, setEra] = useState<'legacy' | 'current'>('current');
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [courseCode, setCourseCode] = useState('');
  const [wave, setWave] = useState('');
  const [level, setLevel] = useState('');
  const [sector, setSector] = useState('');
  const [rate, setRate] = useState<MapRate>('completed');
  const [sort, setSort] = useState({ by: 'rank', descending: false });
  const narrow = {
    era,
    courseCode: courseCode || undefined,
    wave: wave || undefined,
    level: level || undefined,
    sector: sector || undefined,
  };
  const filter = { groupBy: 'province', allProvinces: 'true', asOf, ...narrow };
  const report = useApi<FunnelReport>(`/api/v1/reports/funnel?${query(filter)}`);
  const daily = useApi<{ days: Record<string, number | string>[] }>(
    `/api/v1/reports/funnel/daily?${query({ ...narrow, from: daysBefore(asOf, 29), to: asOf })}`,
  );
  const map = useApi<ProvinceMapData>(`/api/v1/provinces/map?era=${era}`);
  const cohorts = useApi<{ wave: string | null }[]>('/api/v1/cohorts');
  const waves = [...new Set(cohorts.data?.flatMap((c) => (c.wave ? [c.wave] : [])))].sort();
  // On the map of 63, a cohort of a province of the 34 keeps its own row (it cannot be split): say so.
  const r = report.data && {
    ...report.data,
    rows: report.data.rows.map((row) =>
      era === 'legacy' && row.key.startsWith('current:')
        ? { ...row, label: `${row.label} (${t.otherMapUnit})` }
        : row,
    ),
  };
  return (
    <>
      <h1>{t.dashboard}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.era}
          <select value={era} onChange={(e) => setEra(e.target.value as 'legacy' | 'current')}>
            <option value="current">{t.current}</option>
            <option value="legacy">{t.legacy}</option>
          </select>
        </label>
        <CourseFilter value={courseCode} onChange={setCourseCode} label={t.course} all={t.allCourses} />
        <label>
          {t.wave}
          <select value={wave} onChange={(e) => setWave(e.target.value)}>
            <option value="">{t.allWaves}</option>
            {waves.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.level}
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t.allLevels}</option>
            {Object.entries(t.levels).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.sector}
          <select value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{t.allSectors}</option>
            {Object.entries(t.sectors).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <DayInput
          label={t.asOf}
          value={asOf}
          required
          onChange={(value) => value && setAsOf(value)}
          w={150}
        />
        <FunnelExport filter={filter} label={t.export} />
      </form>
      {report.error && (
        <p role="alert" className="error">
          {report.error}
        </p>
      )}
      {!r ? (
        <p>{t.loading}</p>
      ) : (
        <>
          <p className="as-of" data-testid="data-as-of">
            {t.dataAsOf}: {formatDateTime(r.dataAsOf)} · {t.coverage}:{' '}
            {t.coverageText(r.coverage.provinces, r.coverage.withCohorts, r.coverage.started)} ·{' '}
            {number(r.totals.enrolled, language)} {t.enrolled.toLowerCase()}
          </p>
          <div className="overview">
            <section aria-labelledby="map-title">
              <h2 id="map-title">{t.provinceMap}</h2>
              <label className="colour-by">
                {t.colourBy}{' '}
                <select value={rate} onChange={(e) => setRate(e.target.value as MapRate)}>
                  {MAP_RATES.map((m) => (
                    <option key={m} value={m}>
                      {t.rate} {t[m].toLowerCase()}
                    </option>
                  ))}
                </select>
              </label>
              {map.data?.era === era ? (
                <ProvinceMap map={map.data} rows={r.rows} rate={rate} link={(id) => provinceLink(id, era)} />
              ) : (
                <p>{t.loading}</p>
              )}
            </section>
            <div className="charts">
              <section aria-labelledby="funnel-title">
                <h2 id="funnel-title">{t.funnel}</h2>
                <FunnelChart t={t} language={language} totals={r.totals} />
              </section>
              <section aria-labelledby="daily-title">
                <h2 id="daily-title">{t.daily}</h2>
                {daily.data && <DailyChart t={t} days={daily.data.days} />}
              </section>
            </div>
          </div>
          <FunnelTable
            t={t}
            language={language}
            caption={t.province}
            rows={r.rows}
            totals={r.totals}
            rate={rate}
            deployment
            sort={sort}
            onSort={(by) =>
              setSort((s) => ({
                by,
                descending: s.by === by ? !s.descending : by !== 'rank' && by !== 'label',
              }))
            }
            link={(row) => provinceLink(row.key, era)}
          />
        </>
      )}
    </>
  );
}
