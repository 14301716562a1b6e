import { Alert, Button, Group, Modal, Table, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { call } from '../../api';
import { useSubmit } from '../../components/forms';
import { ErrorText, FormActions } from '../../components/ui';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { errorText } from '../../messages';

interface Found {
  id: string;
  fullName: string;
  enrollments: number;
  erasedAt: string | null;
}

/** A learner found by CCCD (personal data requests), and the erasure of their personal data, confirmed. */
export function LearnerLookupPage() {
  const { t, language } = useApp();
  const [nationalId, setNationalId] = useState('');
  const [found, setFound] = useState<Found[]>();
  const [error, setError] = useState<string>();
  const [erasing, setErasing] = useState<Found>();
  const [notice, setNotice] = useState<string>();
  const valid = /^\d{12}$/.test(nationalId);
  const find = () => {
    setError(undefined);
    call<Found[]>('GET', `/api/v1/learners?nationalId=${nationalId}`).then(setFound, (e: Error) =>
      setError(errorText(e, language)),
    );
  };
  return (
    <>
      <Title order={1}>{t.learnerLookup}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(undefined);
          if (valid) find();
        }}
      >
        <Group align="start" gap="xs" my="sm">
          <TextInput
            label={t.nationalId}
            inputMode="numeric"
            autoComplete="off"
            value={nationalId}
            onChange={(e) => setNationalId(e.currentTarget.value.trim())}
            error={nationalId && !valid ? t.twelveDigits : undefined}
            w={220}
          />
          <Button type="submit" mt={25} disabled={!valid}>
            {t.find}
          </Button>
        </Group>
      </form>
      <ErrorText>{error}</ErrorText>
      {notice && (
        <Alert color="green" role="status" p="xs">
          {notice}
        </Alert>
      )}
      {found && found.length === 0 && <p>{t.notFound}</p>}
      {found && found.length > 0 && (
        <Table className="found" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t.name}</Table.Th>
              <Table.Th scope="col">{t.enrolled}</Table.Th>
              <Table.Th scope="col">{t.state}</Table.Th>
              <Table.Th scope="col">{t.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {found.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.fullName}</Table.Td>
                <Table.Td>{l.enrollments}</Table.Td>
                <Table.Td>{l.erasedAt ? `${t.erased} ${formatDateTime(l.erasedAt)}` : t.active}</Table.Td>
                <Table.Td>
                  {!l.erasedAt && (
                    <Button size="compact-sm" color="red" onClick={() => setErasing(l)}>
                      {t.erase}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={!!erasing} onClose={() => setErasing(undefined)} title={t.eraseTitle}>
        {erasing && (
          <EraseForm
            learner={erasing}
            onDone={(done) => {
              setErasing(undefined);
              if (done) {
                setNotice(t.erased);
                find();
              }
            }}
          />
        )}
      </Modal>
    </>
  );
}

function EraseForm({ learner, onDone }: { learner: Found; onDone: (done: boolean) => void }) {
  const { t } = useApp();
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: { reason: '', confirm: '' },
    validate: {
      reason: (v) => (v.trim().length >= 3 ? null : t.minChars(t.reason, 3)),
      confirm: (v) =>
        // Either spelling of the word (XÓA, XOÁ) confirms.
        ['XÓA', 'XOÁ'].includes(v.trim().toUpperCase()) ? null : t.eraseConfirm,
    },
  });
  const { onSubmit, error, busy } = useSubmit(
    form,
    { reason: t.reason },
    (v) => call('POST', `/api/v1/learners/${learner.id}/erasure`, { reason: v.reason }),
    () => onDone(true),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>
        <strong>{learner.fullName}</strong>
      </p>
      <Alert color="red" p="xs">
        {t.eraseWarning}
      </Alert>
      <Textarea label={t.reason} required autosize minRows={2} {...form.getInputProps('reason')} />
      <TextInput label={t.eraseConfirm} required autoComplete="off" {...form.getInputProps('confirm')} />
      <FormActions
        error={error}
        busy={busy}
        onCancel={() => onDone(false)}
        submitLabel={t.erase}
        destructive
      />
    </form>
  );
}
