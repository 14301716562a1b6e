import { Button, Checkbox, Group, Modal, NumberInput, Select, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { queryClient, useCourses, type Course } from '../../client';
import { DataTable } from '../../components/data-table';
import { useSubmit } from '../../components/forms';
import { ErrorText, FormActions } from '../../components/ui';
import { useApp } from '../../context';
import { compareText } from '../../format';
import { errorText } from '../../messages';

/** Courses: each one's completion rule, exam and mastery score, automatic certificates; admins create them. */
export function CoursesPage() {
  const { t, language, role } = useApp();
  const courses = useCourses();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Course>();
  const admin = role === 'national-admin';
  const columns = useMemo<ColumnDef<Course, unknown>[]>(
    () => [
      { id: 'code', header: t.code, accessorFn: (c) => c.code },
      {
        id: 'title',
        header: t.title,
        accessorFn: (c) => c.title,
        sortingFn: (a, b) => compareText(a.original.title, b.original.title),
      },
      {
        id: 'moveOn',
        header: t.moveOn,
        accessorFn: (c) => t.moveOns[c.completion.moveOn] ?? c.completion.moveOn,
      },
      {
        id: 'exam',
        header: t.masteryScore,
        accessorFn: (c) => c.completion.exam?.masteryScore ?? '',
      },
      {
        id: 'auto',
        header: t.autoCertificates,
        accessorFn: (c) => (c.certificates.auto ? t.yes : t.no),
      },
      { id: 'activityId', header: t.activityId, accessorFn: (c) => c.activityId },
      ...(admin
        ? [
            {
              id: 'actions',
              header: t.actions,
              enableSorting: false,
              cell: ({ row }) => (
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={`${t.edit} ${row.original.code}`}
                  onClick={() => setEditing(row.original)}
                >
                  {t.edit}
                </Button>
              ),
            } satisfies ColumnDef<Course, unknown>,
          ]
        : []),
    ],
    [t, admin],
  );
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t.courses}</Title>
        {admin && <Button onClick={() => setCreating(true)}>{t.newCourse}</Button>}
      </Group>
      <ErrorText>{errorText(courses.error, language)}</ErrorText>
      <DataTable
        data={courses.data ?? []}
        columns={columns}
        className="courses"
        rowKey={(c) => c.id}
        searchText={(c) => `${c.code} ${c.title}`}
        sort={[{ id: 'code', desc: false }]}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t.newCourse} size="lg">
        {creating && <CourseForm onDone={() => setCreating(false)} />}
      </Modal>
      <Modal
        opened={!!editing}
        onClose={() => setEditing(undefined)}
        title={editing && t.editCourse(editing.code)}
        size="lg"
      >
        {editing && <CourseForm course={editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </>
  );
}

/** A new course, or (with `course`) an existing one's title, rule and certificates. */
function CourseForm({ course, onDone }: { course?: Course; onDone: () => void }) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      code: course?.code ?? '',
      title: course?.title ?? '',
      activityId: course?.activityId ?? '',
      moveOn: course?.completion.moveOn ?? 'Completed',
      examActivityId: course?.completion.exam?.activityId ?? '',
      masteryScore: (course?.completion.exam?.masteryScore ?? '') as number | string,
      auto: course?.certificates.auto ?? true,
    },
    validate: {
      code: (v) => (v.trim() ? null : t.required),
      title: (v) => (v.trim() ? null : t.required),
      activityId: (v) => (/^https?:\/\/\S+$/.test(v) ? null : `${t.activityId}: http(s)://…`),
      masteryScore: (v, values) =>
        values.examActivityId && (v === '' || Number(v) < 0 || Number(v) > 1) ? `${t.masteryScore}` : null,
    },
  });
  const labels = { code: t.code, title: t.title, activityId: t.activityId };
  const { onSubmit, error, busy } = useSubmit(
    form,
    labels,
    (v) => {
      const completion = {
        ...course?.completion,
        moveOn: v.moveOn,
        exam: v.examActivityId
          ? { activityId: v.examActivityId, masteryScore: Number(v.masteryScore) }
          : undefined,
      };
      const sent = course
        ? call('PUT', `/api/v1/courses/${encodeURIComponent(course.code)}`, {
            title: v.title,
            completion,
            certificates: { auto: v.auto },
          })
        : call('POST', '/api/v1/courses', {
            code: v.code,
            title: v.title,
            activityId: v.activityId,
            completion,
            certificates: { auto: v.auto },
          });
      return sent.then(() => queryClient.invalidateQueries());
    },
    onDone,
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextInput label={t.code} required readOnly={!!course} {...form.getInputProps('code')} />
      <TextInput label={t.title} required {...form.getInputProps('title')} />
      <TextInput label={t.activityId} required readOnly={!!course} {...form.getInputProps('activityId')} />
      <Select
        label={t.moveOn}
        data={Object.entries(t.moveOns).map(([value, label]) => ({ value, label }))}
        allowDeselect={false}
        {...form.getInputProps('moveOn')}
      />
      <TextInput label={t.examActivity} {...form.getInputProps('examActivityId')} />
      <NumberInput
        label={t.masteryScore}
        min={0}
        max={1}
        step={0.05}
        decimalScale={2}
        {...form.getInputProps('masteryScore')}
      />
      <Checkbox mt="sm" label={t.autoCertificates} {...form.getInputProps('auto', { type: 'checkbox' })} />
      <FormActions error={error} busy={busy} onCancel={onDone} submitLabel={course ? t.save : t.create} />
    </form>
  );
}
