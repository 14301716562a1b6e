import { useState } from 'react';
import { query } from '../api';
import { useProvinces } from '../client';
import { DailyChart } from '../components/daily-chart';
import { CourseFilter, FunnelChart, FunnelExport, FunnelTable } from '../components/funnel-table';
import { useApi } from '../components/use-api';
import { useApp } from '../context';
import { formatDateTime, todayInVietnam } from '../format';
import { daysBefore, type FunnelReport } from './dashboard';

/**
 * One province: the funnel of each of its cohorts, the funnel and the last 30 days in charts, a
 * course filter, the table as XLSX or CSV, and the way back to the national map.
 */
export function ProvincePage(props: { provinceKey: string }) {
  const { t, language } = useApp();
  const era = new URLSearchParams(location.hash.split('?')[1]).get('era') === 'legacy' ? 'legacy' : 'current';
  const [sort, setSort] = useState({ by: 'label', descending: false });
  const [courseCode, setCourseCode] = useState('');
  // The overview links by id ("current:khanh-hoa"); older links by name: the API takes both.
  const province = props.provinceKey.split('?')[0];
  const filter = { groupBy: 'cohort', era, province, courseCode: courseCode || undefined };
  const report = useApi<FunnelReport>(`/api/v1/reports/funnel?${query(filter)}`);
  const today = todayInVietnam();
  const daily = useApi<{ days: Record<string, number | string>[] }>(
    `/api/v1/reports/funnel/daily?${query({ era, province, courseCode: courseCode || undefined, from: daysBefore(today, 29), to: today })}`,
  );
  const units = [
    ...(useProvinces(era).data ?? []),
    ...(useProvinces(era === 'legacy' ? 'current' : 'legacy').data ?? []),
  ];
  const name = units.find((u) => u.id === province || u.name === province)?.name;
  const r = report.data;
  return (
    <>
      <p>
        <a href="#/">← {t.dashboard}</a>
      </p>
      <h1>{name ?? t.province}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <CourseFilter value={courseCode} onChange={setCourseCode} label={t.course} all={t.allCourses} />
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
            {t.dataAsOf}: {formatDateTime(r.dataAsOf)}
          </p>
          {r.rows.length === 0 ? (
            <p className="no-cohorts">{t.noCohorts}</p>
          ) : (
            <FunnelTable
              t={t}
              language={language}
              caption={t.cohorts}
              rows={r.rows}
              totals={r.totals}
              sort={sort}
              onSort={(by) =>
                setSort((s) => ({ by, descending: s.by === by ? !s.descending : by !== 'label' }))
              }
              link={(row) => `#/cohort/${row.key}`}
            />
          )}
          <div className="charts">
            <section aria-labelledby="province-funnel-title">
              <h2 id="province-funnel-title">{t.funnel}</h2>
              <FunnelChart t={t} language={language} totals={r.totals} />
            </section>
            <section aria-labelledby="province-daily-title">
              <h2 id="province-daily-title">{t.daily}</h2>
              {daily.data && <DailyChart t={t} days={daily.data.days} />}
            </section>
          </div>
        </>
      )}
    </>
  );
}
