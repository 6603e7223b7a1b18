import { cards, htmlPage, htmlTable } from '../compute/render/html-page.js';
import { barChart } from '../compute/render/svg-charts.js';
import type { EvalReport } from './eval-report.js';
import { interval, percent, ratioText } from './format.js';
import { intervalChart } from './interval-chart.js';

/**
 * The report as one self-contained HTML page (inline CSS and SVG, no script that runs, no external
 * request — it must open from a USB stick on an air-gapped desk): accuracy with 95 % intervals,
 * accuracy per category, ratios to the reference against the target, disagreements, refusals.
 * Page shell, tables and bar chart are the control plane's shared report parts.
 */
export function renderEvalHtml(report: EvalReport): string {
  const items = report.suites.reduce((sum, suite) => sum + suite.items, 0);
  const shots = report.settings.shots === 0 ? 'zero-shot' : `${report.settings.shots}-shot`;
  const via = report.settings.via.mode === 'url' ? `through ${report.settings.via.url}` : `in-process as app ${report.settings.via.app}`;
  const parts: string[] = [];
  parts.push(
    cards([
      [String(items), 'items'],
      [String(report.runs.length), 'models'],
      ...report.runs.map((run): [string, string] => [percent(run.accuracy), `${run.model} accuracy`]),
      ...(report.ratios ?? []).map((ratio): [string, string] => [ratio.verdict, `${ratio.model} vs ${ratio.reference}`]),
    ]),
  );
  parts.push('<h2>Accuracy (모델별 정확도)</h2>');
  parts.push(`<figure>${intervalChart({ title: 'Accuracy with Wilson 95% interval', rows: report.runs.map((run) => ({ label: run.model, value: run.accuracy, ci: run.ci95 })), min: 0, max: 1, percent: true })}</figure>`);
  parts.push(
    htmlTable(
      ['model', 'items', 'correct', 'wrong', 'unparseable', 'denied', 'failed', 'accuracy', '95% CI', 'asked / cached', 'tokens in / out', 'energy'],
      report.runs.map((run) => [
        run.model,
        run.items,
        run.correct,
        run.wrong,
        run.unparseable,
        run.denied,
        run.failed,
        percent(run.accuracy),
        interval(run.ci95),
        `${run.calls.fresh} / ${run.calls.cached}`,
        `${run.tokens.prompt} / ${run.tokens.completion}`,
        run.energy === null ? 'not known' : `${run.energy.energyWh.toFixed(3)} Wh, ${run.energy.co2g.toFixed(3)} g CO₂ (${run.energy.unknown} unknown)`,
      ]),
    ),
  );
  if (report.ratios && report.ratios.length > 0) {
    const highs = report.ratios.flatMap((ratio) => (ratio.ci95 && Number.isFinite(ratio.ci95[1]) ? [ratio.ci95[1]] : []));
    parts.push(`<h2>Ratio to ${report.settings.reference} (기준 모델 대비)</h2>`);
    parts.push(
      `<figure>${intervalChart({
        title: `Accuracy ratio to ${report.settings.reference}, paired bootstrap 95% interval`,
        rows: report.ratios.map((ratio) => ({ label: ratio.model, value: ratio.ratio, ci: ratio.ci95 })),
        min: 0,
        max: Math.max(1.2, report.settings.target + 0.1, ...highs),
        marker: { value: report.settings.target, label: `target ${report.settings.target}` },
      })}</figure>`,
    );
    parts.push(
      htmlTable(
        ['model', 'ratio', '95% CI', 'verdict', 'paired items'],
        report.ratios.map((ratio) => [ratio.model, ratioText(ratio.ratio), interval(ratio.ci95, false), { html: `<b>${ratio.verdict}</b>` }, ratio.pairedItems]),
      ),
    );
    parts.push(
      `<p class="why">meets: the whole interval is at or above the target; below: the whole interval is under it; undecided: the interval straddles it (more items would decide). ${report.settings.resamples} resamples, seed ${report.settings.seed}.</p>`,
    );
  }
  const categories = [...new Set(report.runs.flatMap((run) => Object.keys(run.byCategory)))];
  if (categories.length > 0) {
    parts.push('<h2>By category (분야별)</h2>');
    parts.push(
      `<figure>${barChart({
        title: 'Accuracy by category (%)',
        categories,
        series: report.runs.map((run) => ({ name: run.model, values: categories.map((category) => Math.round((run.byCategory[category]?.accuracy ?? 0) * 1000) / 10) })),
        unit: '%',
      })}</figure>`,
    );
    parts.push(
      htmlTable(
        ['category', ...report.runs.map((run) => run.model)],
        categories.map((category) => [
          category,
          ...report.runs.map((run) => {
            const score = run.byCategory[category];
            return score ? `${percent(score.accuracy)} of ${score.items - score.denied - score.failed} (${interval(score.ci95)})` : '—';
          }),
        ]),
      ),
    );
  }
  if (report.disagreements.length > 0) {
    parts.push(`<h2>Disagreements (${report.disagreements.length})</h2>`);
    parts.push(htmlTable(['item', 'category', 'answer', ...report.runs.map((run) => run.model)], report.disagreements.map((row) => [row.key, row.category, row.answer, ...report.runs.map((run) => row.answers[run.model] ?? '—')])));
  }
  const refusals = report.runs.flatMap((run) => [
    ...run.denials.map((entry) => [run.model, 'denied', entry.code, entry.items, entry.message] as const),
    ...run.failures.map((entry) => [run.model, 'failed', entry.code, entry.items, entry.message] as const),
  ]);
  if (refusals.length > 0) {
    parts.push('<h2>Denied and failed (not scored)</h2>');
    parts.push(htmlTable(['model', 'outcome', 'code', 'items', 'message'], refusals));
  }
  parts.push('<h2>Suites</h2>');
  parts.push(htmlTable(['suite', 'items', 'categories', 'files'], report.suites.map((suite) => [suite.name, suite.items, suite.categories.join(', '), suite.files.join(', ')])));
  const subtitle = `${items} items, ${shots}, ${via}; ${report.startedAt} – ${report.finishedAt}`;
  return htmlPage('Korean language and culture evaluation (한국어·한국 문화 평가)', subtitle, parts.join('\n'), report, 'method and JSON fields: docs/eval.md');
}
