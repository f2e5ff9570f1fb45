// Bundles the language server and the CLI into dist/. TypeScript stays external: its compiler
// finds the standard library (lib.*.d.ts) next to its own file, so it must be loaded from its
// package folder; typescript-eslint's parser and the engine then share that one instance.
import { build } from 'esbuild';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['typescript', 'jiti'], // jiti: only ESLint's config loader, which the server never uses
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...shared, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...shared, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
