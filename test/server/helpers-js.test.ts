import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWorkspaceEdit, helperProject, helperSession, ofRule, readWorkspaceFile, titled } from './helpers-harness.js';
import type { LspSession } from './lsp-session.js';

/** Runs a snippet with Node in the workspace and returns what it printed. */
function run(workspace: string, kind: 'commonjs' | 'module', code: string): string {
  return execFileSync(process.execPath, ['--input-type', kind, '--eval', code], { cwd: workspace, encoding: 'utf8' }).trim();
}

describe('helpers vendored into a JavaScript project', () => {
  let workspace: string;
  let session: LspSession;

  beforeAll(async () => {
    workspace = helperProject({ fixture: 'helpers-js' });
    session = await helperSession(workspace);
  });
  afterAll(async () => {
    await session.stop();
  });

  async function applyMapLimit(file: string): Promise<string> {
    const uri = await session.open(file);
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
    expect(diagnostic, `a finding in ${file}`).toBeDefined();
    await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
    expect(ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency')).toEqual([]);
    return session.text(uri);
  }

  it('a CommonJS file requires the helper from a CommonJS helper file, and the fixed code runs', async () => {
    const text = await applyMapLimit('src/prices.js');
    expect(text).toContain("const { mapLimit } = require('./async-helpers.js');");
    const helpers = readWorkspaceFile(workspace, 'src/async-helpers.js');
    expect(helpers).toContain('exports.mapLimit = mapLimit;');
    expect(helpers).not.toMatch(/^\s*(import|export) /m);
    // Types are gone, the documentation stays.
    expect(helpers).not.toContain('interface MapLimitOptions');
    expect(helpers).toContain('Calls `fn` for every item with at most `limit` calls running at once');
    expect(run(workspace, 'commonjs', "require('./src/prices.js').allPrices(['a', 'bb', 'ccc']).then((prices) => console.log(prices.join(',')))")).toBe('1,2,3');
  });

  it('an ES module imports the helper from an ES module helper file, and the fixed code runs', async () => {
    const text = await applyMapLimit('esm/prices.js');
    expect(text).toContain("import { mapLimit } from './async-helpers.js';");
    const helpers = readWorkspaceFile(workspace, 'esm/async-helpers.js');
    expect(helpers).toContain('export function mapLimit(');
    const prices = path.join(workspace, 'esm/prices.js');
    expect(run(workspace, 'module', `const { allPrices } = await import(${JSON.stringify(prices)}); console.log((await allPrices(['a', 'bb'])).join(','));`)).toBe('1,2');
  });
});
