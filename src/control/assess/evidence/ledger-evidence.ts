import type { Config } from '../../../config/index.js';
import type { ContinuityResult } from '../../drill/index.js';
import type { SovereigntyIndicators } from '../../indicators/index.js';
import { answerTo } from '../answer.js';
import { sealAtLeast, type Seal } from '../method/seal.js';
import { standing } from '../derive/jurisdiction-levels.js';
import type { Answer, Contradiction } from '../model.js';
import type { EvidenceContext, ObservedEvidence } from './observed-evidence.js';

/**
 * The gateway's observations as answers and contradictions (docs/assess.md, "Observed evidence"):
 * the ledger's sovereignty indicators over the window feed SOV-3 and SOV-5, the latest saved drill
 * continuity scores feed SOV-4. Pure: the caller computes the indicators (src/control/indicators) and
 * loads the continuity results (src/control/drill).
 */

const SHARE_THRESHOLDS = [0.95, 0.75, 0.5, 0.25] as const;
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function answer(id: string, value: number, seal: Seal, source: string, basis: string, evidence: string[], action: string, components: string[] = []): Answer {
  return answerTo(id, { value, seal, source, basis, evidence, components, action });
}

/** HHI level: < 1,500 → 4, ≤ 2,500 → 3, ≤ 5,000 → 2, < 10,000 → 1, a single supplier → 0 (DOJ/FTC 2010 bands, then halves). */
function hhiLevel(hhi: number): Seal {
  if (hhi < 1500) return 4;
  if (hhi <= 2500) return 3;
  if (hhi <= 5000) return 2;
  return hhi < 9999.5 ? 1 : 0;
}

export function ledgerEvidence(indicators: SovereigntyIndicators, continuity: readonly ContinuityResult[], config: Config, context: EvidenceContext): ObservedEvidence {
  const window = `${indicators.window.from ?? '…'} – ${indicators.window.to ?? 'now'}, ${indicators.records.toLocaleString('en-US')} records`;
  const at = (figure: string, detail: string) => `ledger ${figure} = ${detail} (${window})`;
  const answers: Answer[] = [];
  const contradictions: Contradiction[] = [];
  const unverified: string[] = [];
  const operatorCountry = new Map(config.providers.map((provider) => [provider.id, provider.sovereignty.operatorCountry]));

  const sensitive = indicators.sensitiveInCountry.all;
  if (sensitive.share !== null) {
    const all = sensitive.share === 1;
    answers.push(
      answer('SOV-3.O1', sensitive.share * 100, all ? 4 : 0, 'ledger', 'share of S and C sends whose target was operated and hosted at home: 4 when all were, 0 when any was not (home law was broken)', [at('sensitiveInCountry.all', `${sensitive.count}/${sensitive.of}`)], 'stop every S and C route outside the home jurisdiction (policy, config)', indicators.sensitiveInCountry.violations.map((violation) => violation.provider ?? '?')),
    );
  }
  const domestic = indicators.domestic.requests;
  if (domestic.share !== null) {
    answers.push(answer('SOV-3.O2', domestic.share * 100, sealAtLeast(domestic.share, SHARE_THRESHOLDS), 'ledger', 'served requests hosted at home: 4 ≥ 95 %, 3 ≥ 75 %, 2 ≥ 50 %, 1 ≥ 25 %, else 0', [at('domestic.requests', `${domestic.count}/${domestic.of}`)], 'route more traffic to targets hosted at home'));
  }
  const open = indicators.models.openWeights.requests;
  if (open.share !== null) {
    answers.push(answer('SOV-3.O3', open.share * 100, sealAtLeast(open.share, SHARE_THRESHOLDS), 'ledger', 'served requests answered by open-weight models: 4 ≥ 95 %, 3 ≥ 75 %, 2 ≥ 50 %, 1 ≥ 25 %, else 0', [at('models.openWeights.requests', `${open.count}/${open.of}`)], 'serve more of the traffic with open-weight models held at home'));
  }
  const scored = continuity.filter((result) => result.score !== null);
  if (scored.length > 0) {
    const weakest = scored.reduce((low, result) => (result.score! < low.score! ? result : low));
    answers.push(
      answer(
        'SOV-4.O1',
        weakest.score! * 100,
        sealAtLeast(weakest.score!, [0.95, 0.8, 0.5, 0.2]),
        'drills',
        'continuity score of the weakest saved drill scenario: 4 ≥ 95 %, 3 ≥ 80 %, 2 ≥ 50 %, 1 ≥ 20 %, else 0',
        scored.map((result) => `drill ${result.scenario}: continuity ${percent(result.score!)} (${result.served}/${result.requests} requests, ran ${result.ranAt})`),
        `add permitted fallback targets so that scenario "${weakest.scenario}" keeps serving`,
        [weakest.scenario],
      ),
    );
  }
  const byOperator = indicators.concentration.byOperator;
  const hhi = byOperator.hhi ?? byOperator.hhiByRequests;
  if (hhi !== null) {
    const top = byOperator.top;
    const topAtHome = top !== null && operatorCountry.get(top) === context.bloc.home;
    const level = topAtHome ? (Math.max(2, hhiLevel(hhi)) as Seal) : hhiLevel(hhi);
    answers.push(
      answer('SOV-5.O1', 100 * (1 - hhi / 10_000), level, 'ledger', `HHI of served traffic by operator (${byOperator.hhi !== null ? 'tokens' : 'requests'}): 4 < 1,500, 3 ≤ 2,500, 2 ≤ 5,000, 1 below 10,000, 0 a single operator; at least 2 when the largest operator is seated at home`, [at(`concentration.byOperator.${byOperator.hhi !== null ? 'hhi' : 'hhiByRequests'}`, `${Math.round(hhi)} (largest: ${top ?? '—'})`)], 'spread served traffic over more permitted operators', top === null ? [] : [top]),
    );
  }
  const foreign = indicators.foreignLawExposure.requests;
  if (foreign.share !== null) {
    const level: Seal = foreign.share === 0 ? 4 : foreign.share <= 0.05 ? 3 : foreign.share <= 0.2 ? 2 : foreign.share <= 0.5 ? 1 : 0;
    answers.push(
      answer('SOV-5.O2', 100 * (1 - foreign.share), level, 'ledger', 'served requests from operators seated abroad: 4 none, 3 ≤ 5 %, 2 ≤ 20 %, 1 ≤ 50 %, else 0', [at('foreignLawExposure.requests', `${foreign.count}/${foreign.of}`), `ledger concentration.byJurisdiction.hhi = ${indicators.concentration.byJurisdiction.hhi === null ? 'n/a' : Math.round(indicators.concentration.byJurisdiction.hhi)}`], 'move foreign-operated traffic to home-seated operators', Object.keys(indicators.foreignLawExposure.byOperatorCountry)),
    );
  }

  // Claims the ledger can check.
  const claims = context.claims;
  const check = (claim: string, declared: unknown, observed: number | null, broken: (share: number) => boolean, message: (share: number) => string) => {
    if (declared === undefined) return;
    if (observed === null) {
      unverified.push(`claims.${claim}: no traffic in the window to check it against`);
      return;
    }
    if (broken(observed)) contradictions.push({ claim: `claims.${claim}`, declared, observed, source: `ledger (${window})`, message: message(observed) });
  };
  check('sensitiveDataInCountry', claims.sensitiveDataInCountry === true ? true : undefined, sensitive.share, (share) => share < 1, (share) => `the inventory claims all S and C data stays in ${context.bloc.home}; the ledger shows ${sensitive.of - sensitive.count} of ${sensitive.of} S/C sends (${percent(1 - share)}) to targets operated or hosted elsewhere`);
  check('domesticShareAtLeast', claims.domesticShareAtLeast, domestic.share, (share) => share < claims.domesticShareAtLeast!, (share) => `the inventory claims at least ${percent(claims.domesticShareAtLeast!)} of served requests hosted at home; the ledger shows ${percent(share)}`);
  check('openWeightShareAtLeast', claims.openWeightShareAtLeast, open.share, (share) => share < claims.openWeightShareAtLeast!, (share) => `the inventory claims at least ${percent(claims.openWeightShareAtLeast!)} of served requests by open-weight models; the ledger shows ${percent(share)}`);
  check('foreignOperatorShareAtMost', claims.foreignOperatorShareAtMost, foreign.share, (share) => share > claims.foreignOperatorShareAtMost!, (share) => `the inventory claims at most ${percent(claims.foreignOperatorShareAtMost!)} of served requests from operators seated abroad; the ledger shows ${percent(share)}`);

  // Traffic to operator countries that no declared cloud or model component names.
  const declaredCountries = new Set(context.components.filter((component) => component.source !== 'config' && (component.layer === 'cloud' || component.layer === 'models')).map((component) => component.supplierCountry));
  for (const [country, traffic] of Object.entries(indicators.foreignLawExposure.byOperatorCountry)) {
    if (standing(country, context.bloc) === 'home' || declaredCountries.has(country)) continue;
    contradictions.push({
      claim: 'cloud, models',
      declared: [...declaredCountries].sort(),
      observed: { operatorCountry: country, requests: traffic.requests, tokens: traffic.tokens },
      source: `ledger (${window})`,
      message: `the inventory's cloud and model layers name no supplier seated in ${country}, but the ledger shows ${traffic.requests} served requests to operators seated there`,
    });
  }

  return {
    summary: {
      source: 'ledger',
      window: indicators.window,
      records: indicators.records,
      details: {
        requests: indicators.requests,
        tokens: indicators.tokens,
        domestic: indicators.domestic,
        sensitiveInCountry: { all: indicators.sensitiveInCountry.all, S: indicators.sensitiveInCountry.S, C: indicators.sensitiveInCountry.C },
        foreignLawExposure: indicators.foreignLawExposure,
        concentration: { byOperator: { hhi: byOperator.hhi, hhiByRequests: byOperator.hhiByRequests, top: byOperator.top }, byJurisdiction: { hhi: indicators.concentration.byJurisdiction.hhi, hhiByRequests: indicators.concentration.byJurisdiction.hhiByRequests, top: indicators.concentration.byJurisdiction.top } },
        openWeights: indicators.models.openWeights,
        continuity: continuity.map((result) => ({ scenario: result.scenario, score: result.score, requests: result.requests, served: result.served, ranAt: result.ranAt })),
        unverifiedClaims: unverified,
      },
    },
    answers,
    contradictions,
  };
}
