import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api/client.js';
import type { CutRequest as CutBody, CutResponse, ScopeView } from '../api/types.js';
import { Dialog } from '../components/dialog.js';
import { useI18n } from '../i18n/i18n.js';

export interface CutRequest {
  action: 'cut' | 'restore';
  scope: ScopeView;
  label: string;
}

/**
 * Confirmation for a cut or a restore: the admin key is typed here for this one call and forgotten
 * afterwards (never stored); the console records the change in the ledger first, then makes it.
 */
export function CutDialog({ request: cut, impact, onClose, onDone }: { request: CutRequest; impact: { lost: string[]; unserved: string[] } | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [adminKey, setAdminKey] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isCut = cut.action === 'cut';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: CutBody = { ...cut.scope, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      await request<CutResponse>(isCut ? '/api/cuts' : '/api/cuts/restore', { body, headers: { 'x-jaju-admin-key': adminKey }, ownAuth: true });
      setAdminKey('');
      onDone();
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(status === 401 ? t('cut.wrongKey') : status === 403 ? t('providers.adminDisabled') : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={isCut ? t('cut.titleCut', { label: cut.label }) : t('cut.titleRestore', { label: cut.label })} onClose={onClose} testId="cut-dialog">
      <form onSubmit={submit} className="cut-form">
        <p>{isCut ? t('cut.explainCut') : t('cut.explainRestore')}</p>
        {impact && impact.lost.length > 0 && (
          <div className={`banner ${impact.unserved.length > 0 ? 'bad' : 'warn'}`}>
            {t('cut.affects', { aliases: impact.lost.join(', ') })}
            {impact.unserved.length > 0 && (
              <>
                <br />
                <strong>{t('cut.unserved', { aliases: impact.unserved.join(', ') })}</strong>
              </>
            )}
          </div>
        )}
        <label className="field">
          <span>{t('cut.adminKey')}</span>
          <input type="password" autoComplete="off" value={adminKey} onChange={(event) => setAdminKey(event.target.value)} autoFocus required data-testid="cut-admin-key" />
        </label>
        <label className="field">
          <span>{t('cut.reason')}</span>
          <input type="text" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} placeholder={t('cut.reasonPlaceholder')} />
        </label>
        {error && (
          <div className="banner bad" role="alert" data-testid="cut-error">
            {error}
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button ${isCut ? 'danger' : 'primary'}`} disabled={busy || adminKey === ''} data-testid="cut-confirm">
            {busy ? t('common.working') : isCut ? t('cut.confirmCut') : t('cut.confirmRestore')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
