import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, linesOf, LspSession } from './lsp-session.js';

const BLOCKING = "import { readFileSync } from 'node:fs';\n\nexport async function load(path: string): Promise<string> {\n  return readFileSync(path, 'utf8');\n}\n";

describe('language server: bad input', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start({ workspace: copyFixture('workspace'), env: { ASYNC_GUARD_FAULTY_RULE: '1' } });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('keeps the last good diagnostics while the text does not parse, and updates once it does', async () => {
    const uri = await session.open('src/typing.ts', BLOCKING);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    const publishedBefore = session.published.filter((params) => params.uri === uri).length;
    // Half-typed code: an unclosed call and a stray keyword.
    await session.edit(uri, [{ range: { start: { line: 4, character: 1 }, end: { line: 4, character: 1 } }, newText: '\nexport async function next() { readFileSync(\nconst' }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    expect(session.published.filter((params) => params.uri === uri).slice(publishedBefore).every((params) => linesOf(params.diagnostics).join() === '3')).toBe(true);
    await session.edit(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 5 } }, newText: "'x'); }" }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3, 5]);
    expect(session.logText()).not.toMatch(/Uncaught|could not handle|failed:/);
    await session.close(uri);
  });

  it('skips files over maxFileSize with an information message', async () => {
    await session.changeSettings({ maxFileSize: 2000 });
    const big = `${BLOCKING}${'// padding to make the file large\n'.repeat(100)}`;
    const uri = await session.open('src/big.ts', big);
    expect(await session.diagnostics(uri)).toEqual([]);
    const info = session.shown.filter((message) => message.type === 3 && message.message.includes('big.ts'));
    expect(info).toHaveLength(1);
    expect(info[0]!.message).toContain('maxFileSize');
    await session.changeSettings({});
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.close(uri);
  });

  it('skips binary files with an information message', async () => {
    const uri = await session.open('src/binary.ts', `${BLOCKING}\u0000\u0001\u0002`);
    expect(await session.diagnostics(uri)).toEqual([]);
    expect(session.shown.some((message) => message.type === 3 && message.message.includes('binary.ts') && message.message.includes('binary'))).toBe(true);
    await session.close(uri);
  });

  it('a rule that throws loses only its own findings, and its error is logged once with the stack', async () => {
    const text = `${BLOCKING}export function explode(): void {}\n`;
    const uri = await session.open('src/explode.ts', text);
    expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
    await session.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    expect(linesOf(await session.diagnostics(uri))).toEqual([4]);
    const logged = session.logs.filter((log) => log.message.includes('async-guard/faulty-rule failed'));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toContain("faulty rule met 'explode'");
    expect(logged[0]!.message).toMatch(/\n\s+at /); // the stack
    await session.close(uri);
  });
});

describe('language server: a broken tsconfig', () => {
  it('falls back to the inferred project with a warning and still lints', async () => {
    const session = await LspSession.start({ workspace: copyFixture('broken-config') });
    try {
      const uri = await session.open('src/job.ts');
      const diagnostics = await session.diagnostics(uri);
      expect(linesOf(diagnostics)).toEqual([3]);
      const warnings = session.shown.filter((message) => message.type === 2);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain('tsconfig.json');
      expect(warnings[0]!.message).toContain('default options');
    } finally {
      await session.stop();
    }
  });
});

describe('language server: workspace code', () => {
  it('never loads or runs code from the workspace (ESLint config, TypeScript, tsconfig plugins)', async () => {
    const workspace = copyFixture('untrusted');
    const session = await LspSession.start({ workspace });
    try {
      const uri = await session.open('src/app.ts');
      expect(linesOf(await session.diagnostics(uri))).toEqual([3]);
      await session.connection.sendRequest('asyncGuard/lintWorkspace', {});
    } finally {
      await session.stop();
    }
    expect(fs.readdirSync(workspace).filter((name) => name.startsWith('EXECUTED'))).toEqual([]);
    expect(fs.existsSync(path.join(workspace, 'eslint.config.js'))).toBe(true);
  });
});
