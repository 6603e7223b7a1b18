import { useState } from 'react';
import { request } from '../api/client.js';
import type { Deployment, ProviderView, ProvidersResponse } from '../api/types.js';
import { CircuitBadge, CountryBadge, TierBadge } from '../components/badges.js';
import { Card, Empty, ErrorBanner, PageHeader } from '../components/card.js';
import { useI18n } from '../i18n/i18n.js';
import { formatMs, formatNumber, formatTime } from '../lib/format.js';
import { describeScope } from '../lib/scope.js';
import { usePoll } from '../lib/use-poll.js';
import { CutDialog, type CutRequest } from './cut-dialog.js';

const TIERS: Deployment[] = ['on-premises', 'national-network', 'domestic-cloud', 'foreign-cloud'];

export function ProvidersPage() {
  const { t, locale } = useI18n();
  const polled = usePoll((signal) => request<ProvidersResponse>('/api/providers', { signal }), 3000);
  const [pending, setPending] = useState<CutRequest | null>(null);
  const data = polled.data;

  const impactOf = (scope: CutRequest['scope']): { lost: string[]; unserved: string[] } => {
    if (!data) return { lost: [], unserved: [] };
    const matches = (provider: ProviderView) =>
      'provider' in scope ? provider.id === scope.provider : 'jurisdiction' in scope ? provider.sovereignty.operatorCountry === scope.jurisdiction || provider.sovereignty.hostingCountry === scope.jurisdiction : provider.sovereignty.deployment === scope.deployment;
    const byAlias = new Map<string, { remaining: number; lost: number }>();
    for (const provider of data.providers) {
      for (const { alias } of provider.aliases) {
        const entry = byAlias.get(alias) ?? { remaining: 0, lost: 0 };
        if (matches(provider)) entry.lost += 1;
        else if (!provider.cut) entry.remaining += 1;
        byAlias.set(alias, entry);
      }
    }
    const lost = [...byAlias].filter(([, entry]) => entry.lost > 0).map(([alias]) => alias);
    return { lost, unserved: lost.filter((alias) => byAlias.get(alias)!.remaining === 0) };
  };

  return (
    <>
      <PageHeader
        title={t('providers.title')}
        subtitle={t('providers.subtitle')}
        actions={
          polled.updatedAt && (
            <span className="live">
              <span className="live-dot" />
              {t('common.updatedAt', { time: formatTime(locale, polled.updatedAt) })}
            </span>
          )
        }
      />
      <ErrorBanner error={polled.error} />
      {data && !data.adminEnabled && <div className="banner warn">{t('providers.adminDisabled')}</div>}
      {data && data.cuts.length > 0 && (
        <Card title={t('providers.cutsInForce')} className="cuts-card" testId="cuts-in-force">
          <ul className="cut-list">
            {data.cuts.map((cut) => (
              <li key={cut.description}>
                <span className="badge status bad">{t('providers.cut')}</span>
                <span>{describeScope(t, cut.scope)}</span>
                <button type="button" className="button small" disabled={!data.adminEnabled} onClick={() => setPending({ action: 'restore', scope: cut.scope, label: describeScope(t, cut.scope) })} data-testid={`restore-scope-${cut.description.replace(/\s+/g, '-')}`}>
                  {t('providers.restore')}
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {data && data.providers.length === 0 && <Empty>{t('providers.none')}</Empty>}
      {data && data.providers.length > 0 && (
        <Card>
          <div className="table-scroll">
            <table className="table providers" data-testid="providers-table">
              <thead>
                <tr>
                  <th>{t('providers.provider')}</th>
                  <th>{t('providers.tier')}</th>
                  <th>{t('providers.countries')}</th>
                  <th>{t('providers.profile')}</th>
                  <th>{t('providers.aliases')}</th>
                  <th>{t('providers.health')}</th>
                  <th className="num">{t('providers.latency')}</th>
                  <th className="num">{t('providers.callsMinute')}</th>
                  <th>{t('providers.state')}</th>
                </tr>
              </thead>
              <tbody>
                {data.providers.map((provider) => (
                  <tr key={provider.id} data-testid={`provider-${provider.id}`} className={provider.cut ? 'cut-row' : ''}>
                    <td>
                      <strong>{provider.id}</strong>
                      <div className="muted small">{provider.type}</div>
                    </td>
                    <td>
                      <TierBadge tier={provider.sovereignty.deployment} />
                    </td>
                    <td className="nowrap">
                      <div className="small">
                        {t('providers.operator')} <CountryBadge country={provider.sovereignty.operatorCountry} home={data.home} />
                      </div>
                      <div className="small">
                        {t('providers.hosting')} <CountryBadge country={provider.sovereignty.hostingCountry} home={data.home} />
                      </div>
                    </td>
                    <td>
                      <ProfileChips provider={provider} home={data.home} />
                    </td>
                    <td className="small">
                      {provider.aliases.map((entry) => (
                        <div key={entry.alias}>
                          <strong>{entry.alias}</strong> <span className="muted">{entry.model}</span>
                        </div>
                      ))}
                    </td>
                    <td>
                      <CircuitBadge state={provider.circuit.state} />
                      {provider.circuit.consecutiveFailures > 0 && <div className="muted small">{t('providers.failures', { count: provider.circuit.consecutiveFailures })}</div>}
                    </td>
                    <td className="num small nowrap">
                      <div>p50 {formatMs(locale, provider.traffic.latencyP50Ms)}</div>
                      <div className="muted">p95 {formatMs(locale, provider.traffic.latencyP95Ms)}</div>
                    </td>
                    <td className="num">
                      {formatNumber(locale, provider.traffic.calls)}
                      {provider.traffic.errors > 0 && <div className="yes-bad small">{t('providers.errors', { count: provider.traffic.errors })}</div>}
                    </td>
                    <td className="nowrap">
                      {provider.cut ? (
                        <>
                          <span className="badge status bad" data-testid={`provider-${provider.id}-state`}>
                            {t('providers.cut')}
                          </span>
                          {provider.cutBy.some((scope) => 'provider' in scope && scope.provider === provider.id) ? (
                            <button type="button" className="button small" disabled={!data.adminEnabled} onClick={() => setPending({ action: 'restore', scope: { provider: provider.id }, label: provider.id })} data-testid={`restore-${provider.id}`}>
                              {t('providers.restore')}
                            </button>
                          ) : (
                            <div className="muted small">{provider.cutBy.map((scope) => describeScope(t, scope)).join(', ')}</div>
                          )}
                        </>
                      ) : (
                        <>
                          <span className="badge status ok" data-testid={`provider-${provider.id}-state`}>
                            {t('providers.inService')}
                          </span>
                          <button type="button" className="button danger small" disabled={!data.adminEnabled} onClick={() => setPending({ action: 'cut', scope: { provider: provider.id }, label: provider.id })} data-testid={`cut-${provider.id}`}>
                            {t('providers.cutAction')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {data && data.providers.length > 0 && <ScopeCut providers={data.providers} disabled={!data.adminEnabled} onCut={(scope, label) => setPending({ action: 'cut', scope, label })} />}
      {pending && (
        <CutDialog
          request={pending}
          impact={pending.action === 'cut' ? impactOf(pending.scope) : null}
          onClose={() => setPending(null)}
          onDone={() => {
            setPending(null);
            polled.refresh();
          }}
        />
      )}
    </>
  );
}

function ProfileChips({ provider, home }: { provider: ProviderView; home: string }) {
  const { t } = useI18n();
  const profile = provider.sovereignty;
  const chips: { text: string; tone: 'ok' | 'warn' | 'neutral' }[] = [];
  if (profile.weightsOrigin) chips.push({ text: t('providers.weights', { origin: profile.weightsOrigin }), tone: profile.weightsOrigin === home ? 'ok' : 'neutral' });
  chips.push({ text: profile.openWeights ? t('providers.openWeights') : t('providers.closedWeights'), tone: profile.openWeights ? 'ok' : 'neutral' });
  if (profile.retainsData) chips.push({ text: t('providers.retains'), tone: 'warn' });
  if (profile.trainsOnData) chips.push({ text: t('providers.trains'), tone: 'warn' });
  for (const certification of profile.certifications) chips.push({ text: certification, tone: 'ok' });
  if (profile.accreditedGrades.length > 0) chips.push({ text: t('providers.accredited', { grades: profile.accreditedGrades.join(', ') }), tone: 'ok' });
  return (
    <span className="chips">
      {chips.map((chip) => (
        <span key={chip.text} className={`chip tone-${chip.tone}`}>
          {chip.text}
        </span>
      ))}
    </span>
  );
}

/** Cut a whole jurisdiction or deployment tier (the drills' scenarios, live). */
function ScopeCut({ providers, disabled, onCut }: { providers: ProviderView[]; disabled: boolean; onCut(scope: CutRequest['scope'], label: string): void }) {
  const { t } = useI18n();
  const countries = [...new Set(providers.flatMap((provider) => [provider.sovereignty.operatorCountry, provider.sovereignty.hostingCountry]))].sort();
  const [kind, setKind] = useState<'jurisdiction' | 'deployment'>('jurisdiction');
  const [value, setValue] = useState('');
  const options = kind === 'jurisdiction' ? countries : TIERS;
  const chosen = options.includes(value as never) ? value : (options[0] ?? '');
  return (
    <Card title={t('providers.scopeCut')} subtitle={t('providers.scopeCutHint')}>
      <div className="scope-cut">
        <select value={kind} onChange={(event) => setKind(event.target.value as 'jurisdiction' | 'deployment')}>
          <option value="jurisdiction">{t('providers.byJurisdiction')}</option>
          <option value="deployment">{t('providers.byTier')}</option>
        </select>
        <select value={chosen} onChange={(event) => setValue(event.target.value)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {kind === 'deployment' ? t(`tier.${option as Deployment}`) : option}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button danger"
          disabled={disabled || !chosen}
          onClick={() => onCut(kind === 'jurisdiction' ? { jurisdiction: chosen } : { deployment: chosen as Deployment }, kind === 'jurisdiction' ? chosen : t(`tier.${chosen as Deployment}`))}
        >
          {t('providers.cutAction')}
        </button>
      </div>
    </Card>
  );
}
