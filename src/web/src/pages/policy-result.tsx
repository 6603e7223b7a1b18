import type { ReactNode } from 'react';
import type { Finding, PolicyPreviewResponse, PreviewMessage } from '../api/types.js';
import { CircuitBadge, CountryBadge, GradeBadge, TierBadge } from '../components/badges.js';
import { Card } from '../components/card.js';
import { JsonView } from '../components/json-view.js';
import { useI18n } from '../i18n/i18n.js';

/** The decision for a previewed request: verdict, every candidate with its rules, findings in the text, and the body that would leave. */
export function PreviewResult({ result, home }: { result: PolicyPreviewResponse; home: string }) {
  const { t } = useI18n();
  const { decision } = result;
  const allowed = decision.decision === 'allow';
  const findings = Object.entries(decision.findings);
  return (
    <div className="preview" data-testid="policy-result">
      <div className={`decision-banner ${allowed ? 'allow' : 'deny'}`} data-testid="policy-decision">
        <div className="decision-verdict">
          <span className="verdict">{allowed ? t('policy.allow') : t('policy.deny')}</span>
          <GradeBadge grade={decision.grade} />
          {allowed && decision.provider && (
            <span className="decision-target">
              → <strong>{decision.provider}</strong> / {decision.model}
            </span>
          )}
          {decision.mode && <span className={`badge mode ${decision.mode}`}>{t(`mode.${decision.mode}`)}</span>}
          {!allowed && result.denialKind && <span className="badge status bad">{result.denialKind === 'unavailable' ? '503' : '403'}</span>}
        </div>
        <p className="decision-reason">{decision.reason}</p>
        <div className="chips">
          {findings.length === 0 ? (
            <span className="muted small">{t('policy.noFindings')}</span>
          ) : (
            findings.map(([type, count]) => (
              <span key={type} className={`chip finding-chip type-${type}`}>
                {t(`finding.${type}` as 'finding.KR_RRN')} ×{count}
              </span>
            ))
          )}
        </div>
      </div>

      <Card title={t('policy.candidates')} subtitle={t('policy.candidatesHint')}>
        <div className="table-scroll">
          <table className="table candidates" data-testid="policy-candidates">
            <thead>
              <tr>
                <th className="num">{t('policy.plan')}</th>
                <th>{t('policy.target')}</th>
                <th>{t('policy.tier')}</th>
                <th>{t('policy.countries')}</th>
                <th>{t('policy.verdict')}</th>
                <th>{t('policy.rules')}</th>
              </tr>
            </thead>
            <tbody>
              {result.candidates.map(({ candidate, deployment, hostingCountry, operatorCountry, cut, circuit, planPosition }) => (
                <tr key={`${candidate.provider}/${candidate.model}`} className={candidate.permitted ? '' : 'denied-row'}>
                  <td className="num mono">{planPosition ?? '–'}</td>
                  <td>
                    <strong>{candidate.provider}</strong>
                    <div className="muted small">{candidate.model}</div>
                  </td>
                  <td>
                    <TierBadge tier={deployment} />
                  </td>
                  <td className="nowrap">
                    <CountryBadge country={operatorCountry} home={home} /> <CountryBadge country={hostingCountry} home={home} />
                  </td>
                  <td>
                    {candidate.permitted ? <span className="yes-good">✓ {t(`mode.${candidate.mode}`)}</span> : <span className="yes-bad">✗ {t('policy.notPermitted')}</span>}
                    {cut && <div className="badge status bad">{t('providers.cut')}</div>}
                    {circuit !== 'closed' && <CircuitBadge state={circuit} />}
                  </td>
                  <td className="rules">
                    {(candidate.permitted ? candidate.policies : candidate.reasons).map((rule) => (
                      <code key={rule}>{rule}</code>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <div className="preview-columns">
        <Card title={t('policy.findingsInText')} subtitle={result.findingsAvailable ? undefined : t('module.detectUnavailable')}>
          {result.messages.map((message) => (
            <HighlightedMessage key={message.index} message={message} />
          ))}
        </Card>
        <Card
          title={t('policy.sentBody')}
          subtitle={result.sentMode === null ? t('policy.nothingLeaves') : result.sentMode === 'pseudonymized' ? t('policy.sentPseudonymized') : t('policy.sentRaw')}
        >
          {result.sentBody === null ? <div className="empty">{t('policy.nothingLeaves')}</div> : <JsonView value={result.sentBody} testId="policy-sent-body" maxHeight={340} />}
        </Card>
      </div>
    </div>
  );
}

function HighlightedMessage({ message }: { message: PreviewMessage }) {
  const { t } = useI18n();
  return (
    <div className="message">
      <div className="message-role">{message.role}</div>
      <p className="message-text" data-testid={`policy-text-${message.index}`}>
        {highlight(message.text, message.findings, (type) => t(`finding.${type}` as 'finding.KR_RRN'))}
      </p>
    </div>
  );
}

/** Splits text at non-overlapping finding spans (longest first when they overlap) into marked pieces. */
export function highlight(text: string, findings: readonly Finding[], label: (type: string) => string): ReactNode[] {
  const spans = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    if (span.start > at) out.push(text.slice(at, span.start));
    out.push(
      <mark key={`${span.start}-${span.end}`} className={`finding type-${span.type}`} title={label(span.type)} data-finding={span.type}>
        {text.slice(span.start, span.end)}
        <span className="finding-label">{label(span.type)}</span>
      </mark>,
    );
    at = span.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
