// Entry of the sweep report's bundle: exposes the sweep views as the global `BatonSweep` and, in a sweep's
// report.html, renders the folder inlined in <script id="baton-sweep" type="application/json">.
import { renderSweep } from './sweep/index.js';
import { mountWhenReady } from './mount.js';

export * from './sweep/index.js';

mountWhenReady('baton-sweep', renderSweep);
