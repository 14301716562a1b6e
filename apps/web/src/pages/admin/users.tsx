import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { queryClient, useAgencies, useGet, useProvinces, type User } from '../../client';
import { DataTable } from '../../components/data-table';
import { useSubmit } from '../../components/forms';
import { ConfirmButton, ErrorText, FormActions } from '../../components/ui';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { errorText } from '../../messages';

/** Users: coordinators for provinces or agencies, national viewers and admins; created and disabled here. */
export function UsersPage() {
  const { t, language } = useApp();
  const users = useGet<User[]>('/api/v1/users');
  const current = useProvinces('current');
  const legacy = useProvinces('legacy');
  const agencies = useAgencies();
  const names = useMemo(
    () =>
      new Map(
        [...(current.data ?? []), ...(legacy.data ?? []), ...(agencies.data ?? [])].map((u) => [
          u.id,
          u.name,
        ]),
      ),
    [current.data, legacy.data, agencies.data],
  );
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const columns = useMemo<ColumnDef<User, unknown>[]>(
    () => [
      { id: 'username', header: t.username, accessorFn: (u) => u.username },
      { id: 'role', header: t.role, accessorFn: (u) => t.roles[u.role] ?? u.role },
      {
        id: 'units',
        header: t.unitsField,
        accessorFn: (u) => u.provinces.map((id) => names.get(id) ?? '…').join(', '),
      },
      {
        id: 'state',
        header: t.state,
        accessorFn: (u) => (u.disabledAt ? `${t.disabled} ${formatDateTime(u.disabledAt)}` : t.active),
      },
      {
        id: 'actions',
        header: t.actions,
        enableSorting: false,
        cell: ({ row }) =>
          !row.original.disabledAt && (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="default" onClick={() => setResetting(row.original)}>
                {t.resetPassword}
              </Button>
              <ConfirmButton
                label={t.disable}
                question={t.confirmDisable(row.original.username)}
                onConfirm={() =>
                  void call('POST', `/api/v1/users/${row.original.id}/disable`).then(
                    () => void queryClient.invalidateQueries({ queryKey: ['/api/v1/users'] }),
                    (e: unknown) => setError(errorText(e, language)),
                  )
                }
              />
            </Group>
          ),
      },
    ],
    [t, language, names],
  );
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t.users}</Title>
        <Button onClick={() => setCreating(true)}>{t.newUser}</Button>
      </Group>
      <ErrorText>{errorText(users.error, language) ?? error}</ErrorText>
      <DataTable
        data={users.data ?? []}
        columns={columns}
        className="users"
        rowKey={(u) => u.id}
        searchText={(u) => u.username}
        sort={[{ id: 'username', desc: false }]}
      />
      {notice && (
        <Alert color="green" role="status" p="xs" my="xs">
          {notice}
        </Alert>
      )}
      <Modal
        opened={!!resetting}
        onClose={() => setResetting(undefined)}
        title={resetting && t.resetPasswordOf(resetting.username)}
      >
        {resetting && (
          <PasswordForm
            user={resetting}
            onDone={(done) => {
              if (done) setNotice(t.passwordReset(resetting.username));
              setResetting(undefined);
            }}
          />
        )}
      </Modal>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t.newUser}>
        {creating && <UserForm onDone={() => setCreating(false)} />}
      </Modal>
    </>
  );
}

function UserForm({ onDone }: { onDone: () => void }) {
  const { t } = useApp();
  const provinces = useProvinces('current');
  const agencies = useAgencies();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { username: '', password: '', role: 'coordinator', provinces: [] as string[] },
    validate: {
      username: (v) => (/^[a-zA-Z0-9._@-]{3,64}$/.test(v) ? null : t.usernameRule),
      password: (v) => (v.length >= 12 ? null : t.minChars(t.password, 12)),
      provinces: (v, values) => (values.role === 'coordinator' && v.length === 0 ? t.required : null),
    },
  });
  const labels = { username: t.username, password: t.password, role: t.role, provinces: t.unitsField };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) =>
      call('POST', '/api/v1/users', {
        ...v,
        provinces: v.role === 'coordinator' ? v.provinces : undefined,
      }).then(() => queryClient.invalidateQueries({ queryKey: ['/api/v1/users'] })),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextInput label={t.username} required autoComplete="off" {...form.getInputProps('username')} />
      <PasswordInput
        label={t.password}
        required
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
      <Select
        label={t.role}
        data={Object.entries(t.roles).map(([value, label]) => ({ value, label }))}
        allowDeselect={false}
        {...form.getInputProps('role')}
      />
      {form.values.role === 'coordinator' && (
        <TagsInput
          label={t.unitsField}
          description={t.unitsHint}
          data={[...(provinces.data ?? []), ...(agencies.data ?? [])].map((p) => p.name)}
          required
          {...form.getInputProps('provinces')}
        />
      )}
      <FormActions error={error} busy={busy} onCancel={onDone} submitLabel={t.create} />
    </form>
  );
}

/** A new password for someone who forgot theirs: their sessions end, and they log in with it. */
function PasswordForm({ user, onDone }: { user: User; onDone: (done: boolean) => void }) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { password: '' },
    validate: { password: (v) => (v.length >= 12 ? null : t.minChars(t.newPassword, 12)) },
  });
  const { onSubmit, error, busy } = useSubmit(
    form,
    { password: t.newPassword },
    (v) => call('POST', `/api/v1/users/${user.id}/password`, v),
    () => onDone(true),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <PasswordInput
        label={t.newPassword}
        required
        autoComplete="new-password"
        data-autofocus
        {...form.getInputProps('password')}
      />
      <FormActions error={error} busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}
