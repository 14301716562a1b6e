import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import {
  AppShell,
  Burger,
  Button,
  Group,
  MantineProvider,
  Modal,
  NavLink,
  createTheme,
  type CSSVariablesResolver,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/vi';
import { StrictMode, Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { logout, refresh, session } from './api';
import { queryClient, useMe } from './client';
import { AppContext, type AppState } from './context';
import { words, type Language, type Words } from './i18n';
import { CohortPage } from './pages/cohort';
import { CohortsPage } from './pages/cohorts';
import { Dashboard } from './pages/dashboard';
import { EnrollmentPage } from './pages/enrollment';
import { LoginPage } from './pages/login';
import { ProvincePage } from './pages/province';
import './styles.css';

// The administration's screens load when first opened: the first view stays small.
const AuditPage = lazy(() => import('./pages/admin/audit').then((m) => ({ default: m.AuditPage })));
const CoursesPage = lazy(() => import('./pages/admin/courses').then((m) => ({ default: m.CoursesPage })));
const LearnerLookupPage = lazy(() =>
  import('./pages/admin/learners').then((m) => ({ default: m.LearnerLookupPage })),
);
const PlatformsPage = lazy(() =>
  import('./pages/admin/platforms').then((m) => ({ default: m.PlatformsPage })),
);
const ReportPacksPage = lazy(() =>
  import('./pages/admin/report-packs').then((m) => ({ default: m.ReportPacksPage })),
);
const TrainingRecordsPage = lazy(() =>
  import('./pages/admin/training-records').then((m) => ({ default: m.TrainingRecordsPage })),
);
const UsersPage = lazy(() => import('./pages/admin/users').then((m) => ({ default: m.UsersPage })));

/** Hash routes: the API serves one page, and a link can be bookmarked or shared. */
function useRoute(): string[] {
  const read = () =>
    location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

// Contrast of at least 4.5:1 for white on the primary colour; every dialog's close button named.
const themeIn = (t: Words) =>
  createTheme({
    primaryColor: 'blue',
    primaryShade: 9,
    respectReducedMotion: true,
    fontFamily: "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t.close } } }),
    },
  });

/** Secondary text, placeholders and errors at 4.5:1 or more on white (the kit's greys and red are lighter). */
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#555b61',
    '--mantine-color-placeholder': '#5c636a',
    '--mantine-color-error': '#c01c1c',
  },
  dark: {},
});

/** The links each role has: coordinators their cohorts; national roles everything, read-only for viewers. */
function navigation(state: AppState): { href: string; label: string }[] {
  const { t, role } = state;
  if (role === 'coordinator')
    return [
      { href: '#/', label: t.myCohorts },
      { href: '#/training', label: t.trainingRecords },
    ];
  const links = [
    { href: '#/', label: t.dashboard },
    { href: '#/cohorts', label: t.allCohorts },
    { href: '#/courses', label: t.courses },
    { href: '#/training', label: t.trainingRecords },
    { href: '#/packs', label: t.reportPacks },
  ];
  if (role === 'national-admin')
    links.push(
      { href: '#/users', label: t.users },
      { href: '#/platforms', label: t.platforms },
      { href: '#/audit', label: t.auditLog },
      { href: '#/learners', label: t.learnerLookup },
    );
  return links;
}

function Page({ route, state }: { route: string[]; state: AppState }) {
  const [page, id, sub, subId] = route;
  const admin = state.role === 'national-admin';
  const national = state.role !== 'coordinator';
  if (page === 'province' && id) return <ProvincePage provinceKey={id} />;
  if (page === 'cohort' && id && sub === 'learner' && subId)
    return <EnrollmentPage enrollmentId={subId} cohortId={id} />;
  if (page === 'cohort' && id) return <CohortPage cohortId={id} />;
  if (page === 'enrollment' && id) return <EnrollmentPage enrollmentId={id} />;
  if (page === 'training') return <TrainingRecordsPage />;
  if (page === 'cohorts' && national) return <CohortsPage />;
  if (page === 'courses' && national) return <CoursesPage />;
  if (page === 'packs' && national) return <ReportPacksPage />;
  if (page === 'users' && admin) return <UsersPage />;
  if (page === 'platforms' && admin) return <PlatformsPage />;
  if (page === 'audit' && admin) return <AuditPage />;
  if (page === 'learners' && admin) return <LearnerLookupPage />;
  return state.role === 'coordinator' ? <CohortsPage /> : <Dashboard />;
}

function Shell({
  route,
  language,
  setLanguage,
}: {
  route: string[];
  language: Language;
  setLanguage: (l: Language) => void;
}) {
  const signedIn = session()!;
  const me = useMe();
  const [opened, setOpened] = useState(false);
  const t = words(language);
  const state: AppState = {
    t,
    language,
    role: signedIn.role,
    editor: signedIn.role !== 'national-viewer',
    units: me.data?.units ?? [],
  };
  const here = `#/${route.join('/')}`;
  const links = navigation(state);
  const current = links.reduce<string | undefined>(
    (best, l) =>
      (l.href === '#/' ? here === '#/' : here.startsWith(l.href)) && (!best || l.href.length > best.length)
        ? l.href
        : best,
    undefined,
  );
  useEffect(() => setOpened(false), [here]);
  return (
    <AppContext.Provider value={state}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header className="bar">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={() => setOpened((o) => !o)}
                hiddenFrom="sm"
                size="sm"
                color="white"
                aria-label={t.menu}
              />
              <a href="#/" className="brand">
                {t.appName.split(' – ')[0]}
                <span className="brand-sub"> – {t.appName.split(' – ')[1]}</span>
              </a>
            </Group>
            <Group gap="xs" wrap="nowrap" component="nav" aria-label="account">
              <Button size="xs" variant="white" onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
                {t.language}
              </Button>
              <Button
                size="xs"
                variant="white"
                onClick={() => {
                  void logout().then(() => {
                    queryClient.clear();
                    location.hash = '#/login';
                  });
                }}
              >
                {t.logout}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" component="nav" aria-label={t.mainNav}>
          {links.map((l) => (
            <NavLink
              key={l.href}
              variant="filled"
              href={l.href}
              label={l.label}
              active={l.href === current}
              aria-current={l.href === current ? 'page' : undefined}
            />
          ))}
          <p className="who">
            {me.data?.username} · {t.roles[signedIn.role]}
          </p>
        </AppShell.Navbar>
        <AppShell.Main>
          <div className="content">
            <Suspense fallback={<p>{t.loading}</p>}>
              <Page route={route} state={state} />
            </Suspense>
          </div>
        </AppShell.Main>
      </AppShell>
    </AppContext.Provider>
  );
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
  const theme = useMemo(() => themeIn(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
        {!signedIn || route[0] === 'login' ? (
          <LoginPage t={t} language={language} />
        ) : (
          <Shell route={route} language={language} setLanguage={setLanguage} />
        )}
      </DatesProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
