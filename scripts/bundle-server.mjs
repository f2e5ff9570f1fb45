// Bundles the language server and the CLI into dist/, TypeScript included, so the extension needs
// no node_modules. TypeScript looks for its standard library (lib.*.d.ts) beside the file that
// runs it, which is now dist/server.js or dist/cli.js: the lib files are copied there. One bundle
// holds one TypeScript instance, shared by the engine, typescript-eslint's parser and the rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['jiti'], // only ESLint's config loader, which the server never uses
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...shared, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...shared, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

const typescriptLib = path.dirname(createRequire(import.meta.url).resolve('typescript'));
for (const file of fs.readdirSync(typescriptLib)) {
  if (/^lib\..*\.d\.ts$/.test(file)) fs.copyFileSync(path.join(typescriptLib, file), path.join('dist', file));
}
