import { Button, Group, Modal, Select, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call, download, query } from '../api';
import { queryClient, useCohort, useEnrollments, type Enrollment } from '../client';
import { CertificatesPanel } from '../components/certificates';
import { DataTable } from '../components/data-table';
import { useSubmit } from '../components/forms';
import { DayInput, ErrorText, FormActions } from '../components/ui';
import { ImportPanel } from '../components/import-panel';
import { useApp } from '../context';
import { compareNames, formatDate, todayInVietnam } from '../format';
import { learnerStatus, STATUS_ORDER } from '../learner-status';
import { errorText } from '../messages';

type Dialog = { kind: 'deduct' | 'replace'; enrollment: Enrollment };

/**
 * One cohort: its learners (searchable, sortable, in pages; names in Vietnamese order; one status
 * each), the lists to chase, and for editors the enrollment file, seats' changes and certificates.
 */
export function CohortPage({ cohortId }: { cohortId: string }) {
  const { t, language, editor } = useApp();
  const cohort = useCohort(cohortId);
  const enrollments = useEnrollments(cohortId);
  const [status, setStatus] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>();
  const [error, setError] = useState<string>();
  const reload = () =>
    void queryClient.invalidateQueries({
      predicate: (q) => String(q.queryKey[0]).includes(cohortId) || String(q.queryKey[0]).includes('funnel'),
    });
  const undo = (e: Enrollment, what: 'deduction' | 'replacement') => {
    setError(undefined);
    call('DELETE', `/api/v1/enrollments/${e.id}/${what}`).then(reload, (err: unknown) =>
      setError(errorText(err, language)),
    );
  };
  const rows = useMemo(
    () => (enrollments.data ?? []).filter((e) => !status || learnerStatus(e) === status),
    [enrollments.data, status],
  );
  const columns = useMemo<ColumnDef<Enrollment, unknown>[]>(() => {
    const day = (key: keyof Enrollment['milestones'], header: string): ColumnDef<Enrollment, unknown> => ({
      id: key,
      header,
      accessorFn: (e) => e.milestones[key] ?? '',
      cell: ({ row }) => formatDate(row.original.milestones[key]),
    });
    const list: ColumnDef<Enrollment, unknown>[] = [
      {
        id: 'name',
        header: t.learners,
        accessorFn: (e) => e.learner.fullName,
        sortingFn: (a, b) => compareNames(a.original.learner.fullName, b.original.learner.fullName),
        cell: ({ row }) => (
          <a href={`#/cohort/${cohortId}/learner/${row.original.id}`}>{row.original.learner.fullName}</a>
        ),
      },
      { id: 'unit', header: t.unit, accessorFn: (e) => e.unit ?? '' },
      {
        id: 'status',
        header: t.status,
        accessorFn: (e) => STATUS_ORDER.indexOf(learnerStatus(e)),
        cell: ({ row }) => {
          const s = learnerStatus(row.original);
          return <span className={`status status-${s}`}>{t.learnerStatuses[s]}</span>;
        },
      },
      day('activatedAt', t.activated),
      day('startedAt', t.started),
      day('completedAt', t.completed),
      day('passedAt', t.passed),
      day('certifiedAt', t.certified),
    ];
    if (editor)
      list.push({
        id: 'actions',
        header: t.actions,
        enableSorting: false,
        cell: ({ row }) => {
          const e = row.original;
          if (e.status === 'deducted')
            return (
              <Button size="compact-sm" variant="default" onClick={() => undo(e, 'deduction')}>
                {t.undoDeduction}
              </Button>
            );
          if (e.status === 'replaced')
            return (
              <Button size="compact-sm" variant="default" onClick={() => undo(e, 'replacement')}>
                {t.undoReplacement}
              </Button>
            );
          return (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setDialog({ kind: 'deduct', enrollment: e })}
              >
                {t.deduct}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setDialog({ kind: 'replace', enrollment: e })}
              >
                {t.replace}
              </Button>
            </Group>
          );
        },
      });
    return list;
  }, [t, language, editor, cohortId]);
  const c = cohort.data;
  const chase = (params: Record<string, string>) =>
    void download(`/api/v1/reports/funnel/learners?${query({ cohortId, ...params, format: 'xlsx' })}`).catch(
      (e: unknown) => setError(errorText(e, language)),
    );
  return (
    <>
      <p>
        <a href="#/">← {t.back}</a>
      </p>
      <Title order={1}>{c ? `${c.title} (${c.code})` : t.cohort}</Title>
      {c && (
        <p className="cohort-facts">
          {t.province}: {c.province} · {t.course}: {c.courseCode}
          {c.wave && ` · ${t.wave}: ${c.wave}`}
          {c.startsOn && ` · ${formatDate(c.startsOn)}`}
          {c.endsOn && ` – ${formatDate(c.endsOn)}`}
        </p>
      )}
      <ErrorText>{errorText(cohort.error ?? enrollments.error, language) ?? error}</ErrorText>
      <section aria-labelledby="chase-title" className="panel">
        <Title order={2} id="chase-title" size="h4">
          {t.chase}
        </Title>
        <Group gap="xs">
          <Button variant="outline" onClick={() => chase({ missing: 'activated' })}>
            {t.chaseNotActivated}
          </Button>
          <Button variant="outline" onClick={() => chase({ reached: 'started', missing: 'completed' })}>
            {t.chaseNotCompleted}
          </Button>
        </Group>
      </section>
      {editor && <ImportPanel cohortId={cohortId} onDone={reload} />}
      <Title order={2} mt="md">
        {t.learners}
      </Title>
      {enrollments.data ? (
        <DataTable
          data={rows}
          columns={columns}
          className="learners"
          rowKey={(e) => e.id}
          searchText={(e) => `${e.learner.fullName} ${e.unit ?? ''}`}
          sort={[{ id: 'name', desc: false }]}
          pageSize={50}
          toolbar={
            <Select
              label={t.status}
              data={[
                { value: '', label: t.allStatuses },
                ...STATUS_ORDER.map((s) => ({ value: s, label: t.learnerStatuses[s] })),
              ]}
              value={status ?? ''}
              onChange={(v) => setStatus(v || null)}
              allowDeselect={false}
              w={200}
            />
          }
        />
      ) : (
        <p>{t.loading}</p>
      )}
      <CertificatesPanel cohortId={cohortId} />
      <Modal
        opened={!!dialog}
        onClose={() => setDialog(undefined)}
        title={
          dialog &&
          (dialog.kind === 'deduct'
            ? t.deductTitle(dialog.enrollment.learner.fullName)
            : t.replaceTitle(dialog.enrollment.learner.fullName))
        }
      >
        {dialog?.kind === 'deduct' && (
          <DeductionForm
            enrollment={dialog.enrollment}
            onDone={() => {
              setDialog(undefined);
              reload();
            }}
          />
        )}
        {dialog?.kind === 'replace' && (
          <ReplacementForm
            enrollment={dialog.enrollment}
            onDone={() => {
              setDialog(undefined);
              reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function DeductionForm({ enrollment, onDone }: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { reason: '', effectiveOn: todayInVietnam() },
    validate: {
      reason: (v) => (v.trim().length >= 3 ? null : t.minChars(t.reason, 3)),
      effectiveOn: (v) => (v ? null : t.required),
    },
  });
  const labels = { reason: t.reason, effectiveOn: t.effectiveOn };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) => call('POST', `/api/v1/enrollments/${enrollment.id}/deduction`, v),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Textarea
        label={t.reason}
        required
        autosize
        minRows={2}
        data-autofocus
        {...form.getInputProps('reason')}
      />
      <DayInput label={t.effectiveOn} required {...form.getInputProps('effectiveOn')} />
      <FormActions error={error} busy={busy} onCancel={onDone} />
    </form>
  );
}

function ReplacementForm({ enrollment, onDone }: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { fullName: '', nationalId: '', unit: enrollment.unit ?? '', reason: '' },
    validate: {
      fullName: (v) => (v.trim() ? null : t.required),
      nationalId: (v) => (/^\d{12}$/.test(v) ? null : t.twelveDigits),
      reason: (v) => (v.trim().length >= 3 ? null : t.minChars(t.reason, 3)),
    },
  });
  const labels = { fullName: t.newLearner, nationalId: t.nationalId, unit: t.unit, reason: t.reason };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) =>
      call('POST', `/api/v1/enrollments/${enrollment.id}/replacement`, {
        learner: { fullName: v.fullName, nationalId: v.nationalId, unit: v.unit || undefined },
        reason: v.reason.trim(),
      }),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextInput label={t.newLearner} required data-autofocus {...form.getInputProps('fullName')} />
      <TextInput label={t.nationalId} required inputMode="numeric" {...form.getInputProps('nationalId')} />
      <TextInput label={t.unit} {...form.getInputProps('unit')} />
      <Textarea label={t.reason} required autosize minRows={2} {...form.getInputProps('reason')} />
      <FormActions error={error} busy={busy} onCancel={onDone} />
    </form>
  );
}
