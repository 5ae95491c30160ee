// The report's views and helpers, shared with report.html: one implementation of every run view.
export { views, renderHeader, renderEquity } from '../../../Baton.Runs/web/src/report.js';
export { h, section, empty } from '../../../Baton.Runs/web/src/lib/dom.js';
export { makeChart, palette } from '../../../Baton.Runs/web/src/lib/charts.js';
export { money, percent, ratio, time, signClass } from '../../../Baton.Runs/web/src/lib/format.js';
export { keyValueTable } from '../../../Baton.Runs/web/src/lib/table.js';
// The sweep views, shared with a sweep's report.html.
export { renderSweep, renderSweepHeader, sweepViews, model as sweepModel } from '../../../Baton.Runs/web/src/sweep/index.js';
