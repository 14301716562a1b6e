import { Alert, Button, Group, Modal, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { call, download, query } from '../api';
import { queryClient, runJob, type Certificate } from '../client';
import { useApp } from '../context';
import { compareNames, formatDate } from '../format';
import { errorText, say } from '../messages';
import { DataTable } from './data-table';
import { useSubmit } from './forms';
import type { Job } from './jobs';
import { ErrorText, FormActions, JobProgress } from './ui';

/**
 * A cohort's certificates: issue to all who qualify, the ZIP of them all (each a job with its
 * progress), the list; revoke or reissue one with a reason.
 */
export function CertificatesPanel({ cohortId }: { cohortId: string }) {
  const { t, language, editor } = useApp();
  const path = `/api/v1/certificates?${query({ cohortId })}`;
  const list = useQuery({
    queryKey: [path],
    queryFn: () => call<Certificate[]>('GET', path),
    // While certificates are being made, look again until they are.
    refetchInterval: (q) => (q.state.data?.some((c) => c.state === 'pending') ? 1000 : false),
  });
  // Once certificates are made, the learners' statuses ("đã cấp chứng nhận") follow.
  const issued = list.data?.filter((c) => c.state === 'issued').length;
  useEffect(() => {
    if (issued !== undefined)
      void queryClient.invalidateQueries({ queryKey: [`/api/v1/cohorts/${cohortId}/enrollments`] });
  }, [issued, cohortId]);
  const [job, setJob] = useState<Job>();
  const [label, setLabel] = useState('');
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<{ kind: 'revoke' | 'reissue'; certificate: Certificate }>();
  const reload = () =>
    void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).includes(cohortId) });
  const run = (what: string, path: string, then: (job: Job) => Promise<void> | void) => {
    setError(undefined);
    setNotice(undefined);
    setLabel(what);
    runJob(path, undefined, setJob)
      .then((done) => (done.state === 'failed' ? setError(say(done.error ?? '', language)) : then(done)))
      .catch((e: unknown) => setError(errorText(e, language)));
  };
  const columns = useMemo<ColumnDef<Certificate, unknown>[]>(() => {
    const cols: ColumnDef<Certificate, unknown>[] = [
      { id: 'number', header: t.certificateNumber, accessorFn: (c) => c.number },
      {
        id: 'name',
        header: t.learners,
        accessorFn: (c) => c.fullName,
        sortingFn: (a, b) => compareNames(a.original.fullName, b.original.fullName),
      },
      {
        id: 'code',
        header: t.certificateCode,
        accessorFn: (c) => c.code,
        cell: ({ row }) => <code>{row.original.code}</code>,
      },
      {
        id: 'state',
        header: t.state,
        accessorFn: (c) => c.state,
        cell: ({ row }) => t.certificateStates[row.original.state] ?? row.original.state,
      },
      {
        id: 'issuedAt',
        header: t.issuedAt,
        accessorFn: (c) => c.issuedAt ?? '',
        cell: ({ row }) => formatDate(row.original.issuedAt),
      },
      {
        id: 'pdf',
        header: 'PDF',
        enableSorting: false,
        cell: ({ row }) =>
          row.original.state === 'issued' && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-label={`PDF ${row.original.code}`}
              onClick={() => void download(`/api/v1/certificates/${row.original.code}/pdf`)}
            >
              PDF
            </Button>
          ),
      },
    ];
    if (editor)
      cols.push({
        id: 'actions',
        header: t.actions,
        enableSorting: false,
        cell: ({ row }) =>
          row.original.state === 'issued' ? (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setDialog({ kind: 'revoke', certificate: row.original })}
              >
                {t.revoke}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setDialog({ kind: 'reissue', certificate: row.original })}
              >
                {t.reissue}
              </Button>
            </Group>
          ) : null,
      });
    return cols;
  }, [t, editor]);
  return (
    <section aria-labelledby="certificates-title" className="panel">
      <Title order={2} id="certificates-title" size="h4">
        {t.certificates}
      </Title>
      <Group gap="xs" mb="xs">
        {editor && (
          <Button
            onClick={() =>
              run(t.issueCertificates, `/api/v1/cohorts/${cohortId}/certificates`, (done) => {
                setNotice(t.issuedCount(Number((done.result as { requested?: number })?.requested ?? 0)));
                reload();
              })
            }
          >
            {t.issueCertificates}
          </Button>
        )}
        {editor && (
          <Button
            variant="outline"
            onClick={() =>
              run(t.zip, `/api/v1/cohorts/${cohortId}/certificates.zip`, (done) =>
                download(`/api/v1/cohorts/${cohortId}/certificates.zip?jobId=${done.id}`),
              )
            }
          >
            {t.zip}
          </Button>
        )}
        <Button
          variant="outline"
          onClick={() => void download(`/api/v1/cohorts/${cohortId}/certificates.xlsx`)}
        >
          {t.manifest}
        </Button>
      </Group>
      <JobProgress job={job} label={label} />
      {notice && (
        <Alert color="green" role="status" data-testid="certificates-notice" p="xs">
          {notice}
        </Alert>
      )}
      <ErrorText>{error ?? errorText(list.error, language)}</ErrorText>
      {list.data && (
        <DataTable
          data={list.data}
          columns={columns}
          className="certificates"
          rowKey={(c) => c.code}
          searchText={(c) => `${c.fullName} ${c.code}`}
          sort={[{ id: 'number', desc: false }]}
          pageSize={10}
        />
      )}
      <Modal
        opened={!!dialog}
        onClose={() => setDialog(undefined)}
        title={
          dialog &&
          (dialog.kind === 'revoke'
            ? t.revokeTitle(dialog.certificate.code)
            : t.reissueTitle(dialog.certificate.code))
        }
      >
        {dialog && (
          <ReasonForm
            submitLabel={dialog.kind === 'revoke' ? t.revoke : t.reissue}
            send={(reason) =>
              call('POST', `/api/v1/certificates/${dialog.certificate.code}/${dialog.kind}`, { reason })
            }
            onDone={() => {
              setDialog(undefined);
              reload();
            }}
          />
        )}
      </Modal>
    </section>
  );
}

/** A reason, then the action: what revoking, reissuing and the like ask for. */
export function ReasonForm(props: {
  submitLabel: string;
  send: (reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= 3 ? null : t.minChars(t.reason, 3)) },
  });
  const { onSubmit, error, busy } = useSubmit(
    form,
    { reason: t.reason },
    (v) => props.send(v.reason),
    props.onDone,
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
      <FormActions
        error={error}
        busy={busy}
        onCancel={props.onDone}
        submitLabel={props.submitLabel}
        destructive
      />
    </form>
  );
}
