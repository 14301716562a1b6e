import { Button, Group, Select, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { download, query } from '../../api';
import { useGet, type AuditEntry } from '../../client';
import { DataTable } from '../../components/data-table';
import { DayInput, ErrorText } from '../../components/ui';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { errorText } from '../../messages';

/** A filter of the audit log: every code it knows, by its name in the reader's language. */
function choices(all: string, names: Record<string, string>) {
  return [{ value: '', label: all }, ...Object.entries(names).map(([value, label]) => ({ value, label }))];
}

/** The audit log: who did what to which record, filtered by entity, action and period, exported. */
export function AuditPage() {
  const { t, language } = useApp();
  const [entity, setEntity] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const filter = {
    entity: entity || undefined,
    action: action || undefined,
    from: from ?? undefined,
    to: to ?? undefined,
  };
  const log = useGet<AuditEntry[]>(`/api/v1/audit-log?${query(filter)}`);
  const columns = useMemo<ColumnDef<AuditEntry, unknown>[]>(
    () => [
      { id: 'at', header: t.at, accessorFn: (a) => a.at, cell: ({ row }) => formatDateTime(row.original.at) },
      { id: 'user', header: t.user, accessorFn: (a) => a.user ?? '' },
      { id: 'action', header: t.action, accessorFn: (a) => t.auditActions[a.action] ?? a.action },
      { id: 'entity', header: t.entity, accessorFn: (a) => t.auditEntities[a.entity] ?? a.entity },
      {
        id: 'entityId',
        header: t.code,
        accessorFn: (a) => a.entityId,
        cell: ({ row }) => <code>{row.original.entityId}</code>,
      },
      {
        id: 'detail',
        header: t.detail,
        enableSorting: false,
        accessorFn: (a) => JSON.stringify(a.detail ?? ''),
        cell: ({ getValue }) => <code className="detail">{getValue() as string}</code>,
      },
    ],
    [t],
  );
  return (
    <>
      <Title order={1}>{t.auditLog}</Title>
      <Group align="end" gap="xs" my="sm">
        <Select
          label={t.entity}
          data={choices(t.all, t.auditEntities)}
          value={entity}
          onChange={(v) => setEntity(v ?? '')}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t.action}
          data={choices(t.all, t.auditActions)}
          value={action}
          onChange={(v) => setAction(v ?? '')}
          allowDeselect={false}
          searchable
          w={220}
        />
        <DayInput label={t.from} value={from} onChange={setFrom} w={150} />
        <DayInput label={t.to} value={to} onChange={setTo} w={150} />
        <Button
          variant="outline"
          onClick={() => void download(`/api/v1/audit-log?${query({ ...filter, format: 'xlsx' })}`)}
        >
          {t.export} XLSX
        </Button>
        <Button
          variant="outline"
          onClick={() => void download(`/api/v1/audit-log?${query({ ...filter, format: 'csv' })}`)}
        >
          {t.export} CSV
        </Button>
      </Group>
      <ErrorText>{errorText(log.error, language)}</ErrorText>
      <DataTable
        data={log.data ?? []}
        columns={columns}
        className="audit"
        rowKey={(a) => String(a.id)}
        searchText={(a) =>
          `${a.user ?? ''} ${t.auditActions[a.action] ?? a.action} ${t.auditEntities[a.entity] ?? a.entity} ${a.entityId} ${JSON.stringify(a.detail ?? '')}`
        }
        sort={[{ id: 'at', desc: true }]}
      />
    </>
  );
}
