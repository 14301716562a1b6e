import { useState } from 'react';
import { query } from '../api';
import { FunnelTable } from '../components/funnel-table';
import { useApi } from '../components/use-api';
import { useApp } from '../context';
import type { FunnelReport } from './dashboard';

/** One province: the funnel of each of its cohorts. */
export function ProvincePage(props: { provinceKey: string }) {
  const { t, language } = useApp();
  const era = new URLSearchParams(location.hash.split('?')[1]).get('era') ?? 'current';
  const [sort, setSort] = useState({ by: 'label', descending: false });
  const province = props.provinceKey.split('?')[0];
  const report = useApi<FunnelReport>(
    `/api/v1/reports/funnel?${query({ groupBy: 'cohort', era, province })}`,
  );
  const name = useApi<FunnelReport>(`/api/v1/reports/funnel?${query({ groupBy: 'province', era, province })}`)
    .data?.rows[0]?.label;
  return (
    <>
      <p>
        <a href="#/">← {t.dashboard}</a>
      </p>
      <h1>{name ?? t.province}</h1>
      {report.error && (
        <p role="alert" className="error">
          {report.error}
        </p>
      )}
      {report.data && (
        <FunnelTable
          t={t}
          language={language}
          caption={t.cohorts}
          rows={report.data.rows}
          totals={report.data.totals}
          sort={sort}
          onSort={(by) => setSort((s) => ({ by, descending: s.by === by ? !s.descending : by !== 'label' }))}
          link={(row) => `#/cohort/${row.key}`}
        />
      )}
    </>
  );
}
