// The sweep views: a sweep's or walk-forward's folder (the JSON document of Baton.Research's SweepFolderReader)
// drawn as the ranked table, the heat map, the sensitivity plot, the Monte Carlo distributions, the deflated Sharpe
// and PBO, and the walk-forward. Used by the sweep's report.html and by the dashboard's research pages.
import { h } from '../lib/dom.js';
import { model } from './model.js';
import { renderRanked } from './ranked.js';
import { renderHeatmap } from './heatmap.js';
import { renderSensitivity } from './sensitivity.js';
import { renderMonteCarlo } from './montecarlo.js';
import { renderOverfitting } from './overfit.js';
import { renderWalkForward } from './walkforward.js';

export { model, renderRanked, renderHeatmap, renderSensitivity, renderMonteCarlo, renderOverfitting, renderWalkForward };

/** The header: strategy, kind, objective, search, the parameters' ranges and the data. */
export function renderSweepHeader(doc) {
  const mf = doc.manifest ?? {};
  const kind = doc.kind === 'walkforward' ? 'Walk-forward' : 'Sweep';
  const search = mf.search ? `${mf.search.kind}${mf.search.trials ? `, ${mf.search.trials} trials` : ''}, seed ${mf.search.seed}` : '–';
  return h('header', { class: 'run-header sweep-header' },
    h('div', { class: 'title-row' }, h('h1', { text: `${kind} of ${mf.strategy ?? 'a strategy'}` })),
    h('p', { class: 'subtitle', text: `objective ${mf.objective ?? '–'} · search ${search}${mf.where ? ` · where ${mf.where}` : ''} · data ${mf.source ?? '–'}`
      + `${mf.from || mf.to ? ` · ${mf.from ?? '…'} to ${mf.to ?? '…'}` : ''}` }),
    h('dl', { class: 'parameters' }, (mf.parameters ?? []).map((p) => h('div', { class: 'parameter' },
      h('dt', { text: p.name }), h('dd', { text: summary(p.values) })))));
}

function summary(values) {
  return values.length <= 6 ? values.join(', ') : `${values.slice(0, 3).join(', ')} … ${values.at(-1)} (${values.length} values)`;
}

/** The views of a document in the order of the report; options go to the ranked table (top, onOpen). */
export function sweepViews(doc, options = {}) {
  const m = model(doc);
  const views = [];
  if (doc.walkforward) views.push(renderWalkForward(doc.walkforward));
  if (doc.trials) views.push(renderRanked(m, options), renderHeatmap(m), renderSensitivity(m, doc.robustness));
  if (doc.robustness || doc.kind === 'sweep') views.push(renderOverfitting(doc.robustness), renderMonteCarlo(doc.robustness));
  return views;
}

/** Renders a whole sweep or walk-forward document into `root`. */
export function renderSweep(root, doc, options = {}) {
  const views = sweepViews(doc, options);
  root.replaceChildren(renderSweepHeader(doc), h('main', { class: 'views' }, views),
    h('footer', { class: 'run-footer', text: `Baton ${doc.manifest?.engine_version ?? ''} · strategy ${doc.manifest?.strategy ?? ''}` }));
  return views;
}
