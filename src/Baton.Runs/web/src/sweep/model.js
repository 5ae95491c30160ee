// The sweep document (Baton.Research's SweepFolderReader: {kind, manifest, trials, robustness, walkforward}) made
// easy to draw: trials ranked as the CLI ranks them, looked up by their parameter values, the best point.

const SEP = '\u0001';

/** The trials' rows with their parameter values by name, ranked: scored by score (higher first), then unscored,
 *  then failed; ties by trial id (as Baton.Research's Objective.Rank). */
export function model(doc) {
  const trials = doc.trials ?? { parameters: [], metrics: [], rows: [] };
  const names = trials.parameters.length ? trials.parameters : (doc.manifest?.parameters ?? []).map((p) => p.name);
  const axes = (doc.manifest?.parameters ?? []).map((p) => ({ name: p.name, values: p.values.map(String) }));
  const rows = trials.rows.map((r) => ({ ...r, params: Object.fromEntries(names.map((n, i) => [n, r.values[i]])) }));
  const ranked = [...rows].sort(compare);
  ranked.forEach((r, i) => { r.rank = i + 1; });
  const byKey = new Map(rows.map((r) => [r.values.join(SEP), r]));
  return {
    objective: doc.manifest?.objective ?? doc.robustness?.objective ?? 'score',
    names,
    axes,
    metrics: trials.metrics,
    rows,
    ranked,
    best: ranked.find((r) => r.status === 'ok' && isNum(r.score)) ?? null,
    lookup: (params) => byKey.get(names.map((n) => params[n]).join(SEP)) ?? null,
  };
}

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

function compare(a, b) {
  const fa = a.status === 'ok' ? 0 : 1;
  const fb = b.status === 'ok' ? 0 : 1;
  if (fa !== fb) return fa - fb;
  const sa = isNum(a.score) ? 0 : 1;
  const sb = isNum(b.score) ? 0 : 1;
  if (sa !== sb) return sa - sb;
  if (sa === 0 && a.score !== b.score) return b.score - a.score;
  return a.trial - b.trial;
}

/** A metric of a row by its column name (e.g. "sharpe", "trades.win_rate"). */
export function metric(m, row, name) {
  const i = m.metrics.indexOf(name);
  return i < 0 ? null : row.metrics[i];
}

/** The objective along one parameter with the others at the best point: [{value, score, row}]. */
export function along(m, name) {
  const axis = m.axes.find((a) => a.name === name);
  if (!axis || !m.best) return [];
  return axis.values.map((value) => {
    const row = m.lookup({ ...m.best.params, [name]: value });
    return { value, score: row && row.status === 'ok' && isNum(row.score) ? row.score : null, row };
  });
}

/** The grid of the objective over parameters x and y, the others at the best point. */
export function grid(m, x, y) {
  const ax = m.axes.find((a) => a.name === x);
  const ay = m.axes.find((a) => a.name === y);
  if (!ax || !ay || !m.best) return null;
  const cells = ay.values.map((vy) => ax.values.map((vx) => m.lookup({ ...m.best.params, [x]: vx, [y]: vy })));
  const scores = cells.flat().filter((r) => r && r.status === 'ok' && isNum(r.score)).map((r) => r.score);
  return { x: ax, y: ay, cells, min: Math.min(...scores), max: Math.max(...scores) };
}
