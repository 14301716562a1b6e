import { Button, Group, Select, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { download } from '../../api';
import { queryClient, runJob, useGet, type ReportPack } from '../../client';
import { DataTable } from '../../components/data-table';
import type { Job } from '../../components/jobs';
import { ErrorText, JobProgress } from '../../components/ui';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInVietnam } from '../../format';
import { errorText, say } from '../../messages';

const PATH = '/api/v1/report-packs';
const DAY = 86_400_000;

/** The last `n` ISO weeks that have ended (Vietnam time), newest first: value "2026-W48", Monday and Sunday. */
export function pastWeeks(
  n: number,
  today = todayInVietnam(),
): { week: string; monday: string; sunday: string }[] {
  const date = new Date(`${today}T00:00:00Z`);
  const thisMonday = date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY;
  return Array.from({ length: n }, (_, i) => {
    const monday = thisMonday - (i + 1) * 7 * DAY;
    const thursday = new Date(monday + 3 * DAY);
    const year = thursday.getUTCFullYear();
    const number = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return {
      week: `${year}-W${String(number).padStart(2, '0')}`,
      monday: day(monday),
      sunday: day(monday + 6 * DAY),
    };
  });
}

function weekText(t: { week: string }, w: { week: string; monday: string; sunday: string }): string {
  return `${t.week} ${Number(w.week.slice(6))}/${w.week.slice(0, 4)} (${formatDate(w.monday)} – ${formatDate(w.sunday)})`;
}

/** The weekly report packs: listed, downloaded (XLSX, PDF); admins build one for any past week. */
export function ReportPacksPage() {
  const { t, language, role } = useApp();
  const packs = useGet<ReportPack[]>(PATH);
  const weeks = useMemo(() => pastWeeks(12), []);
  const [week, setWeek] = useState<string | null>(weeks[0].week);
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  const columns = useMemo<ColumnDef<ReportPack, unknown>[]>(
    () => [
      {
        id: 'week',
        header: t.week,
        accessorFn: (p) => p.week,
        cell: ({ row }) =>
          weekText(t, {
            week: row.original.week,
            monday: row.original.startsOn,
            sunday: row.original.endsOn,
          }),
      },
      {
        id: 'builtAt',
        header: t.builtAt,
        accessorFn: (p) => p.builtAt,
        cell: ({ row }) => formatDateTime(row.original.builtAt),
      },
      {
        id: 'files',
        header: t.export,
        enableSorting: false,
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => void download(row.original.xlsx)}
              aria-label={`XLSX ${row.original.week}`}
            >
              XLSX
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => void download(row.original.pdf)}
              aria-label={`PDF ${row.original.week}`}
            >
              PDF
            </Button>
          </Group>
        ),
      },
    ],
    [t],
  );
  const build = () => {
    if (!week) return;
    setError(undefined);
    runJob(PATH, { week }, setJob)
      .then((done) => {
        if (done.state === 'failed') setError(say(done.error ?? '', language));
        void queryClient.invalidateQueries({ queryKey: [PATH] });
      })
      .catch((e: unknown) => setError(errorText(e, language)));
  };
  return (
    <>
      <Title order={1}>{t.reportPacks}</Title>
      {role === 'national-admin' && (
        <Group align="end" gap="xs" my="sm">
          <Select
            label={t.buildWeek}
            data={weeks.map((w) => ({ value: w.week, label: weekText(t, w) }))}
            value={week}
            onChange={setWeek}
            allowDeselect={false}
            miw={320}
          />
          <Button onClick={build} disabled={!!job && job.state !== 'completed' && job.state !== 'failed'}>
            {t.build}
          </Button>
        </Group>
      )}
      <JobProgress job={job} />
      <ErrorText>{errorText(packs.error, language) ?? error}</ErrorText>
      <DataTable
        data={packs.data ?? []}
        columns={columns}
        className="report-packs"
        rowKey={(p) => p.week}
        sort={[{ id: 'week', desc: true }]}
      />
    </>
  );
}
