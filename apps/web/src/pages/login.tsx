import { useState, type FormEvent } from 'react';
import { login } from '../api';
import type { words } from '../i18n';

export function LoginPage({ t }: { t: ReturnType<typeof words> }) {
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login(String(form.get('username')), String(form.get('password'))).then(
      () => (location.hash = '#/'),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <main className="login">
      <h1>{t.appName}</h1>
      <form onSubmit={submit}>
        <label>
          {t.username}
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">{t.login}</button>
      </form>
    </main>
  );
}
