import { Group, Pagination, Select, Table, TextInput } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { useApp } from '../context';
import { matches } from '../format';

/**
 * A table of rows held in the browser (TanStack Table): a search that ignores tone marks, columns
 * sorted by a click on their header (announced through aria-sort), and pages of rows.
 */
export function DataTable<T>(props: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  /** The text a search looks in, for each row. */
  searchText?: (row: T) => string;
  sort?: SortingState;
  caption?: ReactNode;
  className?: string;
  pageSize?: number;
  rowKey?: (row: T) => string;
  toolbar?: ReactNode;
}) {
  const { t } = useApp();
  const [sorting, setSorting] = useState<SortingState>(props.sort ?? []);
  const [search, setSearch] = useState('');
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: props.pageSize ?? 25 });
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    state: { sorting, globalFilter: search, pagination },
    onSortingChange: setSorting,
    onGlobalFilterChange: setSearch,
    onPaginationChange: setPagination,
    globalFilterFn: (row, _column, value: string) =>
      !props.searchText || matches(props.searchText(row.original), value),
    getRowId: props.rowKey ? (row) => props.rowKey!(row) : undefined,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: false,
  });
  const total = table.getFilteredRowModel().rows.length;
  const { pageIndex, pageSize } = pagination;
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  return (
    <div className="data-table">
      <Group justify="space-between" align="end" mb="xs" gap="xs">
        {props.searchText ? (
          <TextInput
            label={t.search}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPagination((p) => ({ ...p, pageIndex: 0 }));
            }}
            miw={220}
          />
        ) : (
          <span />
        )}
        {props.toolbar}
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table className={props.className} striped highlightOnHover verticalSpacing={6} captionSide="top">
          {props.caption && <caption>{props.caption}</caption>}
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <Table.Th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        header.column.getCanSort()
                          ? sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : 'none'
                          : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {label}
                          <span aria-hidden="true">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {total === 0 && (
              <Table.Tr>
                <Table.Td colSpan={props.columns.length}>{t.noRows}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="xs" gap="xs">
        <span data-testid="page-info" aria-live="polite">
          {t.pageOf(from, to, total)}
        </span>
        <Group gap="xs">
          <Select
            aria-label={t.perPage}
            data={['10', '25', '50', '100'].map((n) => ({ value: n, label: n }))}
            value={String(pageSize)}
            onChange={(v) => v && setPagination({ pageIndex: 0, pageSize: Number(v) })}
            w={80}
            allowDeselect={false}
          />
          <Pagination
            total={Math.max(1, table.getPageCount())}
            value={pageIndex + 1}
            onChange={(p) => setPagination((s) => ({ ...s, pageIndex: p - 1 }))}
            size="sm"
            getItemProps={(page) => ({ 'aria-label': t.pageN(page) })}
            getControlProps={(control) => ({ 'aria-label': t.pageControls[control] })}
            aria-label={t.pagination}
          />
        </Group>
      </Group>
    </div>
  );
}
