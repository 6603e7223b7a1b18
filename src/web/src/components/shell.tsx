import type { ReactNode } from 'react';
import { useI18n, type Language } from '../i18n/i18n.js';
import { Link, PAGES, useRouter, type Page } from '../lib/router.js';

const ICONS: Record<Page, string> = {
  overview: 'M3 13h4v8H3zM10 8h4v13h-4zM17 3h4v18h-4z',
  audit: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  policy: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
  providers: 'M4 5h16v5H4zM4 14h16v5H4zM7 7.5h.01M7 16.5h.01',
  drills: 'M12 3v4M12 17v4M3 12h4M17 12h4M12 8a4 4 0 100 8 4 4 0 000-8z',
  compute: 'M7 7h10v10H7zM9 3v4M15 3v4M9 17v4M15 17v4M3 9h4M3 15h4M17 9h4M17 15h4',
  evaluation: 'M4 20h16M7 16V9M12 16V5M17 16v-4M5 8l3-3 4 2 5-4',
  about: 'M12 3a9 9 0 100 18 9 9 0 000-18zM12 10v6M12 7h.01',
  assess: 'M12 3l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.4 6.8 19.1l1-5.8L3.5 9.2l5.9-.9z',
};

export function Icon({ path, size = 18 }: { path: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const options: Language[] = ['ko', 'en'];
  return (
    <div className="language-switch" role="group" aria-label={t('nav.language')}>
      {options.map((option) => (
        <button key={option} type="button" className={option === language ? 'active' : ''} aria-pressed={option === language} onClick={() => setLanguage(option)} data-testid={`language-${option}`}>
          {option === 'ko' ? '한국어' : 'English'}
        </button>
      ))}
    </div>
  );
}

/** The frame around every page: navigation on the left, the page, and the about/help footer. */
export function Shell({ children, onLogout, home }: { children: ReactNode; onLogout(): void; home: string | undefined }) {
  const { t } = useI18n();
  const { location } = useRouter();
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#13203a" />
            <path d="M9 22 L16 8 L23 22 Z" fill="none" stroke="#22c55e" strokeWidth="3" strokeLinejoin="round" />
          </svg>
          <div>
            <div className="brand-name">자주 jaju</div>
            <div className="brand-sub">{t('brand.tagline')}</div>
          </div>
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          {PAGES.filter((page) => page !== 'about').map((page) => (
            <Link key={page} to={`/${page}`} className={`nav-item ${location.page === page ? 'active' : ''}`} aria-current={location.page === page ? 'page' : undefined} data-testid={`nav-${page}`}>
              <Icon path={ICONS[page]} />
              <span>{t(`nav.${page}`)}</span>
            </Link>
          ))}
        </nav>
        <div className="sidebar-bottom">
          {home && (
            <div className="home-chip" title={t('common.homeJurisdiction')}>
              {t('common.home')}: <strong>{home}</strong>
            </div>
          )}
          <LanguageSwitch />
          <button type="button" className="button ghost small" onClick={onLogout} data-testid="logout">
            {t('nav.logout')}
          </button>
        </div>
      </aside>
      <div className="main">
        <main className="content">{children}</main>
        <footer className="footer">
          <span>jaju · {t('footer.what')}</span>
          <span className="footer-sep">·</span>
          <span>{t('footer.offline')}</span>
          <span className="footer-sep">·</span>
          <Link to="/about" data-testid="nav-about">
            {t('footer.help')}
          </Link>
        </footer>
      </div>
    </div>
  );
}
