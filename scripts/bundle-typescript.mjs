// Puts the TypeScript compiler the extension runs on into dist/typescript/: typescript.js
// (minified) with its standard library (lib.*.d.ts) beside it, where the compiler looks for it.
// The client points the server at it through ASYNC_GUARD_TYPESCRIPT, so the installed extension
// needs no node_modules and never loads the workspace's own TypeScript.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const source = path.dirname(createRequire(import.meta.url).resolve('typescript'));
const target = path.join(root, 'dist/typescript');
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });

await build({
  entryPoints: [path.join(source, 'typescript.js')],
  outfile: path.join(target, 'typescript.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of fs.readdirSync(source)) {
  if (/^lib\..*\.d\.ts$/.test(file)) fs.copyFileSync(path.join(source, file), path.join(target, file));
}
