import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, linesOf, LspSession } from './lsp-session.js';

const BLOCKING = "import { readFileSync } from 'node:fs';\n\nexport async function load(path: string): Promise<string> {\n  return readFileSync(path, 'utf8');\n}\n";

describe('language server: settings', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({ workspace: copyFixture('workspace') });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('re-lints open documents when rule severities change, and turns rules off', async () => {
    const uri = await session.open('src/severity.ts', BLOCKING);
    expect((await session.diagnostics(uri)).map((diagnostic) => diagnostic.severity)).toEqual([1]);

    await session.changeSettings({ rules: { 'async-guard/no-blocking-in-async': 'warn' } });
    const warned = await session.waitForPublished(uri, (list) => list.length === 1 && list[0]!.severity === 2, 'a warning');
    expect(linesOf(warned)).toEqual([3]);

    await session.changeSettings({ rules: { 'no-blocking-in-async': 'off' } });
    await session.waitForPublished(uri, (list) => list.length === 0, 'no diagnostics with the rule off');
    await session.changeSettings({});
    await session.waitForPublished(uri, (list) => list.length === 1 && list[0]!.severity === 1, 'the default severity again');
    await session.close(uri);
  });

  it('passes rule options from the settings to the rule', async () => {
    const uri = await session.open('src/service.ts');
    expect(await session.diagnostics(uri)).toEqual([]);
    await session.changeSettings({ rules: { 'no-blocking-in-async': ['error', { followCalls: 1 }] } });
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.changeSettings({});
    expect(await session.diagnostics(uri)).toEqual([]);
    await session.close(uri);
  });

  it('clears everything when disabled and lints again when enabled', async () => {
    const uri = await session.open('src/enable.ts', BLOCKING);
    await session.waitForPublished(uri, (list) => list.length === 1);
    await session.changeSettings({ enable: false });
    await session.waitForPublished(uri, (list) => list.length === 0, 'cleared diagnostics');
    await session.edit(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: "export async function more() { readFileSync('x'); }\n" }]);
    expect(await session.diagnostics(uri)).toEqual([]);
    await session.changeSettings({ enable: true });
    const back = await session.waitForPublished(uri, (list) => list.length === 2, 'diagnostics again');
    expect(linesOf(back)).toEqual([3, 5]);
    await session.close(uri);
  });

  it('with run onSave, lints on open and save but not while typing', async () => {
    await session.changeSettings({ run: 'onSave' });
    const uri = await session.open('src/on-save.ts', BLOCKING);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.edit(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: "export async function more() { readFileSync('x'); }\n" }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.save(uri);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3, 5]);
    await session.changeSettings({});
    await session.close(uri);
  });

  it('skips files matched by exclude globs', async () => {
    await session.changeSettings({ exclude: ['**/generated/**'] });
    const uri = await session.open('src/generated/code.ts', BLOCKING);
    expect(await session.diagnostics(uri)).toEqual([]);
    const other = await session.open('src/not-generated.ts', BLOCKING);
    expect(linesOf(await session.diagnostics(other))).toEqual([3]);
    await session.changeSettings({});
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.close(uri);
    await session.close(other);
  });

  it('warns once, in one message, about unknown and invalid settings, and keeps working with defaults', async () => {
    const before = session.shown.length;
    const bad = { colour: 'red', run: 'sometimes', maxFileSize: -1, rules: { 'no-such-rule': 'error', 'no-blocking-in-async': ['error', { followCalls: 'deep' }] } };
    await session.changeSettings(bad);
    const uri = await session.open('src/after-bad-settings.ts', BLOCKING);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    const warnings = session.shown.slice(before).filter((message) => message.type === 2);
    expect(warnings).toHaveLength(1);
    for (const part of ['asyncGuard.colour', 'asyncGuard.run', 'asyncGuard.maxFileSize', 'no-such-rule', 'no-blocking-in-async']) {
      expect(warnings[0]!.message).toContain(part);
    }
    // The same settings again: no second warning.
    await session.changeSettings({ ...bad });
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    expect(session.shown.slice(before).filter((message) => message.type === 2)).toHaveLength(1);
    await session.changeSettings({});
    await session.close(uri);
  });

  it('reports unused disable comments for its rules only when asked to', async () => {
    const text = "// eslint-disable-next-line async-guard/no-blocking-in-async\nexport const a = 1;\n// eslint-disable-next-line no-console\nexport const b = 2;\n";
    const uri = await session.open('src/unused.ts', text);
    expect(await session.diagnostics(uri)).toEqual([]);
    await session.changeSettings({ reportUnusedDisableDirectives: 'error' });
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity])).toEqual([[0, 1]]);
    await session.changeSettings({});
    await session.close(uri);
  });
});
