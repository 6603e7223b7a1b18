import type { SovereigntyIndicators } from './types.js';

/** A scenario name as a metric-name fragment (Prometheus names allow [a-zA-Z0-9_:]). */
function metricFragment(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The indicators as flat numbers for Prometheus gauges (GatewayMetrics.setIndicators). Shares are
 * 0–1, HHIs 0–10,000. A figure that is undefined for the window (no traffic, no tokens) is left out
 * rather than reported as 0, so that a dashboard shows "no data" instead of a false 0 %.
 * Continuity scores appear as `continuity_score_<scenario>` (the name with other characters as `_`).
 */
export function indicatorGauges(indicators: SovereigntyIndicators): Record<string, number> {
  const values: Record<string, number | null> = {
    requests_total: indicators.requests.total,
    requests_served: indicators.requests.served,
    requests_denied: indicators.requests.denied,
    tokens_served: indicators.tokens,
    domestic_request_share: indicators.domestic.requests.share,
    domestic_token_share: indicators.domestic.tokens.share,
    sensitive_in_country_share: indicators.sensitiveInCountry.all.share,
    sensitive_outside_home_sends: indicators.sensitiveInCountry.all.of - indicators.sensitiveInCountry.all.count,
    foreign_law_request_share: indicators.foreignLawExposure.requests.share,
    foreign_law_token_share: indicators.foreignLawExposure.tokens.share,
    operator_hhi: indicators.concentration.byOperator.hhi,
    operator_hhi_by_requests: indicators.concentration.byOperator.hhiByRequests,
    jurisdiction_hhi: indicators.concentration.byJurisdiction.hhi,
    jurisdiction_hhi_by_requests: indicators.concentration.byJurisdiction.hhiByRequests,
    open_weights_token_share: indicators.models.openWeights.tokens.share,
    domestic_origin_token_share: indicators.models.domesticOrigin.tokens.share,
    personal_data_raw_items: indicators.personalData.total.raw.items,
    personal_data_pseudonymized_items: indicators.personalData.total.pseudonymized.items,
    personal_data_blocked_items: indicators.personalData.total.blocked.items,
    alarms: indicators.alarms.filter((alarm) => alarm.severity === 'alarm').length,
  };
  for (const result of indicators.continuity) values[`continuity_score_${metricFragment(result.scenario)}`] = result.score;
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) if (value !== null && Number.isFinite(value)) out[name] = value;
  return out;
}
