import { Alert, Anchor, Button, FileInput, Group, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { download } from '../api';
import { runJob } from '../client';
import { useApp } from '../context';
import { errorText, say } from '../messages';
import type { Job } from './jobs';
import { ErrorText, JobProgress } from './ui';

interface RowMessage {
  row: number;
  field: string;
  message: string;
}

interface ImportResult {
  created?: number;
  updated?: number;
  rows?: number;
  errors?: RowMessage[];
  /** Rows enrolled without changing the learner's identity (they hold seats in another province). */
  notices?: RowMessage[];
  /** The file's own header of each field it used. */
  columns?: Record<string, string>;
  ignoredColumns?: string[];
}

/**
 * The enrollment file: a dry run first (nothing is written, and the screen says so), then for
 * real; progress while the job runs; rows counted (not errors); each error in the reader's
 * language naming the file's own column header and row; the errors as a file to fix, and the
 * template.
 */
export function ImportPanel({ cohortId, onDone }: { cohortId: string; onDone: () => void }) {
  const { t, language } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job>();
  const [dryRun, setDryRun] = useState(true);
  const [error, setError] = useState<string>();
  const start = (dry: boolean) => {
    if (!file) return;
    const form = new FormData();
    form.set('dryRun', String(dry));
    form.set('file', file);
    setError(undefined);
    setJob(undefined);
    setDryRun(dry);
    runJob(`/api/v1/cohorts/${cohortId}/enrollments/import`, form, setJob)
      .then(() => !dry && onDone())
      .catch((e: unknown) => setError(errorText(e, language)));
  };
  const result = (job?.state === 'completed' ? job.result : undefined) as ImportResult | undefined;
  const errors = result?.errors ?? [];
  const notices = result?.notices ?? [];
  const badRows = new Set(errors.map((e) => e.row)).size;
  const header = (field: string) => result?.columns?.[field.split('.')[0]] ?? field;
  // Messages written in both languages ("vi / en") show the reader's half; others are translated.
  const text = (m: RowMessage) => say(m.message, language, header(m.field));
  const rowTable = (kind: 'errors' | 'notices', caption: string, rows: RowMessage[]) => (
    <Table className={kind} striped captionSide="top">
      <caption>{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t.row}</Table.Th>
          <Table.Th scope="col">{t.column}</Table.Th>
          <Table.Th scope="col">{t.message}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e, i) => (
          <Table.Tr key={i}>
            <Table.Td>{e.row}</Table.Td>
            <Table.Td>{header(e.field)}</Table.Td>
            <Table.Td>{text(e)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  const running = job && job.state !== 'completed' && job.state !== 'failed';
  return (
    <section aria-labelledby="upload-title" className="panel">
      <Title order={2} id="upload-title" size="h4">
        {t.upload}
      </Title>
      <Group align="end" gap="xs">
        <FileInput
          label={t.file}
          placeholder={t.chooseFile}
          accept=".xlsx,.csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setJob(undefined);
          }}
          clearable
          clearButtonProps={{ 'aria-label': t.clear }}
          miw={260}
        />
        <Button variant="outline" disabled={!file || running} onClick={() => start(true)}>
          {t.dryRun}
        </Button>
        <Button disabled={!file || running} onClick={() => start(false)}>
          {t.apply}
        </Button>
        <Anchor href="/api/v1/enrollments/template.xlsx" download>
          {t.template}
        </Anchor>
      </Group>
      <JobProgress job={job} />
      <ErrorText>{error ?? (job?.state === 'failed' ? say(job.error ?? '', language) : undefined)}</ErrorText>
      {result && (
        <Alert
          color={dryRun ? 'yellow' : errors.length ? 'orange' : 'green'}
          role="status"
          data-testid="import-result"
          data-dry-run={String(dryRun)}
          my="xs"
          title={dryRun ? t.dryRunDone : t.applied}
        >
          {t.importCounts(result.rows ?? 0, result.created ?? 0, result.updated ?? 0, badRows, dryRun)}
          {!!result.ignoredColumns?.length && (
            <div>
              {t.ignoredColumns}: {result.ignoredColumns.join(', ')}
            </div>
          )}
        </Alert>
      )}
      {errors.length > 0 && (
        <>
          <Button
            variant="subtle"
            onClick={() =>
              void download(`/api/v1/jobs/${job!.id}/errors?format=xlsx`).catch((e: unknown) =>
                setError(errorText(e, language)),
              )
            }
          >
            {t.errorsFile}
          </Button>
          {rowTable('errors', t.errors, errors)}
        </>
      )}
      {notices.length > 0 && rowTable('notices', t.notices, notices)}
    </section>
  );
}
