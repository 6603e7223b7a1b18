import { useEffect, type ReactNode } from 'react';
import { request } from '../api/client.js';
import type { AuditRecord, AuditRecordResponse } from '../api/types.js';
import { GradeBadge, KindBadge, OutcomeBadge } from '../components/badges.js';
import { ErrorBanner } from '../components/card.js';
import { JsonView } from '../components/json-view.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime, formatMs, formatNumber, shortHash } from '../lib/format.js';
import { usePoll } from '../lib/use-poll.js';

/** One ledger record: its fields, and where it sits in the hash chain (previous ← this → next). */
export function AuditRecordPanel({ seq, onClose, onOpen }: { seq: number; onClose(): void; onOpen(seq: number): void }) {
  const { t, locale } = useI18n();
  const loaded = usePoll((signal) => request<AuditRecordResponse>(`/api/audit/records/${seq}`, { signal }), 0, [seq]);
  const data = loaded.data?.record.seq === seq ? loaded.data : undefined;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="record-panel card" data-testid="audit-record" aria-label={t('audit.record', { seq })}>
      <header className="card-header">
        <div>
          <h2>{t('audit.record', { seq: formatNumber(locale, seq) })}</h2>
          {data && <p className="card-subtitle">{formatDateTime(locale, data.record.time)}</p>}
        </div>
        <button type="button" className="button ghost small" onClick={onClose} aria-label={t('common.close')} data-testid="audit-record-close">
          ✕
        </button>
      </header>
      <div className="card-body">
        <ErrorBanner error={loaded.error} />
        {!data && !loaded.error && <div className="loading">{t('common.loading')}</div>}
        {data && (
          <>
            <ChainPosition data={data} onOpen={onOpen} />
            <RecordFields record={data.record} />
            <details className="raw">
              <summary>{t('audit.rawRecord')}</summary>
              <JsonView value={data.record} maxHeight={320} />
            </details>
          </>
        )}
      </div>
    </aside>
  );
}

function ChainPosition({ data, onOpen }: { data: AuditRecordResponse; onOpen(seq: number): void }) {
  const { t, locale } = useI18n();
  const { record, previous, next, head } = data;
  const check = (value: boolean | null, okText: string, badText: string, naText: string) =>
    value === null ? <span className="muted">{naText}</span> : value ? <span className="yes-good">✓ {okText}</span> : <span className="yes-bad">✗ {badText}</span>;
  return (
    <div className="chain" data-testid="chain-position">
      <h3>{t('audit.chainPosition')}</h3>
      <div className="chain-row">
        <ChainNode label={t('audit.previous')} record={previous} onOpen={onOpen} />
        <span className="chain-arrow">→</span>
        <div className="chain-node current">
          <div className="chain-label">{t('audit.thisRecord')}</div>
          <div className="mono chain-seq">#{record.seq}</div>
          <div className="mono small" title={record.hash}>
            {shortHash(record.hash, 16)}
          </div>
        </div>
        <span className="chain-arrow">→</span>
        <ChainNode label={t('audit.next')} record={next} onOpen={onOpen} />
      </div>
      <dl className="hashes">
        <dt>seq</dt>
        <dd className="mono" data-testid="record-seq">
          {record.seq}
          {head && <span className="muted"> / {t('audit.headSeq', { seq: formatNumber(locale, head.seq) })}</span>}
        </dd>
        <dt>prevHash</dt>
        <dd className="mono wrap" data-testid="record-prev-hash">
          {record.prevHash}
        </dd>
        <dt>hash</dt>
        <dd className="mono wrap" data-testid="record-hash">
          {record.hash}
        </dd>
        <dt>{t('audit.checks')}</dt>
        <dd>
          {check(data.hashMatches, t('audit.hashMatches'), t('audit.hashMismatch'), t('audit.hashUnchecked'))}
          <br />
          {check(data.linkMatches, t('audit.linkMatches'), t('audit.linkMismatch'), t('audit.linkNone'))}
        </dd>
      </dl>
    </div>
  );
}

function ChainNode({ label, record, onOpen }: { label: string; record: AuditRecord | null; onOpen(seq: number): void }) {
  const { t } = useI18n();
  if (!record) {
    return (
      <div className="chain-node empty-node">
        <div className="chain-label">{label}</div>
        <div className="muted small">{t('audit.noNeighbour')}</div>
      </div>
    );
  }
  return (
    <button type="button" className="chain-node" onClick={() => onOpen(record.seq)} title={record.hash}>
      <div className="chain-label">{label}</div>
      <div className="mono chain-seq">#{record.seq}</div>
      <div className="mono small">{shortHash(record.hash, 10)}</div>
    </button>
  );
}

function RecordFields({ record }: { record: AuditRecord }) {
  const { t, locale } = useI18n();
  const findings = Object.entries(record.findings);
  const row = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value ?? <span className="muted">–</span>}</dd>
    </>
  );
  return (
    <dl className="fields">
      {row(t('audit.kind'), <KindBadge kind={record.kind} />)}
      {row(t('audit.requestId'), record.requestId ? <span className="mono small">{record.requestId}</span> : null)}
      {row(t('audit.app'), record.app ? `${record.app}${record.purpose ? ` · ${record.purpose}` : ''}${record.highImpact ? ` · ${t('audit.highImpact')}` : ''}` : null)}
      {row(t('audit.alias'), record.alias)}
      {row(t('audit.grade'), <GradeBadge grade={record.grade} />)}
      {row(
        t('audit.findings'),
        findings.length === 0 ? (
          <span className="muted">{t('audit.noFindings')}</span>
        ) : (
          <span className="chips">
            {findings.map(([type, count]) => (
              <span key={type} className="chip">
                {t(`finding.${type}` as 'finding.KR_RRN')} ×{count}
              </span>
            ))}
          </span>
        ),
      )}
      {row(t('audit.target'), record.provider ? `${record.provider} / ${record.model ?? ''}` : null)}
      {row(t('audit.countries'), record.operatorCountry ? `${t('audit.operator')} ${record.operatorCountry} · ${t('audit.hosting')} ${record.hostingCountry ?? '–'}` : null)}
      {row(t('audit.mode'), record.mode ? t(`mode.${record.mode}`) : null)}
      {row(t('audit.outcome'), <OutcomeBadge outcome={record.outcome} kind={record.kind} />)}
      {row(t('audit.status'), record.status)}
      {row(t('audit.latency'), record.latencyMs !== null ? formatMs(locale, record.latencyMs) : null)}
      {row(t('audit.tokens'), record.tokens ? `${formatNumber(locale, record.tokens.total)} (${formatNumber(locale, record.tokens.prompt)} + ${formatNumber(locale, record.tokens.completion)})` : null)}
      {row(t('audit.energy'), record.energyWh !== null ? `${formatNumber(locale, record.energyWh, 3)} Wh · ${formatNumber(locale, record.co2g ?? 0, 3)} g CO₂` : null)}
      {record.decision &&
        row(
          t('audit.decision'),
          <div className="decision-summary">
            {record.decision.permitted.length > 0 && (
              <div>
                <span className="yes-good">{t('audit.permitted')}:</span> {record.decision.permitted.join(', ')}
              </div>
            )}
            {record.decision.denied.length > 0 && (
              <div>
                <span className="yes-bad">{t('audit.denied')}:</span> {record.decision.denied.join(', ')}
              </div>
            )}
            {record.decision.rules.length > 0 && (
              <div className="rules">
                {record.decision.rules.map((rule) => (
                  <code key={rule}>{rule}</code>
                ))}
              </div>
            )}
          </div>,
        )}
      {record.detail && row(t('audit.detail'), <JsonView value={record.detail} maxHeight={160} />)}
    </dl>
  );
}
