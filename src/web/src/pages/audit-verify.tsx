import { useState } from 'react';
import { request } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber } from '../lib/format.js';
import { useRouter } from '../lib/router.js';

interface VerifyResult {
  ok: boolean;
  records: number;
  head: { seq: number; hash: string } | null;
  firstBad?: { seq: number; damage: string; message: string };
  incomplete: { seq: number; requestId: string }[];
  orphans: { seq: number; requestId: string }[];
  pruned: number;
  durationMs: number;
}

/** "Verify chain" runs `jaju audit verify` on the server and shows the verdict. */
export function VerifyBar() {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await request<VerifyResult>('/api/audit/verify', { method: 'POST', body: {} }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="verify-bar">
      {result && (
        <div className={`verify-result ${result.ok ? 'ok' : 'bad'}`} data-testid="verify-result" role="status">
          {result.ok ? (
            <>
              <strong>✓ {t('verify.intact')}</strong>{' '}
              {t('verify.summary', { records: formatNumber(locale, result.records), ms: formatNumber(locale, result.durationMs) })}
              {result.incomplete.length > 0 && <> · {t('verify.incomplete', { count: result.incomplete.length })}</>}
              {result.pruned > 0 && <> · {t('verify.pruned', { count: formatNumber(locale, result.pruned) })}</>}
            </>
          ) : (
            <>
              <strong>✗ {t('verify.broken')}</strong>{' '}
              {result.firstBad && (
                <button type="button" className="link-button" onClick={() => navigate(`/audit/${result.firstBad!.seq}`)}>
                  {t('verify.firstBad', { seq: result.firstBad.seq, damage: t(`damage.${result.firstBad.damage}` as 'damage.edited') })}
                </button>
              )}
              {result.orphans.length > 0 && <> · {t('verify.orphans', { count: result.orphans.length })}</>}
            </>
          )}
        </div>
      )}
      {error && <div className="verify-result bad">{error}</div>}
      <button type="button" className="button primary" onClick={run} disabled={busy} data-testid="verify-run">
        {busy ? t('verify.running') : t('verify.run')}
      </button>
    </div>
  );
}
