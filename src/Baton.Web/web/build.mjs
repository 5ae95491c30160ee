// Bundles the dashboard (src/main.js, which imports Baton.Runs' views) into dist/dashboard.js and its styles
// (which import the report's) into dist/dashboard.css. The charting library is the report's own copy
// (../../Baton.Runs/web/node_modules, installed by Baton.Runs' build), so both pages draw with one version.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const reportModules = fileURLToPath(new URL('../../Baton.Runs/web/node_modules', import.meta.url));
const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning', target: ['es2020'], nodePaths: [reportModules] };

await build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: 'dist/dashboard.js',
  format: 'iife',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
});
await build({ ...common, entryPoints: ['src/dashboard.css'], outfile: 'dist/dashboard.css' });
