import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, linesOf, LspSession } from './lsp-session.js';

describe('language server: documents and diagnostics (push)', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({ workspace: copyFixture('workspace') });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('publishes typed diagnostics when a document is opened', async () => {
    const uri = await session.open('src/blocking.ts');
    const published = await session.waitForPublished(uri, (diagnostics) => diagnostics.length > 0);
    expect(linesOf(published)).toEqual([3]);
    const [diagnostic] = published;
    expect(diagnostic).toMatchObject({
      source: 'async-guard',
      code: 'async-guard/no-blocking-in-async',
      severity: 1,
      range: { start: { line: 3, character: 15 }, end: { line: 3, character: 41 } },
    });
    expect(diagnostic!.message).toContain('readFileSync');
  });

  it('links each diagnostic to its rule documentation page', async () => {
    const [diagnostic] = await session.diagnostics(session.uri('src/blocking.ts'));
    expect(diagnostic!.codeDescription?.href).toMatch(/\/rules\/docs\/rules\/no-blocking-in-async\.md$/);
  });

  it('publishes with the document version it belongs to', async () => {
    const uri = session.uri('src/blocking.ts');
    const last = session.published.filter((params) => params.uri === uri).at(-1);
    expect(last?.version).toBe(1);
  });

  it('re-lints on change: a new blocking call appears, a removed one disappears', async () => {
    const uri = session.uri('src/blocking.ts');
    await session.edit(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: "  readFileSync('other.txt');\n" }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3, 4]);
    await session.edit(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '  const text = path;\n' }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([4]);
    const pushed = await session.waitForPublished(uri, (diagnostics) => linesOf(diagnostics).join() === '4');
    expect(pushed[0]!.message).toContain("'readFileSync'");
  });

  it('does not report synchronous calls outside async code', async () => {
    const uri = session.uri('src/blocking.ts');
    const text = session.text(uri);
    expect(text).toContain('export function loadAtStartup');
    expect(linesOf(await session.diagnostics(uri)).some((line) => text.split('\n')[line]!.includes('return readFileSync'))).toBe(false);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = session.uri('src/blocking.ts');
    await session.close(uri);
    await session.waitForPublished(uri, (diagnostics) => diagnostics.length === 0, 'cleared diagnostics');
  });

  it('lints a file outside every tsconfig in the inferred project, JavaScript included', async () => {
    const uri = await session.open('loose/script.js');
    const diagnostics = await session.diagnostics(uri);
    expect(linesOf(diagnostics)).toEqual([3]);
  });

  it('honours eslint-disable comments', async () => {
    const text = "import { readFileSync } from 'node:fs';\nexport async function f() {\n  // eslint-disable-next-line async-guard/no-blocking-in-async\n  readFileSync('a');\n  readFileSync('b');\n}\n";
    const uri = await session.open('src/disabled.ts', text);
    expect(linesOf(await session.diagnostics(uri))).toEqual([4]);
    await session.close(uri);
  });

  it('ignores disable comments and inline configuration for rules of other tools', async () => {
    const text = "/* eslint no-console: error */\nimport { readFileSync } from 'node:fs';\nexport async function f() {\n  // eslint-disable-next-line no-console\n  console.log(readFileSync('a'));\n}\n";
    const uri = await session.open('src/other-tools.ts', text);
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['async-guard/no-blocking-in-async']);
    await session.close(uri);
  });
});

describe('language server: related information across files', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({
      workspace: copyFixture('workspace'),
      settings: { rules: { 'no-blocking-in-async': ['error', { followCalls: 2 }] } },
    });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('reports the blocking chain with related locations in the callee file', async () => {
    const uri = await session.open('src/service.ts');
    const diagnostics = await session.diagnostics(uri);
    expect(linesOf(diagnostics)).toEqual([3]);
    const [diagnostic] = diagnostics;
    expect(diagnostic!.severity).toBe(1);
    expect(diagnostic!.relatedInformation).toEqual([
      expect.objectContaining({
        location: {
          uri: session.uri('src/settings-file.ts'),
          range: { start: { line: 4, character: 9 }, end: { line: 4, character: 35 } },
        },
      }),
    ]);
    expect(diagnostic!.relatedInformation![0]!.message).toContain('readFileSync');
  });

  it('updates an importer when the imported function changes from sync to async and back, without reopening it', async () => {
    const service = session.uri('src/service.ts');
    const settingsFile = await session.open('src/settings-file.ts');
    const syncText = session.text(settingsFile);
    const asyncText = syncText
      .replace("import { readFileSync } from 'node:fs';", "import { readFile } from 'node:fs/promises';")
      .replace('export function readSettingsFile(path: string): string {\n  return readFileSync(path, \'utf8\');', "export async function readSettingsFile(path: string): Promise<string> {\n  return readFile(path, 'utf8');");
    expect(asyncText).not.toBe(syncText);

    await session.replaceText(settingsFile, asyncText);
    await session.waitForPublished(service, (diagnostics) => diagnostics.length === 0, 'the chain to disappear from the importer');
    expect(await session.diagnostics(service)).toEqual([]);

    await session.replaceText(settingsFile, syncText);
    const back = await session.waitForPublished(service, (diagnostics) => diagnostics.length === 1, 'the chain to come back');
    expect(linesOf(back)).toEqual([3]);
  });

  it('sees a file changed on disk while it is closed', async () => {
    const service = session.uri('src/service.ts');
    await session.close(session.uri('src/settings-file.ts'));
    await session.writeOnDisk('src/settings-file.ts', "export function readSettingsFile(path: string): string {\n  return path;\n}\n");
    await session.waitForPublished(service, (diagnostics) => diagnostics.length === 0, 'the chain to disappear after the disk change');
    await session.writeOnDisk('src/settings-file.ts', "import { execSync } from 'node:child_process';\nexport function readSettingsFile(path: string): string {\n  return execSync(`cat ${path}`).toString();\n}\n");
    const diagnostics = await session.waitForPublished(service, (list) => list.length === 1, 'the chain through execSync');
    expect(diagnostics[0]!.relatedInformation![0]!.location.range.start.line).toBe(2);
  });
});
