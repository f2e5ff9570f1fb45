// Bundles the VS Code extension's client into dist/extension.js (the manifest's `main`), and the
// extension test suite into dist/test/suite.js (kept out of the .vsix by .vscodeignore).
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: [path.join(root, 'client/src/extension.ts')],
  outfile: path.join(root, 'dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Provided by VS Code at run time.
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
});

await esbuild.build({
  entryPoints: [path.join(root, 'test/extension/suite.ts')],
  outfile: path.join(root, 'dist/test/suite.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
