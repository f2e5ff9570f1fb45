// The code bases the promise rules are measured on: npm packages that ship their TypeScript
// sources, each with the compiler options it needs to type-check under TypeScript 6.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const modulesDir = path.join(here, 'node_modules');
export const workDir = path.resolve(here, '../.work/promise-rules');

const common = { strict: true, skipLibCheck: true, noEmit: true, types: ['node'] };

export const corpora = {
  small: {
    package: '@supabase/storage-js',
    sources: ['src'],
    include: ['src/**/*.ts'],
    exclude: [],
    packageJson: { type: 'module' },
    compilerOptions: { ...common, target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'] },
  },
  medium: {
    package: 'mongodb',
    sources: ['src'],
    include: ['src/**/*.ts'],
    exclude: [],
    // mongodb is CommonJS: its folder must not look like an ES module package.
    packageJson: {},
    compilerOptions: {
      ...common,
      target: 'ES2023',
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['es2023'],
      esModuleInterop: false,
      ignoreDeprecations: '6.0',
      noImplicitOverride: true,
      noImplicitReturns: true,
      useUnknownInCatchVariables: false,
      useDefineForClassFields: false,
    },
  },
  large: {
    package: 'viem',
    // Everything but the build outputs and the trusted setup data.
    sources: undefined,
    skip: ['_cjs', '_esm', '_types', 'trusted-setups', 'node_modules', 'package.json', 'tsconfig.json'],
    include: ['./**/*.ts'],
    exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/*.bench.ts'],
    packageJson: { type: 'module' },
    compilerOptions: {
      ...common,
      target: 'ES2021',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      exactOptionalPropertyTypes: true,
      useDefineForClassFields: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      verbatimModuleSyntax: true,
    },
  },
};

/**
 * Copies a corpus out of node_modules (ESLint ignores node_modules) into the scratch folder and
 * writes its tsconfig. Its imports resolve through a node_modules link next to it.
 */
export function prepareCorpus(name) {
  const corpus = corpora[name];
  const source = path.join(modulesDir, corpus.package);
  const target = path.join(workDir, name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const entries = corpus.sources ?? fs.readdirSync(source).filter((entry) => !corpus.skip.includes(entry));
  for (const entry of entries) fs.cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
  fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: `corpus-${name}`, private: true, ...corpus.packageJson }, null, 2));
  fs.writeFileSync(
    path.join(target, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: corpus.compilerOptions, include: corpus.include, exclude: corpus.exclude }, null, 2),
  );
  const link = path.join(workDir, 'node_modules');
  if (!fs.existsSync(link)) fs.symlinkSync(modulesDir, link, 'dir');
  return target;
}
