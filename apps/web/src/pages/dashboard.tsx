import { useState } from 'react';
import { download, query } from '../api';
import { DailyChart } from '../components/daily-chart';
import { FunnelChart, FunnelTable, type FunnelRow } from '../components/funnel-table';
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

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(date) - n * 86_400_000).toISOString().slice(0, 10);

/** The national dashboard: every province's funnel, ranked, with the funnel and the days behind it. */
export function Dashboard() {
  const { t, language } = useApp();
  const [era, setEra] = useState<'legacy' | 'current'>('current');
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [courseCode, setCourseCode] = useState('');
  const [wave, setWave] = useState('');
  const [sort, setSort] = useState({ by: 'rank', descending: false });
  const filter = {
    groupBy: 'province',
    era,
    asOf,
    courseCode: courseCode || undefined,
    wave: wave || undefined,
  };
  const report = useApi<FunnelReport>(`/api/v1/reports/funnel?${query(filter)}`);
  const daily = useApi<{ days: Record<string, number | string>[] }>(
    `/api/v1/reports/funnel/daily?${query({ era, courseCode: courseCode || undefined, wave: wave || undefined, from: daysBefore(asOf, 29), to: asOf })}`,
  );
  const courses = useApi<{ code: string; title: string }[]>('/api/v1/courses');
  const cohorts = useApi<{ wave: string | null }[]>('/api/v1/cohorts');
  const waves = [...new Set(cohorts.data?.flatMap((c) => (c.wave ? [c.wave] : [])))].sort();
  const r = report.data;
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
        <label>
          {t.course}
          <select value={courseCode} onChange={(e) => setCourseCode(e.target.value)}>
            <option value="">{t.allCourses}</option>
            {courses.data?.map((c) => (
              <option key={c.code} value={c.code}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
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
        <DayInput
          label={t.asOf}
          value={asOf}
          required
          onChange={(value) => value && setAsOf(value)}
          w={150}
        />
        <button
          type="button"
          onClick={() => void download(`/api/v1/reports/funnel?${query({ ...filter, format: 'xlsx' })}`)}
        >
          {t.export} XLSX
        </button>
        <button
          type="button"
          onClick={() => void download(`/api/v1/reports/funnel?${query({ ...filter, format: 'csv' })}`)}
        >
          {t.export} CSV
        </button>
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
          <FunnelTable
            t={t}
            language={language}
            caption={t.province}
            rows={r.rows}
            totals={r.totals}
            sort={sort}
            onSort={(by) =>
              setSort((s) => ({
                by,
                descending: s.by === by ? !s.descending : by !== 'rank' && by !== 'label',
              }))
            }
            link={(row) => `#/province/${encodeURIComponent(row.label)}?era=${era}`}
          />
        </>
      )}
    </>
  );
}
