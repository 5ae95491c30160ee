// Entry of the bundle: exposes the views as the global `BatonReport` and, in report.html, renders the run
// inlined in <script id="baton-run" type="application/json">.
import { renderReport } from './report.js';
import { mountWhenReady } from './mount.js';

export * from './report.js';

mountWhenReady('baton-run', renderReport);
