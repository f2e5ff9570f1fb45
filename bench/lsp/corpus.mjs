// Prepares the large corpus (viem's TypeScript sources) in bench/.work/lsp/viem with the tsconfig
// from BENCH-CORPORA and an ESLint flat config with the same rules our server runs, so that
// vscode-eslint's server lints the same files with the same rules and types.
import * as fs from 'node:fs';
import * as path from 'node:path';

const here = import.meta.dirname;
const source = path.join(here, 'node_modules/viem');
export const corpusDir = path.resolve(here, '../.work/lsp/viem');
const SKIPPED = new Set(['_cjs', '_esm', '_types', 'trusted-setups', 'node_modules']);

export function prepareCorpus() {
  writeEslintConfig();
  if (fs.existsSync(path.join(corpusDir, 'tsconfig.json'))) return corpusDir;
  fs.mkdirSync(corpusDir, { recursive: true });
  for (const entry of fs.readdirSync(source)) {
    if (SKIPPED.has(entry) || entry === 'package.json' || entry === 'tsconfig.json') continue;
    fs.cpSync(path.join(source, entry), path.join(corpusDir, entry), { recursive: true });
  }
  // viem's dependencies (abitype, ox, @noble/*) resolve from the bench's own install.
  fs.symlinkSync(path.join(here, 'node_modules'), path.join(corpusDir, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(corpusDir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2021',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'DOM'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
          exactOptionalPropertyTypes: true,
          useDefineForClassFields: true,
          noImplicitOverride: true,
          noImplicitReturns: true,
          noFallthroughCasesInSwitch: true,
          verbatimModuleSyntax: true,
        },
        include: ['./**/*.ts'],
        exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/*.bench.ts', 'node_modules'],
      },
      null,
      2,
    ),
  );
  return corpusDir;
}

/**
 * The flat config vscode-eslint's server loads. BENCH_PEER_RULES picks the rules: `same` runs
 * exactly the rules our server runs; `typescript-eslint` swaps our promise rules for
 * typescript-eslint's no-floating-promises and no-misused-promises (today's common setup).
 */
function writeEslintConfig() {
  fs.mkdirSync(corpusDir, { recursive: true });
  fs.writeFileSync(
    path.join(corpusDir, 'eslint.config.mjs'),
    `import asyncGuard from 'eslint-plugin-async-guard';
import tseslint from 'typescript-eslint';

const promiseRules =
  process.env.BENCH_PEER_RULES === 'typescript-eslint'
    ? { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' }
    : { 'async-guard/no-floating-promise': 'error', 'async-guard/no-misused-promise': 'error' };

export default [
  { ignores: ['node_modules/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  asyncGuard.configs['recommended-type-checked'],
  { files: ['**/*.ts'], rules: promiseRules },
];
`,
  );
}
