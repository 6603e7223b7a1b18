import type { Concentration } from './concentration.js';
import type { Ratio } from './ratio.js';
import type { SovereigntyIndicators } from './types.js';

function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function ratioText(value: Ratio): string {
  return `${percent(value.share)} (${count(value.count)} of ${count(value.of)})`;
}

function hhiText(value: Concentration): string {
  if (value.hhi === null && value.hhiByRequests === null) return 'n/a (nothing served)';
  const byTokens = value.hhi === null ? 'no tokens recorded' : `${Math.round(value.hhi)} ${value.level}`;
  const top = value.shares
    .slice(0, 3)
    .map((share) => `${share.key} ${percent(share.tokenShare ?? share.requestShare)}`)
    .join(', ');
  return `${byTokens} by tokens; ${Math.round(value.hhiByRequests ?? 0)} by requests — ${top}`;
}

/** The indicators as a terminal report (`jaju indicators` without --json). */
export function renderIndicatorsText(indicators: SovereigntyIndicators): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(32)} ${value}`);
  const { window, requests } = indicators;
  lines.push(`Sovereignty indicators (home ${indicators.home})`);
  lines.push(`  window ${window.from ?? 'beginning'} → ${window.to ?? 'now'}; records ${window.firstRecord ?? '—'} … ${window.lastRecord ?? '—'}`);
  lines.push('');
  row(
    'requests',
    `${count(requests.total)} (served ${count(requests.served)}, denied ${count(requests.denied)} [policy ${count(requests.deniedByPolicy)}, unavailable ${count(requests.deniedUnavailable)}], failed ${count(requests.failed)})`,
  );
  row('tokens served', count(indicators.tokens));
  row('domestic share (requests)', ratioText(indicators.domestic.requests));
  row('domestic share (tokens)', ratioText(indicators.domestic.tokens));
  row('S/C sends in-country', `${ratioText(indicators.sensitiveInCountry.all)}${indicators.sensitiveInCountry.alarm ? '  ALARM' : ''}`);
  row('foreign-law exposure (requests)', ratioText(indicators.foreignLawExposure.requests));
  row('foreign-law exposure (tokens)', ratioText(indicators.foreignLawExposure.tokens));
  row('HHI by operator', hhiText(indicators.concentration.byOperator));
  row('HHI by jurisdiction', hhiText(indicators.concentration.byJurisdiction));
  row('open-weight models (tokens)', ratioText(indicators.models.openWeights.tokens));
  row('domestic-origin models (tokens)', ratioText(indicators.models.domesticOrigin.tokens));
  lines.push('');
  const types = Object.entries(indicators.personalData.byType);
  if (types.length === 0) {
    lines.push('  personal data: none detected in the window');
  } else {
    lines.push(`  ${'personal data (items)'.padEnd(32)} ${'raw'.padStart(9)} ${'pseudonym.'.padStart(10)} ${'blocked'.padStart(9)}`);
    for (const [type, flow] of types) {
      lines.push(`  ${type.padEnd(32)} ${count(flow.raw.items).padStart(9)} ${count(flow.pseudonymized.items).padStart(10)} ${count(flow.blocked.items).padStart(9)}`);
    }
  }
  lines.push('');
  if (indicators.continuity.length === 0) {
    lines.push('  continuity: no saved drill results (run `jaju drill run … --save`)');
  } else {
    lines.push('  continuity (latest drill per scenario)');
    for (const result of indicators.continuity) {
      lines.push(`    ${result.scenario.padEnd(28)} ${percent(result.score).padStart(7)}  ${result.served}/${result.requests} served  (${result.ranAt})`);
    }
  }
  if (indicators.alarms.length > 0) {
    lines.push('');
    for (const alarm of indicators.alarms) lines.push(`  ${alarm.severity.toUpperCase()}: ${alarm.message}`);
  }
  return lines.join('\n');
}
