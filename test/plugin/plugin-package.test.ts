import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-async-guard';

const root = path.resolve(import.meta.dirname, '../..');
const rulesDir = path.join(root, 'rules');

describe('the eslint-plugin-async-guard package', () => {
  it('exports meta with the package name and version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(rulesDir, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('exports the three flat configs, each naming the plugin and only its own rules', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'recommended-type-checked', 'strict']);
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`async-guard/${name}`);
      expect(config.plugins?.['async-guard']).toBe(plugin);
      for (const ruleId of Object.keys(config.rules ?? {})) {
        expect(ruleId.startsWith('async-guard/')).toBe(true);
        expect(plugin.rules).toHaveProperty(ruleId.slice('async-guard/'.length));
      }
    }
  });

  it('puts every rule in strict, and recommended is a subset of recommended-type-checked', () => {
    const strict = Object.keys(plugin.configs.strict.rules ?? {});
    expect(strict.sort()).toEqual(Object.keys(plugin.rules).map((name) => `async-guard/${name}`).sort());
    const typeChecked = Object.keys(plugin.configs['recommended-type-checked'].rules ?? {});
    for (const ruleId of Object.keys(plugin.configs.recommended.rules ?? {})) expect(typeChecked).toContain(ruleId);
  });

  it('gives every rule a description, a docs URL and a docs page that exists', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.description, name).toBeTruthy();
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/rules/docs/rules/${name}\\.md$`));
      expect(fs.existsSync(path.join(rulesDir, 'docs/rules', `${name}.md`)), `docs page of ${name}`).toBe(true);
    }
  });

  it("has types that fit ESLint's and typescript-eslint's config types: a typed eslint.config.mts compiles", () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    // Throws, with the compiler's messages, if the plugin's declarations do not fit.
    execFileSync(process.execPath, [tsc, '-p', path.join(import.meta.dirname, 'fixtures/consumer')], { encoding: 'utf8', stdio: 'pipe' });
  });

  it('loads through require as well as import', () => {
    const require = createRequire(import.meta.url);
    const required = require('eslint-plugin-async-guard') as typeof plugin;
    expect(required.rules['no-blocking-in-async']).toBe(plugin.rules['no-blocking-in-async']);
  });
});

describe('related locations', () => {
  it('are recorded for a call chain and can be read back from the linted SourceCode', () => {
    // Through require, as the language server loads them: one module instance for rules and reader.
    const require = createRequire(import.meta.url);
    const cjsPlugin = require('eslint-plugin-async-guard') as typeof plugin;
    const { relatedLocationsOf } = require('eslint-plugin-async-guard/related-locations') as typeof import('../../rules/src/related-locations.js');
    const linter = new Linter({ configType: 'flat' });
    const code = [
      "import { readFileSync } from 'node:fs';",
      'function readText(p) { return readFileSync(p, "utf8"); }',
      'function load(p) { return JSON.parse(readText(p)); }',
      'export async function handle(p) { return load(p); }',
    ].join('\n');
    const messages = linter.verify(
      code,
      [{ plugins: { 'async-guard': cjsPlugin }, rules: { 'async-guard/no-blocking-in-async': ['error', { followCalls: 3 }] } }],
      { filename: path.join(root, 'handler.js') },
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: 4, column: 42, ruleId: 'async-guard/no-blocking-in-async' });
    expect(messages[0]!.message).toContain('load() → readText() → readFileSync()');
    const entries = relatedLocationsOf(linter.getSourceCode());
    expect(entries).toEqual([
      {
        ruleId: 'async-guard/no-blocking-in-async',
        line: 4,
        column: 42,
        related: [
          {
            filename: path.join(root, 'handler.js'),
            loc: { start: { line: 3, column: 37 }, end: { line: 3, column: 48 } },
            message: "'load()' calls 'readText()' here",
          },
          {
            filename: path.join(root, 'handler.js'),
            loc: { start: { line: 2, column: 30 }, end: { line: 2, column: 53 } },
            message: "'readFileSync' does file-system work synchronously",
          },
        ],
      },
    ]);
  });
});

describe('a plain ESLint 10 project outside this repository', () => {
  // The packed plugin, installed next to the project's own ESLint, parser and TypeScript, exactly
  // as a user's CI would have it.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'async-guard-plugin-'));
  const modules = path.join(project, 'node_modules');

  function install(): void {
    fs.mkdirSync(modules, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: rulesDir, encoding: 'utf8' }).trim();
    const target = path.join(modules, 'eslint-plugin-async-guard');
    fs.mkdirSync(target);
    execFileSync('tar', ['-xzf', path.join(project, tarball), '-C', target, '--strip-components=1']);
    for (const dependency of ['eslint', 'typescript', '@typescript-eslint', 'typescript-eslint', 'ts-api-utils', '@types']) {
      fs.mkdirSync(path.dirname(path.join(modules, dependency)), { recursive: true });
      fs.symlinkSync(path.join(root, 'node_modules', dependency), path.join(modules, dependency));
    }
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: ['node'], noEmit: true }, include: ['src'] }));
    fs.mkdirSync(path.join(project, 'src'));
    fs.writeFileSync(
      path.join(project, 'src', 'handler.ts'),
      "import { readFileSync } from 'node:fs';\nexport async function handle(p: string) {\n  return readFileSync(p, 'utf8');\n}\n",
    );
  }

  function lint(configFile: string): { filePath: string; messages: { ruleId: string; line: number }[] }[] {
    const eslintBin = path.join(modules, 'eslint', 'bin', 'eslint.js');
    try {
      return JSON.parse(execFileSync(process.execPath, [eslintBin, '--config', configFile, '--format', 'json', 'src'], { cwd: project, encoding: 'utf8' }));
    } catch (error) {
      // ESLint exits 1 when it finds problems; its JSON is still on stdout.
      const { stdout } = error as { stdout?: string };
      if (stdout) return JSON.parse(stdout);
      throw error;
    }
  }

  install();

  it('works from eslint.config.mjs with typescript-eslint and projectService', () => {
    fs.writeFileSync(
      path.join(project, 'eslint.config.mjs'),
      [
        "import asyncGuard from 'eslint-plugin-async-guard';",
        "import tseslint from 'typescript-eslint';",
        'export default [',
        "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },",
        "  asyncGuard.configs['recommended-type-checked'],",
        '];',
      ].join('\n'),
    );
    const [result] = lint('eslint.config.mjs');
    expect(result!.messages.map((message) => [message.ruleId, message.line])).toEqual([['async-guard/no-blocking-in-async', 3]]);
  });

  it('works from eslint.config.cjs with require', () => {
    fs.writeFileSync(
      path.join(project, 'eslint.config.cjs'),
      [
        "const asyncGuard = require('eslint-plugin-async-guard');",
        "const tseslint = require('typescript-eslint');",
        'module.exports = [',
        "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },",
        '  asyncGuard.configs.recommended,',
        '];',
      ].join('\n'),
    );
    const [result] = lint('eslint.config.cjs');
    expect(result!.messages.map((message) => [message.ruleId, message.line])).toEqual([['async-guard/no-blocking-in-async', 3]]);
  });
});
