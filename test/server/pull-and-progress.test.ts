import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, linesOf, LspSession } from './lsp-session.js';

describe('language server: pull diagnostics', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({
      workspace: copyFixture('workspace'),
      pull: true,
      settings: { rules: { 'no-blocking-in-async': ['error', { followCalls: 2 }] } },
    });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('answers textDocument/diagnostic and pushes nothing when the client pulls', async () => {
    const uri = await session.open('src/blocking.ts');
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    expect(session.published).toEqual([]);
  });

  it('asks the client to pull again when an imported file changes', async () => {
    const service = await session.open('src/service.ts');
    expect(linesOf(await session.diagnostics(service))).toEqual([3]);
    const settingsFile = await session.open('src/settings-file.ts');
    await session.diagnostics(settingsFile);
    const refreshes = session.refreshes;
    await session.edit(settingsFile, [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 35 } }, newText: 'path' }]);
    await session.waitFor(() => session.refreshes > refreshes, 'a diagnostic refresh');
    expect(await session.diagnostics(service)).toEqual([]);
    expect(session.published).toEqual([]);
  });
});

describe('language server: work-done progress', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({ workspace: copyFixture('workspace'), progress: true });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('reports progress while the project loads for the first document', async () => {
    const uri = await session.open('src/blocking.ts');
    await session.diagnostics(uri);
    const kinds = session.progress.map((entry) => (entry as { value: { kind: string; title?: string } }).value);
    expect(kinds[0]).toMatchObject({ kind: 'begin' });
    expect(kinds[0]!.title).toContain('Loading the TypeScript project');
    expect(kinds.at(-1)).toMatchObject({ kind: 'end' });
  });

  it('lints the whole workspace on request, with progress, and publishes closed files', async () => {
    const before = session.progress.length;
    const result = await session.connection.sendRequest<{ files: number; problems: number }>('asyncGuard/lintWorkspace', {
      workDoneToken: 'lint-all',
    });
    expect(result.files).toBeGreaterThanOrEqual(5);
    expect(result.problems).toBeGreaterThanOrEqual(2);
    const entries = session.progress.slice(before) as { token: string; value: { kind: string } }[];
    expect(entries.every((entry) => entry.token === 'lint-all')).toBe(true);
    expect(entries.map((entry) => entry.value.kind)).toContain('report');
    expect(entries.at(-1)!.value.kind).toBe('end');
    const script = session.published.find((params) => params.uri === session.uri('loose/script.js'));
    expect(linesOf(script!.diagnostics)).toEqual([3]);
  });
});
