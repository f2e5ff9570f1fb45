// The published package: its entries, formats, size, and the vendoring map the editor reads.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import * as main from 'async-guard';
import * as nodeEntry from 'async-guard/node';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('async-guard/package.json'));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const helpers = JSON.parse(readFileSync(join(packageDir, 'helpers.json'), 'utf8')) as {
  entries: Record<string, string>;
  helpers: Record<string, { entry: string; files: string[] }>;
};
const entries = { 'async-guard': main, 'async-guard/node': nodeEntry } as Record<string, Record<string, unknown>>;
const relativeImports = (source: string) =>
  [...source.matchAll(/^(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((match) => match[1]!);

describe('the async-guard package', () => {
  test('the CommonJS entries load with require and export the same names as the ES modules', () => {
    const cjsMain = require('async-guard');
    const cjsNode = require('async-guard/node');
    expect(Object.keys(cjsMain).sort()).toEqual(Object.keys(main).sort());
    expect(Object.keys(cjsNode).sort()).toEqual(Object.keys(nodeEntry).sort());
    expect(require.resolve('async-guard')).toMatch(/dist[\\/]cjs[\\/]index\.js$/);
    const { Semaphore } = cjsMain;
    expect(new Semaphore(2).available).toBe(2);
  });

  test('the main entry exports every helper', () => {
    expect(Object.keys(main).sort()).toEqual([
      'AsyncQueue',
      'Mutex',
      'QueueClosedError',
      'Semaphore',
      'TaskGroup',
      'TimeoutError',
      'mapLimit',
      'retry',
      'sleep',
      'withTimeout',
    ]);
    expect(Object.keys(nodeEntry)).toEqual(['onShutdown']);
  });

  test('the type declarations check for both an ES module and a CommonJS consumer', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const project = join(dirname(new URL(import.meta.url).pathname), 'fixtures/consumer');
    // Throws, with the compiler's messages, if the declarations do not resolve or type-check.
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', stdio: 'pipe' });
  });

  test('every export condition points at a built file, with type declarations for both formats', () => {
    expect(packageJson.sideEffects).toBe(false);
    expect(packageJson.dependencies).toBeUndefined();
    for (const subpath of ['.', './node']) {
      const conditions = packageJson.exports[subpath];
      for (const format of ['import', 'require']) {
        for (const file of [conditions[format].types, conditions[format].default]) {
          expect(existsSync(join(packageDir, file)), `${subpath} ${format} ${file}`).toBe(true);
        }
      }
    }
    expect(readFileSync(join(packageDir, 'dist/cjs/package.json'), 'utf8')).toContain('"commonjs"');
  });

  test('the main entry imports nothing from Node and bundles for browsers and edge runtimes', async () => {
    const mainFiles = readdirSync(join(packageDir, 'dist/esm')).filter((file) => file.endsWith('.js'));
    for (const file of mainFiles) {
      const source = readFileSync(join(packageDir, 'dist/esm', file), 'utf8');
      expect(source, file).not.toMatch(/from\s*['"]node:|require\(|\bprocess\.|\bBuffer\b/);
    }
    const result = await build({
      entryPoints: [join(packageDir, 'dist/esm/index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
  });

  test('the whole package is at most 4 KB minified and gzipped', async () => {
    const result = await build({
      stdin: {
        contents: "export * from './dist/esm/index.js'; export * from './dist/esm/node/index.js';",
        resolveDir: packageDir,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'es2022',
      write: false,
    });
    const gzipped = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
    expect(gzipped, `${gzipped} bytes`).toBeLessThanOrEqual(4096);
  });

  test('helpers.json lists every export with the files a vendored copy needs, dependencies first', () => {
    const listed = Object.keys(helpers.helpers).sort();
    const exported = Object.entries(entries).flatMap(([, module]) => Object.keys(module)).sort();
    expect(listed).toEqual(exported);
    for (const [name, { entry, files }] of Object.entries(helpers.helpers)) {
      expect(Object.keys(entries[entry]!), `${name} comes from ${entry}`).toContain(name);
      const seen = new Set<string>();
      for (const file of files) {
        const path = join(packageDir, file);
        expect(existsSync(path), file).toBe(true);
        // Every sibling a file imports is listed before it.
        for (const specifier of relativeImports(readFileSync(path, 'utf8'))) {
          const imported = join(dirname(file), specifier.replace(/\.js$/, '.ts'));
          expect(seen, `${file} imports ${imported}`).toContain(imported);
        }
        seen.add(file);
      }
    }
  });

  test('a vendored copy of each helper, its listed files alone, builds and works', async () => {
    for (const [name, { files }] of Object.entries(helpers.helpers)) {
      const dir = mkdtempSync(join(tmpdir(), `vendored-${name}-`));
      try {
        for (const file of files) cpSync(join(packageDir, file), join(dir, file.split('/').pop()!));
        const entry = join(dir, files.at(-1)!.split('/').pop()!);
        const result = await build({
          entryPoints: [entry],
          bundle: true,
          format: 'esm',
          platform: 'node',
          write: false,
          logLevel: 'silent',
        });
        const code = result.outputFiles[0]!.text;
        const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
        expect(typeof module[name], name).toBe('function');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test('the README documents every export with an example', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const sections = readme.split(/^## /m).slice(1);
    for (const name of Object.keys(helpers.helpers)) {
      const section = sections.find((text) => new RegExp(`^\`?${name}\\b`).test(text));
      expect(section, `README section for ${name}`).toBeDefined();
      expect(section, `example for ${name}`).toMatch(/```(ts|js)[\s\S]*```/);
    }
  });
});
