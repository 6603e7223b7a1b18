import type { Assessment } from '../model.js';
import type { Comparison } from '../compare.js';
import { SEAL_NAMES } from '../method/seal.js';
import { fixed, hhiText, shareText, textTable } from './text-table.js';

const signed = (value: number, digits = 1) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}`;

/** The terminal summary of an assessment (`--format table`). */
export function renderAssessmentTable(assessment: Assessment, options: { improvements?: number } = {}): string {
  const { overall, method, estate } = assessment;
  const out: string[] = [];
  out.push(`Sovereignty assessment — ${estate.name}`);
  out.push(`home ${method.home}${method.allies.length > 0 ? `, allies ${method.allies.join(' ')}` : ''} · weights ${method.weights} · ${estate.components} components · ${method.framework}`);
  out.push('');
  out.push(`Overall: SEAL-${overall.seal} (${SEAL_NAMES[overall.seal].en}) · score ${fixed(overall.score)} / 100 · gate ${assessment.gate.passed ? 'passed' : `FAILED (${assessment.gate.failures.map((failure) => `${failure.objective} SEAL-${failure.seal} < ${failure.required}`).join(', ')})`}`);
  out.push('');
  out.push(
    textTable(
      ['objective', 'name', 'weight', 'score', 'SEAL', 'min', 'answers'],
      assessment.objectives.map((objective) => [objective.id, `${objective.name} (${objective.nameKo})`, `${fixed(objective.weight * 100, 0)}%`, fixed(objective.score), String(objective.seal), objective.minimumSeal > 0 ? `${objective.minimumSeal}${objective.passesGate ? '' : ' ✗'}` : '—', String(objective.answers.length)]),
      [2, 3, 4, 6],
    ),
  );
  out.push('');
  out.push('Answers (value · SEAL · source)');
  out.push(
    textTable(
      ['criterion', 'value', 'SEAL', 'source', 'limited by'],
      assessment.objectives.flatMap((objective) => objective.answers.map((answer) => [answer.criterion, fixed(answer.value), String(answer.seal), answer.source, answer.components.slice(0, 3).join(', ') + (answer.components.length > 3 ? ` +${answer.components.length - 3}` : '')])),
      [1, 2],
    ),
  );
  out.push('');
  out.push('Layers (HHI = Σ (100·share)²; > 2,500 highly concentrated)');
  out.push(
    textTable(
      ['layer', 'components', 'basis', 'HHI supplier', 'HHI country', 'largest supplier', 'foreign-law', 'SPOF'],
      assessment.layers
        .filter((layer) => layer.components > 0)
        .map((layer) => [layer.layer, String(layer.components), layer.shareBasis, hhiText(layer.hhiBySupplier), hhiText(layer.hhiByCountry), layer.suppliers[0] ? `${layer.suppliers[0].key} ${shareText(layer.suppliers[0].share)}` : '—', shareText(layer.foreignLawExposure.share), String(layer.singlePointsOfFailure.length)]),
      [1, 3, 4, 6, 7],
    ),
  );
  const spofs = assessment.layers.flatMap((layer) => layer.singlePointsOfFailure.map((spof) => `  ${layer.layer}: ${spof.message}`));
  if (spofs.length > 0) out.push('', 'Single points of failure', ...spofs);
  if (assessment.bottlenecks.length > 0) {
    out.push('', `Holding the overall SEAL at ${assessment.overall.seal} (component: answers it holds there, alone in brackets)`);
    for (const entry of assessment.bottlenecks.slice(0, 8)) out.push(`  ${entry.component} (${entry.layer}, ${entry.supplier}, ${entry.supplierCountry}): ${entry.holdsDown.join(' ')}${entry.alone.length > 0 ? ` [${entry.alone.join(' ')}]` : ''}`);
  }
  const limit = options.improvements ?? 10;
  out.push('', `What would raise the level (top ${Math.min(limit, assessment.improvements.length)} of ${assessment.improvements.length})`);
  out.push(
    textTable(
      ['#', 'criterion', 'now', 'blocks SEAL', 'SEAL if raised', '+score', 'action'],
      assessment.improvements.slice(0, limit).map((item) => [String(item.rank), item.criterion, `${fixed(item.current.value, 0)}/S${item.current.seal}`, item.blocksOverallSeal ? 'yes' : '', String(item.overallSealIfRaised), fixed(item.scoreGain, 2), item.action]),
      [0, 5],
    ),
  );
  if (assessment.evidence !== null) {
    const window = assessment.evidence.window;
    out.push('', `Evidence: ${assessment.evidence.records?.toLocaleString('en-US') ?? 0} ledger records, window ${window?.from ?? '…'} – ${window?.to ?? 'now'} (first ${window?.firstRecord ?? '—'}, last ${window?.lastRecord ?? '—'})`);
  }
  if (assessment.evidence !== null || assessment.contradictions.length > 0) {
    out.push('', assessment.contradictions.length === 0 ? 'Contradictions: none' : `Contradictions (${assessment.contradictions.length})`);
    for (const contradiction of assessment.contradictions) out.push(`  ${contradiction.claim}: ${contradiction.message}`);
  }
  if (assessment.credentials.length > 0) {
    out.push('', `Gaia-X credentials: ${assessment.credentials.length} read, signatures not verified`);
    for (const credential of assessment.credentials) out.push(`  ${credential.file} ${credential.types.join(', ')}: ${credential.mapped.join('; ') || 'nothing mapped'}${credential.warnings.length > 0 ? ` (${credential.warnings.join('; ')})` : ''}`);
  }
  out.push('', 'Every answer with its evidence: --format json or --format html. Method: docs/assess.md.');
  return `${out.join('\n')}\n`;
}

/** The terminal summary of `jaju assess compare`. */
export function renderComparisonTable(comparison: Comparison): string {
  const out: string[] = [];
  const [a, b] = [comparison.a, comparison.b];
  out.push(`Compare: A ${a.estate.name} (${a.estate.inventory ?? ''})`);
  out.push(`         B ${b.estate.name} (${b.estate.inventory ?? ''})`);
  out.push('');
  out.push(`Overall: SEAL ${a.overall.seal} → ${b.overall.seal} (${signed(comparison.overall.delta.seal, 0)}) · score ${fixed(a.overall.score)} → ${fixed(b.overall.score)} (${signed(comparison.overall.delta.score)})`);
  out.push('');
  out.push(
    textTable(
      ['objective', 'weight', 'score A', 'score B', 'Δ score', 'SEAL A', 'SEAL B', 'Δ SEAL'],
      comparison.objectives.map((row) => [row.id, `${fixed(row.weight * 100, 0)}%`, fixed(row.a.score), fixed(row.b.score), signed(row.delta.score), String(row.a.seal), String(row.b.seal), signed(row.delta.seal, 0)]),
      [1, 2, 3, 4, 5, 6, 7],
    ),
  );
  out.push('');
  out.push(
    textTable(
      ['layer', 'HHI supplier A', 'B', 'HHI country A', 'B', 'SPOF A', 'B'],
      comparison.layers.map((row) => [row.layer, hhiText(row.a.hhiBySupplier), hhiText(row.b.hhiBySupplier), hhiText(row.a.hhiByCountry), hhiText(row.b.hhiByCountry), String(row.a.singlePointsOfFailure), String(row.b.singlePointsOfFailure)]),
      [1, 2, 3, 4, 5, 6],
    ),
  );
  if (comparison.answers.length > 0) {
    out.push('', 'Answers that change');
    out.push(
      textTable(
        ['criterion', 'A', 'B', 'Δ value', 'Δ SEAL'],
        comparison.answers.map((row) => [row.criterion, row.a === null ? '—' : `${fixed(row.a.value)}/S${row.a.seal}`, row.b === null ? '—' : `${fixed(row.b.value)}/S${row.b.seal}`, signed(row.delta.value), signed(row.delta.seal, 0)]),
        [3, 4],
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
