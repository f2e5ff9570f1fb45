import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, LspSession } from './lsp-session.js';
import { comparable, fromScratch, hasSyntaxErrors, random } from './replay-support.js';

const RULES = { 'no-blocking-in-async': ['error', { followCalls: 2 }] };

const SNIPPETS = [
  "readFileSync('x');",
  "\n  execSync('ls');\n",
  'await ',
  'async ',
  '{',
  '}',
  '(',
  ')',
  '\n',
  ' ',
  'const v = 1;\n',
  'return;',
  '// ',
  "'",
  'x',
  'readReportFile(file);\n',
  'while (Date.now() < 5) {}\n',
  'function helper() { return readFileSync("a"); }\n',
];

describe('language server: random edit replay', () => {
  let session: LspSession;
  let workspace: string;

  beforeAll(async () => {
    workspace = copyFixture('workspace');
    session = await LspSession.start({ workspace, settings: { rules: RULES } });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('survives 1,000 random edits (inserts, deletes, undos) with every request answered, and ends equal to a from-scratch lint', async () => {
    const next = random(20261129);
    const uri = await session.open('src/report-service.ts');
    await session.diagnostics(uri);
    const undo: TextEdit[][] = [];
    const requests: Promise<unknown>[] = [];
    let compared = 0;

    const applyTracked = async (edit: TextEdit): Promise<void> => {
      const before = TextDocument.create(uri, 'typescript', 0, session.text(uri));
      const start = before.offsetAt(edit.range.start);
      const end = before.offsetAt(edit.range.end);
      const removed = before.getText().slice(start, end);
      await session.edit(uri, [edit]);
      const after = TextDocument.create(uri, 'typescript', 0, session.text(uri));
      undo.push([{ range: { start: after.positionAt(start), end: after.positionAt(start + edit.newText.length) }, newText: removed }]);
    };

    for (let step = 1; step <= 1000; step++) {
      const document = TextDocument.create(uri, 'typescript', 0, session.text(uri));
      const length = document.getText().length;
      const roll = next();
      if (roll < 0.2 && undo.length > 0) {
        await session.edit(uri, undo.pop()!); // an undo-like reversal
      } else if (roll < 0.55 && length > 0) {
        const start = Math.floor(next() * length);
        const end = Math.min(length, start + 1 + Math.floor(next() * 20));
        await applyTracked({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' });
      } else {
        const at = document.positionAt(Math.floor(next() * (length + 1)));
        await applyTracked({ range: { start: at, end: at }, newText: SNIPPETS[Math.floor(next() * SNIPPETS.length)]! });
      }
      if (step % 10 === 0) {
        const position = document.positionAt(Math.floor(next() * length));
        requests.push(session.codeActions(uri, [], undefined).then(() => session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })));
      }
      if (step % 250 === 0) {
        // Undo recent edits until the text parses, then the server must agree with a fresh lint.
        while (hasSyntaxErrors(session.text(uri)) && undo.length > 0) await session.edit(uri, undo.pop()!);
        const text = session.text(uri);
        const expected = hasSyntaxErrors(text) ? undefined : fromScratch(workspace, text, RULES);
        if (expected) {
          expect(comparable(await session.diagnostics(uri))).toEqual(expected);
          compared++;
        }
      }
    }
    await Promise.all(requests);
    expect(compared).toBeGreaterThanOrEqual(3);
    expect(session.isRunning()).toBe(true);
    expect(session.logText()).not.toMatch(/Uncaught|could not handle|Linting .* failed/);
  }, 240_000);

  it('agrees with a from-scratch lint after short random sequences from several seeds', async () => {
    const original = fs.readFileSync(path.join(workspace, 'src/report-service.ts'), 'utf8');
    const uri = await session.open('src/report-copy.ts', original);
    let compared = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await session.replaceText(uri, original);
      const next = random(seed);
      for (let step = 0; step < 40; step++) {
        const document = TextDocument.create(uri, 'typescript', 0, session.text(uri));
        const length = document.getText().length;
        const at = Math.floor(next() * length);
        const edit: TextEdit =
          next() < 0.5
            ? { range: { start: document.positionAt(at), end: document.positionAt(Math.min(length, at + 1 + Math.floor(next() * 8))) }, newText: '' }
            : { range: { start: document.positionAt(at), end: document.positionAt(at) }, newText: SNIPPETS[Math.floor(next() * SNIPPETS.length)]! };
        const candidate = TextDocument.applyEdits(document, [edit]);
        if (hasSyntaxErrors(candidate)) continue; // this test compares parseable texts only
        await session.edit(uri, [edit]);
      }
      const expected = fromScratch(workspace, session.text(uri), RULES);
      if (!expected) continue;
      expect(comparable(await session.diagnostics(uri)), `seed ${seed}`).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
