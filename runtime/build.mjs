// Builds dist/esm (ES modules) and dist/cjs (CommonJS), one output file per source file so
// bundlers can drop unused helpers, plus .d.ts files for both.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(root, 'dist');

const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => join(root, 'src', file));

rmSync(dist, { recursive: true, force: true });

const common = { entryPoints: sources, outbase: join(root, 'src'), target: 'es2022', logLevel: 'warning' };
await build({ ...common, outdir: join(dist, 'esm'), format: 'esm', platform: 'neutral' });
await build({ ...common, outdir: join(dist, 'cjs'), format: 'cjs', platform: 'node' });
// The package is "type": "module"; this marks the CommonJS half as such.
writeFileSync(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

const tsc = require.resolve('typescript/bin/tsc');
for (const project of ['tsconfig.json', 'tsconfig.node.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit' });
}
// The same declarations describe the CommonJS files: dist/cjs/package.json makes them CJS.
cpSync(join(dist, 'esm'), join(dist, 'cjs'), {
  recursive: true,
  filter: (path) => !path.endsWith('.js'),
});
