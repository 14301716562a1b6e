import { Button, Group, Modal, Select, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call } from '../api';
import {
  queryClient,
  useCohorts,
  useCourses,
  useFunnel,
  useProvinces,
  type Cohort,
  type FunnelRow,
} from '../client';
import { DataTable } from '../components/data-table';
import { useSubmit } from '../components/forms';
import { DayInput, ErrorText, FormActions } from '../components/ui';
import { useApp } from '../context';
import { compareText, formatDate, formatNumber, formatPercent } from '../format';
import { MILESTONES } from '../i18n';
import { errorText } from '../messages';

type Row = Cohort & { funnel?: FunnelRow };

/**
 * The cohorts a person may see, each with its funnel: a coordinator's home (their units by name,
 * their cohorts, "Tạo lớp"), and the national list of every cohort.
 */
export function CohortsPage() {
  const { t, language, role, units, editor } = useApp();
  const cohorts = useCohorts();
  const funnel = useFunnel({ groupBy: 'cohort' });
  const [creating, setCreating] = useState(false);
  const rows = useMemo<Row[]>(() => {
    const byId = new Map(funnel.data?.rows.map((r) => [r.key, r]));
    return (cohorts.data ?? []).map((c) => ({ ...c, funnel: byId.get(c.id) }));
  }, [cohorts.data, funnel.data]);
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      {
        id: 'title',
        header: t.cohort,
        accessorFn: (r) => r.title,
        sortingFn: (a, b) => compareText(a.original.title, b.original.title),
        cell: ({ row }) => <a href={`#/cohort/${row.original.id}`}>{row.original.title}</a>,
      },
      { id: 'code', header: t.code, accessorFn: (r) => r.code },
      { id: 'province', header: t.province, accessorFn: (r) => r.province },
      { id: 'wave', header: t.wave, accessorFn: (r) => r.wave ?? '' },
      {
        id: 'startsOn',
        header: t.startsOn,
        accessorFn: (r) => r.startsOn ?? '',
        cell: ({ row }) => formatDate(row.original.startsOn),
      },
      ...MILESTONES.map<ColumnDef<Row, unknown>>((m) => ({
        id: m,
        header: t[m],
        accessorFn: (r) => r.funnel?.[m] ?? 0,
        cell: ({ getValue }) => (
          <span data-milestone={m}>{formatNumber(getValue() as number, language)}</span>
        ),
      })),
      {
        id: 'rate',
        header: `${t.rate} ${t.completed.toLowerCase()}`,
        accessorFn: (r) => r.funnel?.rates.completed ?? 0,
        cell: ({ getValue }) => formatPercent(getValue() as number, language),
      },
    ],
    [t, language],
  );
  return (
    <>
      <Group justify="space-between" align="center">
        <Title order={1}>{role === 'coordinator' ? t.myCohorts : t.allCohorts}</Title>
        {editor && <Button onClick={() => setCreating(true)}>{t.newCohort}</Button>}
      </Group>
      {role === 'coordinator' && (
        <p className="units" data-testid="my-units">
          {t.yourUnits}: <strong>{units.map((u) => u.name).join(', ')}</strong>
        </p>
      )}
      <ErrorText>{errorText(cohorts.error ?? funnel.error, language)}</ErrorText>
      {cohorts.data ? (
        <DataTable
          data={rows}
          columns={columns}
          className="cohorts"
          rowKey={(r) => r.id}
          searchText={(r) => `${r.title} ${r.code} ${r.province} ${r.wave ?? ''}`}
          sort={[{ id: 'startsOn', desc: true }]}
        />
      ) : (
        <p>{t.loading}</p>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t.newCohort} size="lg">
        {creating && <NewCohortForm onDone={() => setCreating(false)} />}
      </Modal>
    </>
  );
}

function NewCohortForm({ onDone }: { onDone: () => void }) {
  const { t, role, units } = useApp();
  const courses = useCourses();
  const provinces = useProvinces();
  const choices =
    role === 'coordinator'
      ? units.filter((u) => u.kind === 'province').map((u) => u.name)
      : (provinces.data ?? []).map((p) => p.name);
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      courseCode: '',
      code: '',
      title: '',
      province: choices.length === 1 ? choices[0] : '',
      wave: '',
      startsOn: null as string | null,
      endsOn: null as string | null,
    },
    validate: {
      courseCode: (v) => (v ? null : t.required),
      code: (v) => (v.trim() ? null : t.required),
      title: (v) => (v.trim() ? null : t.required),
      province: (v) => (v ? null : t.required),
      endsOn: (v, values) => (v && values.startsOn && v < values.startsOn ? t.endBeforeStart : null),
    },
  });
  const labels = {
    courseCode: t.course,
    code: t.code,
    title: t.title,
    province: t.province,
    wave: t.wave,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
  };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) =>
      call<Cohort>('POST', '/api/v1/cohorts', {
        ...v,
        wave: v.wave || undefined,
        startsOn: v.startsOn || undefined,
        endsOn: v.endsOn || undefined,
      }).then((cohort) => {
        void queryClient.invalidateQueries();
        location.hash = `#/cohort/${cohort.id}`;
      }),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Select
        label={labels.courseCode}
        data={(courses.data ?? []).map((c) => ({ value: c.code, label: `${c.title} (${c.code})` }))}
        required
        searchable
        {...form.getInputProps('courseCode')}
      />
      <TextInput label={labels.code} required {...form.getInputProps('code')} />
      <TextInput label={labels.title} required {...form.getInputProps('title')} />
      <Select
        label={labels.province}
        data={choices}
        required
        searchable
        {...form.getInputProps('province')}
      />
      <TextInput label={labels.wave} {...form.getInputProps('wave')} />
      <Group grow>
        <DayInput label={labels.startsOn} {...form.getInputProps('startsOn')} />
        <DayInput label={labels.endsOn} {...form.getInputProps('endsOn')} />
      </Group>
      <FormActions error={error} busy={busy} onCancel={onDone} submitLabel={t.create} />
    </form>
  );
}
