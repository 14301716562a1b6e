import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { queryClient, useCourses, useGet, type Platform } from '../../client';
import { DataTable } from '../../components/data-table';
import { useSubmit } from '../../components/forms';
import { ConfirmButton, ErrorText, FormActions } from '../../components/ui';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { errorText } from '../../messages';

const SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'profile',
  'define',
  'all/read',
  'all',
];

/** The platforms' LRS keys: created with scopes and courses (the secret shown once, to copy), disabled. */
export function PlatformsPage() {
  const { t, language } = useApp();
  const platforms = useGet<Platform[]>('/api/v1/lrs-clients');
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ key: string; secret: string; name: string }>();
  const [error, setError] = useState<string>();
  const columns = useMemo<ColumnDef<Platform, unknown>[]>(
    () => [
      { id: 'name', header: t.name, accessorFn: (p) => p.name },
      {
        id: 'key',
        header: t.key,
        accessorFn: (p) => p.key,
        cell: ({ row }) => <code>{row.original.key}</code>,
      },
      { id: 'scopes', header: t.scopes, accessorFn: (p) => p.scopes.join(', ') },
      { id: 'courses', header: t.courses, accessorFn: (p) => p.courses?.join(', ') ?? t.all },
      {
        id: 'state',
        header: t.state,
        accessorFn: (p) => (p.disabledAt ? `${t.disabled} ${formatDateTime(p.disabledAt)}` : t.active),
      },
      {
        id: 'actions',
        header: t.actions,
        enableSorting: false,
        cell: ({ row }) =>
          !row.original.disabledAt && (
            <ConfirmButton
              label={t.disable}
              question={t.confirmDisablePlatform(row.original.name)}
              onConfirm={() =>
                void call('POST', `/api/v1/lrs-clients/${row.original.key}/disable`).then(
                  () => void queryClient.invalidateQueries({ queryKey: ['/api/v1/lrs-clients'] }),
                  (e: unknown) => setError(errorText(e, language)),
                )
              }
            />
          ),
      },
    ],
    [t],
  );
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t.platforms}</Title>
        <Button onClick={() => setCreating(true)}>{t.newPlatform}</Button>
      </Group>
      <ErrorText>{errorText(platforms.error, language) ?? error}</ErrorText>
      {issued && (
        <Alert color="yellow" title={`${issued.name}: ${t.secretOnce}`} my="sm" data-testid="secret-once">
          <p>
            {t.key}: <Code>{issued.key}</Code>
          </p>
          <p>
            {t.secret}: <Code data-testid="secret">{issued.secret}</Code>{' '}
            <CopyButton value={issued.secret}>
              {({ copied, copy }) => (
                <Button size="compact-sm" onClick={copy} color={copied ? 'teal' : undefined}>
                  {copied ? t.copied : t.copy}
                </Button>
              )}
            </CopyButton>
          </p>
          <Button size="compact-sm" variant="default" onClick={() => setIssued(undefined)}>
            {t.close}
          </Button>
        </Alert>
      )}
      <DataTable
        data={platforms.data ?? []}
        columns={columns}
        className="platforms"
        rowKey={(p) => p.id}
        searchText={(p) => `${p.name} ${p.key}`}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t.newPlatform}>
        {creating && (
          <PlatformForm
            onDone={(made) => {
              setCreating(false);
              if (made) setIssued(made);
            }}
          />
        )}
      </Modal>
    </>
  );
}

function PlatformForm({
  onDone,
}: {
  onDone: (made?: { key: string; secret: string; name: string }) => void;
}) {
  const { t } = useApp();
  const courses = useCourses();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      name: '',
      scopes: ['statements/write', 'statements/read/mine'],
      courses: [] as string[],
    },
    validate: {
      name: (v) => (v.trim() ? null : t.required),
      scopes: (v) => (v.length ? null : t.required),
    },
  });
  let made: { key: string; secret: string; name: string } | undefined;
  const { onSubmit, error, busy } = useSubmit(
    form,
    { name: t.name, scopes: t.scopes, courses: t.courses },
    (v) =>
      call<{ key: string; secret: string; name: string }>('POST', '/api/v1/lrs-clients', {
        name: v.name,
        scopes: v.scopes,
        courses: v.courses.length ? v.courses : undefined,
      }).then((r) => {
        made = r;
        void queryClient.invalidateQueries({ queryKey: ['/api/v1/lrs-clients'] });
      }),
    () => onDone(made),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextInput label={t.name} required {...form.getInputProps('name')} />
      <Checkbox.Group label={t.scopes} required {...form.getInputProps('scopes')}>
        <Group gap="xs" mt={4}>
          {SCOPES.map((s) => (
            <Checkbox key={s} value={s} label={s} />
          ))}
        </Group>
      </Checkbox.Group>
      <MultiSelect
        label={t.courses}
        description={t.all}
        data={(courses.data ?? []).map((c) => ({ value: c.code, label: `${c.title} (${c.code})` }))}
        searchable
        {...form.getInputProps('courses')}
      />
      <FormActions error={error} busy={busy} onCancel={() => onDone()} submitLabel={t.create} />
    </form>
  );
}
