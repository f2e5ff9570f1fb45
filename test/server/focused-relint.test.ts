import { parseForESLint } from '@typescript-eslint/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, LspSession } from './lsp-session.js';
import { comparable, fromScratch, hasSyntaxErrors, random } from './replay-support.js';

/**
 * Whether the server lints this text at all: typescript-eslint rejects some texts TypeScript
 * parses (`yield` outside a generator), and then the server keeps the last findings by design.
 */
function unparseable(text: string): boolean {
  if (hasSyntaxErrors(text)) return true;
  try {
    parseForESLint(text, { filePath: 'focus.ts', sourceType: 'module' });
    return false;
  } catch {
    return true;
  }
}

/** Functions with and without declared return types, each holding promise findings. */
const ORIGINAL = `export async function load(id: number): Promise<string> {
  return \`item \${id}\`;
}

export function loadLater(id: number) {
  return load(id);
}

let counter = 0;
let total = 0;
const items = [1, 2, 3];

export async function first(): Promise<void> {
  const a = await load(1);
  load(2);
  if (a) counter++;
}

export async function second(flag: boolean) {
  if (flag) {
    loadLater(3);
  }
  items.forEach(async (i) => {
    await load(i);
  });
  return counter;
}

export function third(): void {
  setTimeout(async () => {
    await load(4);
  }, 10);
  const later = loadLater(5);
  if (later) total += 1;
  for (const i of items) {
    if (i > 1) {
      void load(i);
    }
  }
}

export function* pages() {
  yield load(30);
  const next = load(31);
  yield next;
}

export class Store {
  private value = '';
  async refresh(): Promise<void> {
    this.value = await load(7);
    load(8).then(() => undefined);
  }
  check(): boolean {
    return !this.refresh();
  }
}
`;

/** Statements typed at the start of a line: new findings, fixed ones, returns, outer writes. */
const STATEMENTS = [
  'load(10);\n',
  'void load(11);\n',
  'if (load(12)) {}\n',
  'items.forEach(async (i) => { await load(i); });\n',
  'const pending = load(13);\n',
  'await load(14);\n',
  'return load(15);\n',
  'return 1;\n',
  'counter = counter + 1;\n',
  'total++;\n',
  '// eslint-disable-next-line async-guard/no-floating-promise\n',
  '/* eslint-disable async-guard/no-misused-promise */\n',
  'const counter = load(17);\n',
  'const later = 1;\n',
  'const value = load(33);\n',
  'const items = [load(34)];\n',
  'if (i > 2) continue;\n',
  'break;\n',
  'yield load(32);\n',
  '\n',
  '  ',
];

/** Statements typed key by key, as people do: most steps re-check one statement only. */
const TYPED = ['const typed = load(20);', 'void load(21);', 'if (load(22)) {}', 'total = await load(23);'];

describe('language server: typed rules re-run on the edited function body only', () => {
  let session: LspSession;
  /** A second server that sees every text once, as a new file: its lint is from scratch. */
  let reference: LspSession;
  let workspace: string;
  let opened = 0;

  beforeAll(async () => {
    workspace = copyFixture('workspace');
    [session, reference] = await Promise.all([
      LspSession.start({ workspace, settings: { trace: { server: 'verbose' } } }),
      LspSession.start({ workspace }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([session.stop(), reference.stop()]);
  });

  async function referenceLint(text: string): Promise<string[]> {
    const uri = await reference.open(`src/reference-${++opened}.ts`, text);
    const diagnostics = comparable(await reference.diagnostics(uri));
    await reference.close(uri);
    return diagnostics;
  }

  it('ends every edit equal to a from-scratch lint, narrowing where the rest of the file cannot change', async () => {
    const uri = await session.open('src/focus-copy.ts', ORIGINAL);
    expect((await session.diagnostics(uri)).length).toBeGreaterThanOrEqual(6);
    let compared = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await session.replaceText(uri, ORIGINAL);
      await session.diagnostics(uri);
      const next = random(seed);
      // Bursts of edits around one line, as typing is: consecutive edits mostly share a body.
      for (let burst = 0; burst < 4; burst++) {
        let line = 1 + Math.floor(next() * (TextDocument.create(uri, 'typescript', 0, session.text(uri)).lineCount - 1));
        for (let step = 0; step < 4; step++) {
          const document = TextDocument.create(uri, 'typescript', 0, session.text(uri));
          line = Math.min(line, document.lineCount - 1);
          const at = document.offsetAt({ line, character: 0 });
          const deleting = next() < 0.25;
          const inserted = STATEMENTS[Math.floor(next() * STATEMENTS.length)]!;
          const end = deleting ? Math.min(document.getText().length, at + 1 + Math.floor(next() * 12)) : at;
          const edit = { range: { start: document.positionAt(at), end: document.positionAt(end) }, newText: deleting ? '' : inserted };
          if (unparseable(TextDocument.applyEdits(document, [edit]))) continue;
          await session.edit(uri, [edit]);
          const text = session.text(uri);
          expect(comparable(await session.diagnostics(uri)), `seed ${seed}, burst ${burst}, step ${step}:\n${text}`).toEqual(await referenceLint(text));
          compared++;
          if (!deleting && inserted.endsWith('\n')) line++;
        }
      }
      // A statement typed key by key on a new line.
      {
        const document = TextDocument.create(uri, 'typescript', 0, session.text(uri));
        let at = document.offsetAt({ line: 1 + Math.floor(next() * (document.lineCount - 2)), character: 0 });
        const typed = `${TYPED[seed % TYPED.length]!}\n`;
        for (const key of typed) {
          const current = TextDocument.create(uri, 'typescript', 0, session.text(uri));
          const edit = { range: { start: current.positionAt(at), end: current.positionAt(at) }, newText: key };
          await session.edit(uri, [edit]);
          at++;
          const text = session.text(uri);
          if (unparseable(text)) continue;
          expect(comparable(await session.diagnostics(uri)), `seed ${seed}, typing ${JSON.stringify(key)}:\n${text}`).toEqual(await referenceLint(text));
          compared++;
        }
      }
      // And once per sequence against the CLI, a separate process on the same engine.
      const expected = fromScratch(workspace, session.text(uri));
      if (expected) expect(comparable(await session.diagnostics(uri)), `seed ${seed} against the CLI`).toEqual(expected);
    }
    expect(compared).toBeGreaterThanOrEqual(60);
    const log = session.logText();
    // Both paths were taken: narrowed runs, and whole-file runs when a body changed its function's type.
    expect(log.match(/re-run on the edited (body|statement) only/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(log.match(/re-run on the edited statement only/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(log).toMatch(/changed what the rest of the file sees of its function/);
  }, 300_000);

  /** Edits the document, checks it against a from-scratch lint, and returns the trace lines the edit added. */
  async function editAndCompare(uri: string, from: string, to: string): Promise<string> {
    const before = session.logText().length;
    const document = TextDocument.create(uri, 'typescript', 0, session.text(uri));
    const at = document.getText().indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    await session.edit(uri, [{ range: { start: document.positionAt(at), end: document.positionAt(at + from.length) }, newText: to }]);
    const text = session.text(uri);
    expect(comparable(await session.diagnostics(uri)), text).toEqual(await referenceLint(text));
    return session.logText().slice(before);
  }

  it('re-checks a body alone when its inferred return type prints its union members in another order', async () => {
    // The whole-file lint meets 'late' first (in \`early()\`), the narrowed one 'early' first:
    // the checker prints the same union in creation order, differently in each program.
    const text = `let state = 0;
export function early(flag: boolean) {
  return flag ? 'late' : 'early';
}
if (early(true).length) load();
export function later(flag: boolean) {
  if (flag) return 'early';
  state = 1;
  return 'late';
}
export async function load(): Promise<void> {}
`;
    const uri = await session.open('src/focus-union.ts', text);
    await session.diagnostics(uri);
    // Writes an outer variable: not one statement alone, the whole body of \`later\`.
    await editAndCompare(uri, 'state = 1;', 'state = 2;');
    const trace = await editAndCompare(uri, 'state = 2;', 'state = 3;');
    expect(trace).toMatch(/re-run on the edited body only/);
    expect(trace).not.toMatch(/changed what the rest of the file sees/);
  }, 60_000);

  it('after a signature change re-checks only the statements that read the changed names', async () => {
    const text = `async function load(id: number): Promise<string> {
  return \`item \${id}\`;
}
function later(id: number) {
  return load(id);
}
function helper(n: number): number {
  return n + 1;
}
let counter = 0;
export async function entry(): Promise<void> {
  later(1);
  if (later(2)) counter++;
  helper(3);
}
export function other(): void {
  setTimeout(async () => {
    await load(4);
  }, 10);
  [1, 2].forEach(async (n) => {
    await load(n);
  });
}
function unrelated() {
  const x = helper(5);
  return x;
}
export const used = unrelated();
`;
    // Each changes a type other statements read; the last reaches an exported name, so the whole file.
    const changes: [string, string][] = [
      ['async function load(', 'function load('],
      ['function later(id: number)', 'async function later(id: number)'],
      ['function helper(n: number): number', 'function helper(n: number): Promise<number>'],
      ['function helper(n: number): number', 'async function helper(n: number): Promise<number>'],
      ['let counter = 0;', 'let counter = Promise.resolve(0);'],
      ['async function load(id: number): Promise<string>', 'async function load(id: number): Promise<() => void>'],
      ['function unrelated() {', 'async function unrelated() {'],
    ];
    const uri = await session.open('src/focus-units.ts', text);
    expect(comparable(await session.diagnostics(uri))).toEqual(await referenceLint(text));
    let units = 0;
    const next = random(7);
    for (let round = 0; round < 3; round++) {
      for (const [from, to] of [...changes].sort(() => next() - 0.5)) {
        const traceThere = await editAndCompare(uri, from, to);
        const traceBack = await editAndCompare(uri, to, from);
        units += [traceThere, traceBack].filter((trace) => /re-run on the edited statements and what reads their names only/.test(trace)).length;
        if (from.startsWith('function unrelated')) expect(traceThere).not.toMatch(/what reads their names/);
      }
    }
    expect(units).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('keeps the last findings when a key that broke the text is erased again', async () => {
    const text = `export async function load(): Promise<void> {}
export function run() {
  load();
}
`;
    const uri = await session.open('src/focus-undo.ts', text);
    expect(comparable(await session.diagnostics(uri))).toEqual(await referenceLint(text));
    const document = TextDocument.create(uri, 'typescript', 0, text);
    const at = document.positionAt(text.indexOf('load();'));
    await session.edit(uri, [{ range: { start: at, end: at }, newText: '(' }]);
    const trace = await editAndCompare(uri, '(load();', 'load();');
    expect(trace).toMatch(/the same text as at the last complete lint/);
  }, 60_000);

  it('grows the re-checked part to every statement the edit reached, before and after it', async () => {
    const text = `export async function load(id: number): Promise<string> {
  return String(id);
}
export async function run(): Promise<void> {
  const address 
  load(1);
}
`;
    const uri = await session.open('src/focus-grow.ts', text);
    await session.diagnostics(uri);
    // \`= load(2)\` goes after \`const address \`: the edit touches no old statement, the new one starts before it.
    const trace = await editAndCompare(uri, 'const address \n', 'const address = load(2)\n');
    expect(trace).toMatch(/re-run on the edited statement only/);
  }, 60_000);
});
