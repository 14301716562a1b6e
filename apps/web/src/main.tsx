import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { logout, refresh, session } from './api';
import { words, type Language } from './i18n';
import { CohortPage } from './pages/cohort';
import { Dashboard } from './pages/dashboard';
import { EnrollmentPage } from './pages/enrollment';
import { LoginPage } from './pages/login';
import { ProvincePage } from './pages/province';
import './styles.css';

/** Hash routes: the API serves one page, and a link can be bookmarked or shared. */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function App() {
  const [language, setLanguage] = useState<Language>(
    (localStorage.getItem('hocba.language') as Language) ?? 'vi',
  );
  const route = useRoute();
  const t = words(language);
  const signedIn = session();
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('hocba.language', language);
  }, [language]);
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), 20 * 60_000);
    return () => clearInterval(timer);
  }, [signedIn?.token]);

  if (!signedIn || route[0] === 'login') return <LoginPage t={t} />;
  const [page, id] = route;
  return (
    <>
      <header className="bar">
        <a href="#/" className="brand">
          {t.appName}
        </a>
        <nav aria-label="account">
          <button type="button" onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
            {t.language}
          </button>
          <button
            type="button"
            onClick={() => {
              void logout().then(() => (location.hash = '#/login'));
            }}
          >
            {t.logout}
          </button>
        </nav>
      </header>
      <main>
        {page === 'province' && id ? (
          <ProvincePage t={t} language={language} provinceKey={id} />
        ) : page === 'cohort' && id ? (
          <CohortPage t={t} language={language} cohortId={id} role={signedIn.role} />
        ) : page === 'enrollment' && id ? (
          <EnrollmentPage t={t} enrollmentId={id} />
        ) : (
          <Dashboard t={t} language={language} />
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
