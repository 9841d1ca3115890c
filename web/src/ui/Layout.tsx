// The frame around every page: skip link, header with the main menu, language switch and
// logout, the main landmark, and a footer with the accessibility, privacy and help pages and
// the server's version. Moves focus to the page heading on navigation.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, PageFooter, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { Link, NavLink, useLocation } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../features/auth/session';
import type { MessageKey } from '../i18n/nl';
import type { Can } from '../features/auth/session';

// The main menu: an item shows when the user may take the action its page is for (from
// GET /me capabilities). The caseload is called "team caseload" for whoever oversees the team.
const MENU: { to: string; key: MessageKey; show: (can: Can) => boolean }[] = [
  { to: '/vandaag', key: 'nav.today', show: (can) => can('today.read') },
  { to: '/gezinnen', key: 'nav.caseload', show: (can) => can('family.list') && !can('team.overview') },
  { to: '/gezinnen', key: 'nav.caseloadTeam', show: (can) => can('family.list') && can('team.overview') },
  { to: '/wachtlijst', key: 'nav.waiting', show: (can) => can('waiting_list.read') },
  { to: '/aanmelden', key: 'nav.referral', show: (can) => can('referral.create') },
  { to: '/team', key: 'nav.team', show: (can) => can('team.overview') },
  { to: '/beheer/gebruikers', key: 'nav.users', show: (can) => can('user.manage') },
  { to: '/beheer/programmas', key: 'nav.programmes', show: (can) => can('programme.update') },
  { to: '/beheer/themas', key: 'nav.themes', show: (can) => can('genogram.themes.replace') },
  // Issue 14 (norms and consent)
  { to: '/beheer/normen', key: 'nav.norms', show: (can) => can('norm.create') },
  { to: '/beheer/partners', key: 'nav.partners', show: (can) => can('partner_org.create') },
  // Measurements (issue 10)
  { to: '/resultaten', key: 'nav.outcomes', show: (can) => can('programme.outcomes') },
  // The programme budget: pot and report (issue 11)
  { to: '/budget', key: 'nav.budget', show: (can) => can('budget.report') || can('budget.pot_manage') },
  { to: '/uren', key: 'nav.hours', show: (can) => can('contact.hours_report') },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <Button
      appearance="subtle-button"
      className="k-lang"
      lang={other}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => setLang(other)}
      data-testid="language-switch"
    >
      {t('app.switchLanguage')}
    </Button>
  );
}

/** The release of the server that serves this app (GET /healthz, public), for the footer. */
function useServerVersion(): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    fetch('/healthz', { signal: ctl.signal, headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { version?: unknown } | null) => {
        if (body && typeof body.version === 'string') setVersion(body.version);
      })
      // No version is no reason to disturb anyone: the footer just leaves it out.
      .catch(() => {});
    return () => ctl.abort();
  }, []);
  return version;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const version = useServerVersion();
  const { user, can, signOut } = useSession();
  const location = useLocation();
  const first = useRef(true);

  // After a route change, put focus on the new page's heading (not on the first load),
  // so screen-reader and keyboard users start at the top of the new content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Lazy pages may show their heading a little later: keep looking for a few seconds,
    // unless the user has already moved focus somewhere themselves.
    const started = performance.now();
    let id = 0;
    const tryFocus = () => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      const moved = document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('nav, header');
      if (heading && !moved) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: false });
        return;
      }
      if (!heading && !moved && performance.now() - started < 3000) id = requestAnimationFrame(tryFocus);
    };
    id = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(id);
  }, [location.pathname]);

  return (
    <div className="k-app">
      <SkipLink href="#main">{t('app.skip')}</SkipLink>
      <header className="k-header">
        <div className="k-header__inner">
          <NavLink to="/" className="k-brand">
            <span className="k-brand__mark" aria-hidden="true" />
            <span className="k-brand__name">{t('app.name')}</span>
          </NavLink>
          <div className="k-header__tools">
            <LanguageSwitch />
            {user && (
              // Who is logged in, their account and logging out as quiet links: the work comes
              // first, and the main menu keeps its room for the work (it stays one line at 1280 px).
              <span className="k-header__user">
                <span>{t('nav.loggedInAs', { name: user.display_name })}</span>
                <NavLink to="/account" className="k-header__account">
                  {t('nav.account')}
                </NavLink>
                <Button appearance="subtle-button" className="k-logout" onClick={() => void signOut()} data-testid="logout">
                  {t('nav.logout')}
                </Button>
              </span>
            )}
          </div>
        </div>
        {user && (
          <nav className="k-nav" aria-label={t('nav.label')}>
            <ul className="k-nav__list">
              {MENU.filter((m) => m.show(can)).map((m) => (
                <li key={m.key}>
                  <NavLink to={m.to} className="k-nav__link">
                    {t(m.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="k-main">
        {children}
      </main>
      <PageFooter className="k-footer">
        <div className="k-footer__inner">
          <nav aria-label={t('footer.label')}>
            <ul className="k-footer__links">
              <li>
                <Link to="/toegankelijkheid">{t('footer.accessibility')}</Link>
              </li>
              <li>
                <Link to="/privacy">{t('footer.privacy')}</Link>
              </li>
              <li>
                <Link to="/hulp">{t('footer.help')}</Link>
              </li>
            </ul>
          </nav>
          <Paragraph>{t('app.footer')}</Paragraph>
          {version && (
            <Paragraph className="k-footer__version" data-testid="server-version">
              {t('footer.version', { version })}
            </Paragraph>
          )}
        </div>
      </PageFooter>
    </div>
  );
}
