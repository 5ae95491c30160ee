// Bundles the report's views and their charting library into dist/report.js (one classic script exposing
// `BatonReport`) and the styles into dist/report.css. Baton.Runs embeds both; run by `dotnet build`.
import { build } from 'esbuild';

const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning', target: ['es2020'] };

await build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: 'dist/report.js',
  format: 'iife',
  globalName: 'BatonReport',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
});
// the sweep report's views (sweep/): one classic script exposing `BatonSweep`
await build({
  ...common,
  entryPoints: ['src/sweep-main.js'],
  outfile: 'dist/sweep.js',
  format: 'iife',
  globalName: 'BatonSweep',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
});
await build({ ...common, entryPoints: ['src/report.css'], outfile: 'dist/report.css' });
