// The report's views and helpers, shared with report.html: one implementation of every run view.
export { views, renderHeader, renderEquity } from '../../../Baton.Report/web/src/report.js';
export { h, section, empty } from '../../../Baton.Report/web/src/lib/dom.js';
export { makeChart, palette } from '../../../Baton.Report/web/src/lib/charts.js';
export { money, percent, ratio, time, signClass } from '../../../Baton.Report/web/src/lib/format.js';
export { keyValueTable } from '../../../Baton.Report/web/src/lib/table.js';
