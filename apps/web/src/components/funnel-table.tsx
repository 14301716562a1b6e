import { Table } from '@mantine/core';
import { download, query } from '../api';
import { compareText, formatNumber as number, formatPercent as percent } from '../format';
import { MILESTONES, type Language, type words } from '../i18n';
import { useApi } from './use-api';

export interface FunnelRow {
  key: string;
  label: string;
  rank?: number;
  enrolled: number;
  activated: number;
  started: number;
  completed: number;
  passed: number;
  certified: number;
  rates: Record<string, number | null>;
}

/** Where a province stands: no seat yet, seats but nobody started, or under way. */
export type Deployment = 'none' | 'enrolled' | 'started';
const DEPLOYMENTS: Deployment[] = ['none', 'enrolled', 'started'];
export const deploymentOf = (row: Omit<FunnelRow, 'key' | 'label'>): Deployment =>
  row.enrolled === 0 ? 'none' : row.started === 0 ? 'enrolled' : 'started';

/** A funnel table, sortable by any column; each label may link to the next level down. */
export function FunnelTable(props: {
  t: ReturnType<typeof words>;
  language: Language;
  caption: string;
  rows: FunnelRow[];
  totals?: Omit<FunnelRow, 'key' | 'label'>;
  link?: (row: FunnelRow) => string;
  sort: { by: string; descending: boolean };
  onSort: (by: string) => void;
  /** The rate shown in the last column (completion unless said). */
  rate?: 'activated' | 'completed' | 'certified';
  /** A column telling where each row stands (the national overview's provinces). */
  deployment?: boolean;
}) {
  const { t, language, rows, sort } = props;
  const rate = props.rate ?? 'completed';
  // Rows without a rate (no seat) sort below 0%; unranked rows after the ranked ones.
  const value = (row: FunnelRow): number | string => {
    if (sort.by === 'label') return row.label;
    if (sort.by === 'rate') return row.rates[rate] ?? -1;
    if (sort.by === 'deployment') return DEPLOYMENTS.indexOf(deploymentOf(row));
    if (sort.by === 'rank') return row.rank ?? Number.MAX_SAFE_INTEGER;
    return row[sort.by as keyof FunnelRow] as number;
  };
  const sorted = [...rows].sort((a, b) => {
    const av = value(a);
    const bv = value(b);
    const order =
      (typeof av === 'string' ? compareText(av, bv as string) : av - (bv as number)) ||
      compareText(a.label, b.label) * (sort.descending ? -1 : 1);
    return sort.descending ? -order : order;
  });
  const ratePercent = (r: Record<string, number | null>) =>
    r[rate] === null || r[rate] === undefined ? '–' : percent(r[rate], language);
  const header = (key: string, text: string) => (
    <th scope="col" aria-sort={sort.by === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" onClick={() => props.onSort(key)}>
        {text}
      </button>
    </th>
  );
  return (
    // On a phone the table scrolls inside its own box, as every other table does; the page never does.
    <Table.ScrollContainer minWidth={540}>
      <table className="funnel">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {header('rank', t.rank)}
            {header('label', props.caption)}
            {MILESTONES.map((m) => header(m, t[m]))}
            {header('rate', `${t.rate} ${t[rate].toLowerCase()}`)}
            {props.deployment && header('deployment', t.deployment)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={row.key}
              data-key={row.key}
              data-deployment={props.deployment ? deploymentOf(row) : undefined}
            >
              <td>{row.rank ?? ''}</td>
              <th scope="row">{props.link ? <a href={props.link(row)}>{row.label}</a> : row.label}</th>
              {MILESTONES.map((m) => (
                <td key={m} data-milestone={m}>
                  {number(row[m], language)}
                </td>
              ))}
              <td data-rate={rate}>{ratePercent(row.rates)}</td>
              {props.deployment && <td className="deployment">{t.deploymentStates[deploymentOf(row)]}</td>}
            </tr>
          ))}
        </tbody>
        {props.totals && (
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t.total}</th>
              {MILESTONES.map((m) => (
                <td key={m} data-milestone={m}>
                  {number(props.totals![m], language)}
                </td>
              ))}
              <td data-rate={rate}>{ratePercent(props.totals.rates)}</td>
              {props.deployment && <td />}
            </tr>
          </tfoot>
        )}
      </table>
    </Table.ScrollContainer>
  );
}

/** The funnel as horizontal bars (SVG), each milestone against enrolled. */
export function FunnelChart(props: {
  t: ReturnType<typeof words>;
  language: Language;
  totals: Omit<FunnelRow, 'key' | 'label'>;
}) {
  const { t, language, totals } = props;
  const max = Math.max(1, totals.enrolled);
  return (
    <svg className="funnel-chart" viewBox="0 0 660 230" role="img" aria-label={t.funnel}>
      {MILESTONES.map((m, i) => {
        const width = (totals[m] / max) * 330;
        return (
          <g key={m} transform={`translate(0, ${i * 38})`}>
            <text x="190" y="22" textAnchor="end">
              {t[m]}
            </text>
            <rect x="200" y="6" width={Math.max(width, 1)} height="24" rx="3" />
            <text x={208 + width} y="22">
              {number(totals[m], language)} ({percent(totals[m] / max, language)})
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The report the table shows, as a file: XLSX or CSV with the same filter. */
export function FunnelExport(props: { filter: Record<string, string | undefined>; label: string }) {
  const file = (format: 'xlsx' | 'csv') =>
    void download(`/api/v1/reports/funnel?${query({ ...props.filter, format })}`);
  return (
    <>
      <button type="button" onClick={() => file('xlsx')}>
        {props.label} XLSX
      </button>
      <button type="button" onClick={() => file('csv')}>
        {props.label} CSV
      </button>
    </>
  );
}

/** The report's course filter: every course the caller may see, or all of them (""). */
export function CourseFilter(props: {
  value: string;
  onChange: (code: string) => void;
  label: string;
  all: string;
}) {
  const courses = useApi<{ code: string; title: string }[]>('/api/v1/courses');
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {courses.data?.map((c) => (
          <option key={c.code} value={c.code}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}
