import { Alert, Button, Group, Modal, Progress } from '@mantine/core';
import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useApp } from '../context';
import { parseDay } from '../format';
import type { Job } from './jobs';

/** A day typed or picked as dd/mm/yyyy (whatever the browser's language), given as YYYY-MM-DD. */
export function DayInput(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  const { t } = useApp();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDay(text)}
      placeholder={t.dayFormat}
      previousLabel={t.previousMonth}
      nextLabel={t.nextMonth}
      clearButtonProps={{ 'aria-label': t.clear }}
      // Days of other months and weekends in the kit's light colours fall below 4.5:1 contrast.
      hideOutsideDates
      weekendDays={[]}
      clearable={!props.required}
      {...props}
    />
  );
}

/** An error to read, announced to screen readers. */
export function ErrorText({ children }: { children?: string | null }) {
  if (!children) return null;
  return (
    <Alert color="red" role="alert" className="error" p="xs" my="xs">
      {children}
    </Alert>
  );
}

/** The foot of every dialog's form: the API's refusal, then cancel and submit (red when it destroys). */
export function FormActions(props: {
  error?: string | null;
  busy: boolean;
  onCancel: () => void;
  submitLabel?: string;
  destructive?: boolean;
}) {
  const { t } = useApp();
  return (
    <>
      <ErrorText>{props.error}</ErrorText>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={props.onCancel}>
          {t.cancel}
        </Button>
        <Button type="submit" color={props.destructive ? 'red' : undefined} loading={props.busy}>
          {props.submitLabel ?? t.save}
        </Button>
      </Group>
    </>
  );
}

/** A running job's progress, as a labelled bar. */
export function JobProgress({ job, label }: { job?: Job; label?: string }) {
  const { t } = useApp();
  if (!job || job.state === 'completed' || job.state === 'failed') return null;
  return (
    <div className="job-progress" role="status">
      <span>
        {label ?? t.running} {job.progress ?? 0}%
      </span>
      <Progress value={job.progress ?? 0} aria-label={label ?? t.running} animated size="lg" />
    </div>
  );
}

/** A button whose action asks first, in a dialog. */
export function ConfirmButton(props: { label: string; question: string; onConfirm: () => void }) {
  const { t } = useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-sm" variant="default" onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={props.label}>
        <p>{props.question}</p>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t.cancel}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setOpen(false);
              props.onConfirm();
            }}
          >
            {props.label}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
