import { useCallback, useEffect, useState } from 'react';
import { ApiError, onUnauthorized, request } from './api/client.js';
import type { OverviewResponse } from './api/types.js';
import { Shell } from './components/shell.js';
import { useI18n } from './i18n/i18n.js';
import { useRouter } from './lib/router.js';
import { AboutPage } from './pages/about-page.js';
import { AssessPage } from './pages/assess-page.js';
import { AuditPage } from './pages/audit-page.js';
import { ComputePage } from './pages/compute-page.js';
import { DrillsPage } from './pages/drills-page.js';
import { EvaluationPage } from './pages/evaluation-page.js';
import { LoginPage } from './pages/login-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { PolicyPage } from './pages/policy-page.js';
import { ProvidersPage } from './pages/providers-page.js';

type Session = 'checking' | 'in' | 'out';

export function App() {
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const [session, setSession] = useState<Session>('checking');
  const [home, setHome] = useState<string | undefined>(undefined);

  useEffect(() => {
    request('/api/session', { ownAuth: true })
      .then(() => setSession('in'))
      .catch((error: unknown) => setSession(error instanceof ApiError && (error.status === 401 || error.status === 403) ? 'out' : 'in'));
    return onUnauthorized(() => setSession('out'));
  }, []);

  useEffect(() => {
    if (session === 'out' && location.page !== 'login') {
      const here = window.location.pathname + window.location.search;
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
    }
    if (session === 'in' && location.page === 'login') {
      // Back to the page the operator asked for, if it is one of ours (never another origin).
      const next = location.search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/overview', { replace: true });
    }
    if (session === 'in' && !home) {
      request<OverviewResponse>('/api/overview?seconds=60&step=60')
        .then((overview) => setHome(overview.home))
        .catch(() => undefined);
    }
  }, [session, location.page, navigate, home]);

  const logout = useCallback(() => {
    void request('/api/logout', { method: 'POST', body: {}, ownAuth: true }).finally(() => setSession('out'));
  }, []);

  if (session === 'checking') return <div className="loading full">{t('common.loading')}</div>;
  if (session === 'out') return <LoginPage onLoggedIn={() => setSession('in')} />;
  return (
    <Shell onLogout={logout} home={home}>
      {location.page === 'overview' && <OverviewPage />}
      {location.page === 'audit' && <AuditPage />}
      {location.page === 'policy' && <PolicyPage />}
      {location.page === 'providers' && <ProvidersPage />}
      {location.page === 'drills' && <DrillsPage />}
      {location.page === 'compute' && <ComputePage />}
      {location.page === 'evaluation' && <EvaluationPage />}
      {location.page === 'about' && <AboutPage />}
      {location.page === 'assess' && <AssessPage />}
    </Shell>
  );
}
