import { Button, Paper, PasswordInput, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { login } from '../api';
import type { Words } from '../i18n';
import { errorText } from '../messages';

export function LoginPage({ t, language }: { t: Words; language: 'vi' | 'en' }) {
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login(String(form.get('username')), String(form.get('password'))).then(
      () => (location.hash = '#/'),
      (e: unknown) => setError(errorText(e, language)),
    );
  };
  return (
    <main className="login">
      <Paper withBorder p="lg" maw={400} mx="auto" mt="xl">
        <Title order={1} size="h2">
          {t.appName}
        </Title>
        <form onSubmit={submit}>
          <TextInput name="username" label={t.username} autoComplete="username" required />
          <PasswordInput name="password" label={t.password} autoComplete="current-password" required />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <Button type="submit" mt="md" fullWidth>
            {t.login}
          </Button>
        </form>
      </Paper>
    </main>
  );
}
