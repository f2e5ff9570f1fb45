// Bundles the language server and the CLI into dist/. TypeScript stays outside the bundle: its
// compiler finds the standard library (lib.*.d.ts) next to its own file, so it is loaded from a
// package folder (node_modules, or the one ASYNC_GUARD_TYPESCRIPT names); the engine and
// typescript-eslint's parser share that one instance through server/src/typescript-module.cjs.
import * as path from 'node:path';
import { build } from 'esbuild';

const typescriptModule = path.resolve(import.meta.dirname, '../server/src/typescript-module.cjs');

/**
 * Every import of `typescript` (ours and typescript-eslint's, including its tsserverlibrary
 * re-export, which only the unused project service asks for) goes through one loader.
 */
const sharedTypescript = {
  name: 'shared-typescript',
  setup(builder) {
    builder.onResolve({ filter: /^typescript(\/lib\/tsserverlibrary(\.js)?)?$/ }, (args) =>
      args.importer === typescriptModule ? { path: 'typescript', external: true } : { path: typescriptModule },
    );
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['jiti'], // only ESLint's config-file loader needs it, and the server never loads config files
  plugins: [sharedTypescript],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...shared, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...shared, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
