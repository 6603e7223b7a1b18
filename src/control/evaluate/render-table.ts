import { displayTable } from './display-table.js';
import type { EvalReport } from './eval-report.js';
import { interval, percent, ratioText } from './format.js';

const MAX_DISAGREEMENTS = 20;

/** The report for a terminal: scores, per-category accuracy, ratios and verdicts, disagreements, refusals. */
export function renderEvalTable(report: EvalReport): string {
  const lines: string[] = [];
  const items = report.suites.reduce((sum, suite) => sum + suite.items, 0);
  const shots = report.settings.shots === 0 ? 'zero-shot' : `${report.settings.shots}-shot`;
  lines.push(`jaju eval — ${items} items (${report.suites.map((suite) => suite.name).join(', ')}), ${shots}, ${report.runs.length} model${report.runs.length === 1 ? '' : 's'}`);
  lines.push('');
  lines.push(
    displayTable(
      ['model', 'items', 'correct', 'wrong', 'unparseable', 'denied', 'failed', 'accuracy', '95% CI'],
      report.runs.map((run) => [run.model, String(run.items), String(run.correct), String(run.wrong), String(run.unparseable), String(run.denied), String(run.failed), percent(run.accuracy), interval(run.ci95)]),
    ),
  );
  const categories = [...new Set(report.runs.flatMap((run) => Object.keys(run.byCategory)))];
  if (categories.length > 1) {
    lines.push('', 'accuracy by category (items scored):');
    lines.push(
      displayTable(
        ['category', ...report.runs.map((run) => run.model)],
        categories.map((category) => [
          category,
          ...report.runs.map((run) => {
            const score = run.byCategory[category];
            return score ? `${percent(score.accuracy)} (${score.items - score.denied - score.failed})` : '—';
          }),
        ]),
        [false, ...report.runs.map(() => true)],
      ),
    );
  }
  if (report.ratios && report.ratios.length > 0) {
    lines.push('', `ratio to the reference ${report.settings.reference} (target ${report.settings.target}; paired bootstrap, ${report.settings.resamples} resamples, seed ${report.settings.seed}):`);
    lines.push(
      displayTable(
        ['model', 'ratio', '95% CI', 'verdict', 'paired items'],
        report.ratios.map((ratio) => [ratio.model, ratioText(ratio.ratio), interval(ratio.ci95, false), ratio.verdict, String(ratio.pairedItems)]),
      ),
    );
  }
  if (report.disagreements.length > 0) {
    const shown = report.disagreements.slice(0, MAX_DISAGREEMENTS);
    lines.push('', `items the models disagree on: ${report.disagreements.length}${shown.length < report.disagreements.length ? ` (first ${shown.length}; all in --format json)` : ''}`);
    lines.push(
      displayTable(
        ['item', 'category', 'answer', ...report.runs.map((run) => run.model)],
        shown.map((row) => [row.key, row.category, row.answer, ...report.runs.map((run) => row.answers[run.model] ?? '—')]),
        [false, false, false, ...report.runs.map(() => false)],
      ),
    );
  }
  for (const run of report.runs) {
    for (const denial of run.denials) lines.push(`${run.model}: ${denial.items} item(s) denied by policy (${denial.code}): ${denial.message}`);
    for (const failure of run.failures) lines.push(`${run.model}: ${failure.items} item(s) failed (${failure.code}): ${failure.message}`);
  }
  lines.push('');
  for (const run of report.runs) {
    const energy = run.energy === null ? '' : `, energy ${run.energy.energyWh.toFixed(3)} Wh / ${run.energy.co2g.toFixed(3)} g CO₂ (${run.energy.known} calls known, ${run.energy.unknown} unknown)`;
    const providers = Object.entries(run.providers).map(([provider, count]) => `${provider} ${count}`).join(', ');
    lines.push(`${run.model}: ${run.calls.fresh} asked, ${run.calls.cached} from cache; tokens ${run.tokens.prompt} in / ${run.tokens.completion} out${energy}${providers ? `; answered by ${providers}` : ''}`);
  }
  return lines.join('\n');
}
