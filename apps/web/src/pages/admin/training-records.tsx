import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call, type ApiError } from '../../api';
import { queryClient, useAgencies, useGet, useProvinces, type TrainingRecord } from '../../client';
import { DataTable } from '../../components/data-table';
import { useSubmit } from '../../components/forms';
import { DayInput, ErrorText, FormActions } from '../../components/ui';
import { useApp } from '../../context';
import { formatDate, formatNumber, todayInVietnam } from '../../format';
import { errorText, say } from '../../messages';

const PATH = '/api/v1/training-records';

/** Training that happened outside Hocba's tracking (self-organised, or a platform's totals): listed, added, imported. */
export function TrainingRecordsPage() {
  const { t, language, editor } = useApp();
  const records = useGet<TrainingRecord[]>(PATH);
  const [adding, setAdding] = useState(false);
  const columns = useMemo<ColumnDef<TrainingRecord, unknown>[]>(
    () => [
      {
        id: 'date',
        header: t.date,
        accessorFn: (r) => r.date,
        cell: ({ row }) => formatDate(row.original.date),
      },
      { id: 'unit', header: t.unit, accessorFn: (r) => r.unit },
      { id: 'kind', header: t.kind, accessorFn: (r) => t.kinds[r.kind] ?? r.kind },
      { id: 'title', header: t.title, accessorFn: (r) => r.title ?? r.platform ?? '' },
      {
        id: 'participants',
        header: t.participants,
        accessorFn: (r) => r.participants,
        cell: ({ row }) => formatNumber(row.original.participants, language),
      },
    ],
    [t, language],
  );
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t.trainingRecords}</Title>
        {editor && <Button onClick={() => setAdding(true)}>{t.newRecord}</Button>}
      </Group>
      <ErrorText>{errorText(records.error, language)}</ErrorText>
      {editor && <RecordsImport />}
      <DataTable
        data={records.data ?? []}
        columns={columns}
        className="training-records"
        rowKey={(r) => r.id}
        searchText={(r) => `${r.unit} ${r.title ?? ''} ${r.platform ?? ''}`}
        sort={[{ id: 'date', desc: true }]}
      />
      <Modal opened={adding} onClose={() => setAdding(false)} title={t.newRecord}>
        {adding && <RecordForm onDone={() => setAdding(false)} />}
      </Modal>
    </>
  );
}

interface RecordsImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  errors?: { row: number; field: string; message: string }[];
}

/** Records from a file: checked first (nothing written), then all or nothing; errors by row. */
function RecordsImport() {
  const { t, language } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<RecordsImportResult>();
  const [error, setError] = useState<string>();
  const send = (dryRun: boolean) => {
    if (!file) return;
    const form = new FormData();
    form.set('dryRun', String(dryRun));
    form.set('file', file);
    setError(undefined);
    setResult(undefined);
    call<RecordsImportResult>('POST', `${PATH}/import`, form).then(
      (r) => {
        setResult(r);
        if (!dryRun) void queryClient.invalidateQueries({ queryKey: [PATH] });
      },
      (e: ApiError) => {
        const body = e.body as RecordsImportResult | undefined;
        if (e.code === 'import.rows_invalid' && body?.errors) setResult({ ...body, dryRun });
        else setError(errorText(e, language));
      },
    );
  };
  const bad = new Set(result?.errors?.map((e) => e.row)).size;
  const labels: Record<string, string> = {
    unit: t.unit,
    kind: t.kind,
    platform: t.platform,
    title: t.title,
    date: t.date,
    participants: t.participants,
  };
  return (
    <section className="panel" aria-labelledby="records-import-title">
      <Title order={2} size="h4" id="records-import-title">
        {t.importFile}
      </Title>
      <Group align="end" gap="xs">
        <FileInput
          label={t.file}
          accept=".xlsx,.csv"
          placeholder={t.chooseFile}
          value={file}
          onChange={(f) => {
            setFile(f);
            setResult(undefined);
          }}
          miw={240}
        />
        <Button variant="outline" disabled={!file} onClick={() => send(true)}>
          {t.dryRun}
        </Button>
        <Button disabled={!file} onClick={() => send(false)}>
          {t.importFile}
        </Button>
      </Group>
      <ErrorText>{error}</ErrorText>
      {result && (
        <Alert
          color={bad ? 'red' : result.dryRun ? 'yellow' : 'green'}
          role="status"
          my="xs"
          data-testid="records-import-result"
          title={bad ? t.nothingWritten : result.dryRun ? t.dryRunDone : t.applied}
        >
          {t.recordsCounts(
            result.rows,
            result.dryRun ? result.rows - bad : result.created,
            bad,
            result.dryRun,
          )}
        </Alert>
      )}
      {!!result?.errors?.length && (
        <Table className="errors" striped captionSide="top">
          <caption>{t.errors}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t.row}</Table.Th>
              <Table.Th scope="col">{t.message}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{say(e.message, language, labels[e.field])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function RecordForm({ onDone }: { onDone: () => void }) {
  const { t, role, units } = useApp();
  const provinces = useProvinces();
  const agencies = useAgencies();
  const choices =
    role === 'coordinator'
      ? units.map((u) => u.name)
      : [...(provinces.data ?? []), ...(agencies.data ?? [])].map((p) => p.name);
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      unit: choices.length === 1 ? choices[0] : '',
      kind: 'self-organised',
      title: '',
      platform: '',
      date: todayInVietnam(),
      participants: '' as number | string,
    },
    validate: {
      unit: (v) => (v.trim().length >= 2 ? null : t.required),
      date: (v) => (v ? null : t.required),
      participants: (v) => (v !== '' && Number.isInteger(Number(v)) && Number(v) >= 0 ? null : t.required),
    },
  });
  const labels = {
    unit: t.unit,
    kind: t.kind,
    title: t.title,
    platform: t.platform,
    date: t.date,
    participants: t.participants,
  };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) =>
      call('POST', PATH, {
        unit: v.unit,
        kind: v.kind,
        title: v.title || undefined,
        platform: v.platform || undefined,
        date: v.date,
        participants: Number(v.participants),
      }).then(() => queryClient.invalidateQueries({ queryKey: [PATH] })),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Select label={t.unit} data={choices} searchable required {...form.getInputProps('unit')} />
      <Select
        label={t.kind}
        data={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <TextInput label={t.title} {...form.getInputProps('title')} />
      {form.values.kind === 'platform' && (
        <TextInput label={t.platform} {...form.getInputProps('platform')} />
      )}
      <DayInput label={t.date} required {...form.getInputProps('date')} />
      <NumberInput
        label={t.participants}
        min={0}
        allowDecimal={false}
        required
        {...form.getInputProps('participants')}
      />
      <FormActions error={error} busy={busy} onCancel={onDone} />
    </form>
  );
}
