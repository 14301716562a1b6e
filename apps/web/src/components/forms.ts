import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useApp } from '../context';
import { fieldErrors } from '../messages';

/**
 * Sends a form's values; the API's refusals come back beside the fields they name (in the
 * reader's language, naming the field's label), and what names no field above the buttons.
 */
export function useSubmit<V>(
  form: {
    onSubmit: (handle: (values: V) => void) => (event?: FormEvent<HTMLFormElement>) => void;
    setErrors: (errors: Record<string, string>) => void;
  },
  labels: Record<string, string>,
  send: (values: V) => Promise<unknown>,
  done?: () => void,
) {
  const { language } = useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = form.onSubmit((values) => {
    setError(undefined);
    setBusy(true);
    send(values).then(
      () => {
        setBusy(false);
        done?.();
      },
      (e: Error) => {
        setBusy(false);
        // The API's fields in error, by code and rule; a refusal from elsewhere, by its text.
        const { byField, other } =
          e instanceof ApiError ? e.byField(labels) : fieldErrors(e.message, language, labels);
        form.setErrors(byField);
        setError(other.join('; ') || undefined);
      },
    );
  });
  return { onSubmit, error, busy };
}
