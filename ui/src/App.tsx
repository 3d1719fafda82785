// The application shell: skip link, header (name, language switch, who is signed in),
// the role's navigation, the main landmark with the current screen, and the footer.
// Routes: public (/melden, /melden/aanvullen, /inloggen) and, for signed-in roles, the
// worklist, signals, the Drieluik (meetings with agenda and assessment, cases, actions)
// and user administration; later parts have routes that say "not yet
// available" and stay out of the navigation (see nav.ts).
import type { ReactElement } from 'react';
import { SkipLink } from '@utrecht/component-library-react';
import { I18nProvider, useI18n, LANGS } from './i18n/i18n';
import { RouterProvider, useRouter, matchPath, AppLink } from './router';
import { SessionProvider, useSession } from './session';
import { navFor, mayUse, mayCreateSignal, SECTIONS } from './nav';
import { PublicReportPage } from './pages/PublicReportPage';
import { PublicAdditionPage } from './pages/PublicAdditionPage';
import { LoginPage } from './pages/LoginPage';
import { WorklistPage } from './pages/WorklistPage';
import { SignalsPage } from './pages/SignalsPage';
import { SignalDetailPage } from './pages/SignalDetailPage';
import { SignalFormPage } from './pages/SignalFormPage';
import { UsersPage } from './pages/UsersPage';
import { MessagePage } from './pages/MessagePage';
import { MeetingsPage } from './pages/MeetingsPage';
import { MeetingDetailPage } from './pages/MeetingDetailPage';
import { AgendaPage } from './pages/AgendaPage';
import { AssessmentPage } from './pages/AssessmentPage';
import { CasesPage } from './pages/CasesPage';
import { CaseDetailPage } from './pages/CaseDetailPage';
import { ActionsPage } from './pages/ActionsPage';
import { ActionFormPage } from './pages/ActionFormPage';

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <SessionProvider>
          <div className="utrecht-theme drieluik-theme utrecht-document utrecht-document--surface">
            <Shell />
          </div>
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <nav aria-label={t('lang.label')} className="lang-switch">
      <ul>
        {LANGS.map((l) => (
          <li key={l}>
            <button type="button" className="utrecht-button utrecht-button--subtle" aria-pressed={l === lang} lang={l} onClick={() => setLang(l)}>
              {t(`lang.${l}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Header() {
  const { t } = useI18n();
  const { state, logout } = useSession();
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <AppLink to="/" className="app-name">
          {t('app.title')}
        </AppLink>
        <span className="app-tagline">{t('app.tagline')}</span>
        <div className="app-header__tools">
          <LanguageSwitch />
          {state.status === 'signed_in' ? (
            <div className="who">
              <span>
                {t('session.signedInAs', { name: state.user.display_name || state.user.username, role: t(`role.${state.user.role}`) })}
              </span>
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void logout()}>
                {t('session.logout')}
              </button>
            </div>
          ) : state.status === 'anonymous' ? (
            <AppLink to="/inloggen">{t('session.login')}</AppLink>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function Navigation() {
  const { t } = useI18n();
  const { viewer } = useSession();
  const { location } = useRouter();
  const sections = navFor(viewer);
  const items = [
    ...sections.map((s) => ({ path: s.path, label: t(s.labelKey) })),
    { path: '/melden', label: t('nav.report') },
  ];
  const active = (p: string) => (p === '/' ? location.path === '/' : location.path === p || location.path.startsWith(`${p}/`));
  return (
    <nav aria-label={t('nav.label')} className="app-nav">
      <ul>
        {items.map((i) => (
          <li key={i.path}>
            <AppLink to={i.path} aria-current={active(i.path) ? 'page' : undefined}>
              {i.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Routes() {
  const { location } = useRouter();
  const { state, viewer } = useSession();
  const path = location.path.replace(/\/+$/, '') || '/';

  if (matchPath('/melden', path)) return <PublicReportPage />;
  if (matchPath('/melden/aanvullen', path)) return <PublicAdditionPage />;
  if (matchPath('/inloggen', path)) return <LoginPage />;
  if (state.status === 'loading') return <MessagePage kind="loading" />;
  if (viewer === null) return <LoginPage />;

  const guarded = (id: string, page: ReactElement) => (mayUse(viewer, id) ? page : <MessagePage kind="forbidden" />);
  if (path === '/') {
    return mayUse(viewer, 'worklist') ? <WorklistPage /> : <HomeForRole />;
  }
  if (matchPath('/meldingen', path)) return guarded('signals', <SignalsPage />);
  if (matchPath('/meldingen/nieuw', path)) return mayCreateSignal(viewer) ? <SignalFormPage /> : <MessagePage kind="forbidden" />;
  let m = matchPath('/meldingen/:id/bewerken', path);
  if (m) return guarded('signals', <SignalFormPage id={Number(m.id)} key={`edit-${m.id}`} />);
  m = matchPath('/meldingen/:id', path);
  if (m) return guarded('signals', <SignalDetailPage id={Number(m.id)} key={`view-${m.id}`} />);
  if (matchPath('/overleggen', path)) return guarded('meetings', <MeetingsPage />);
  m = matchPath('/overleggen/:id/agenda/:item', path);
  if (m) return guarded('meetings', <AssessmentPage meetingId={Number(m.id)} itemId={Number(m.item)} key={`assess-${m.id}-${m.item}`} />);
  m = matchPath('/overleggen/:id/agenda', path);
  if (m) return guarded('meetings', <AgendaPage id={Number(m.id)} key={`agenda-${m.id}`} />);
  m = matchPath('/overleggen/:id', path);
  if (m) return guarded('meetings', <MeetingDetailPage id={Number(m.id)} key={`meeting-${m.id}`} />);
  if (matchPath('/casussen', path)) return guarded('cases', <CasesPage />);
  m = matchPath('/casussen/:id', path);
  if (m) return guarded('cases', <CaseDetailPage id={Number(m.id)} key={`case-${m.id}`} />);
  if (matchPath('/acties', path)) return guarded('actions', <ActionsPage key={location.search} />);
  if (matchPath('/acties/nieuw', path)) return guarded('actions', <ActionFormPage key={`new-${location.search}`} />);
  m = matchPath('/acties/:id', path);
  if (m) return guarded('actions', <ActionFormPage id={Number(m.id)} key={`action-${m.id}`} />);
  if (matchPath('/beheer/gebruikers', path)) return guarded('admin', <UsersPage />);
  const later = SECTIONS.find((s) => !s.available && (path === s.path || path.startsWith(`${s.path}/`)));
  if (later) return <MessagePage kind="notAvailable" sectionLabelKey={later.labelKey} />;
  return <MessagePage kind="notFound" />;
}

/// The start page of a role without a worklist (beleid, privacy officer, beheerder).
function HomeForRole() {
  const { viewer } = useSession();
  if (viewer === 'beheerder') return <UsersPage />;
  return <MessagePage kind="welcome" />;
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer className="app-footer">
      <div className="app-footer__inner">
        <p>{t('footer.text')}</p>
        <p>{t('footer.emergency')}</p>
      </div>
    </footer>
  );
}

function Shell() {
  const { t } = useI18n();
  return (
    <>
      <SkipLink href="#main">{t('app.skipLink')}</SkipLink>
      <Header />
      <Navigation />
      <main id="main" tabIndex={-1} className="app-main">
        <Routes />
      </main>
      <Footer />
    </>
  );
}
