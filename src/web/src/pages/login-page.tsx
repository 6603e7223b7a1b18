import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api/client.js';
import { LanguageSwitch } from '../components/shell.js';
import { useI18n } from '../i18n/i18n.js';

/** The only page served without the operator key: it exchanges the key for an HttpOnly session cookie. */
export function LoginPage({ onLoggedIn }: { onLoggedIn(): void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('/api/login', { body: { key }, ownAuth: true });
      setKey('');
      onLoggedIn();
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(status === 401 ? t('login.wrongKey') : status === 429 ? t('login.throttled') : status === 403 ? t('login.disabled') : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-brand">
          <svg width="44" height="44" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#13203a" />
            <path d="M9 22 L16 8 L23 22 Z" fill="none" stroke="#22c55e" strokeWidth="3" strokeLinejoin="round" />
          </svg>
          <div>
            <h1>자주 jaju</h1>
            <p>{t('login.subtitle')}</p>
          </div>
        </div>
        <label className="field">
          <span>{t('login.keyLabel')}</span>
          <input type="password" autoComplete="current-password" value={key} onChange={(event) => setKey(event.target.value)} autoFocus data-testid="login-key" required />
        </label>
        <p className="hint">{t('login.keyHint')}</p>
        {error && (
          <div className="banner bad" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" className="button primary wide" disabled={busy || key === ''} data-testid="login-submit">
          {busy ? t('common.working') : t('login.submit')}
        </button>
        <div className="login-footer">
          <LanguageSwitch />
        </div>
      </form>
    </div>
  );
}
