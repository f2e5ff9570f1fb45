import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { IncrementalEstree } from '../../server/src/incremental-estree.js';
import { Engine } from '../../server/src/engine.js';
import { random } from './seeded-random.js';

// Tests run from the repository's root (this file is type-checked as the server's sources are).
const ROOT = process.cwd();

/** What typescript-estree gives for the whole text, or its error. */
function fullParse(fileName: string, text: string): { program?: unknown; error?: string } {
  try {
    return { program: parse(text, { filePath: fileName, jsx: false, range: true, loc: true, tokens: true, comment: true, suppressDeprecatedPropertyWarnings: true }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The first place two ASTs differ (ESLint's `parent` links aside), or undefined. */
function difference(a: unknown, b: unknown, at = 'program'): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${at}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array and not`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('parent');
  for (const key of keys) {
    const found = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (found) return found;
  }
  return undefined;
}

type Edit = (lines: string[], pick: (n: number) => number, step: number) => void;

/** Edits a person makes while typing, line by line; some leave the text unparseable for a while. */
const EDITS: Edit[] = [
  (lines, pick, step) => lines.splice(pick(lines.length), 0, `// note ${step}`),
  (lines, pick) => lines.splice(pick(lines.length), 0, ''),
  (lines, pick) => {
    const at = pick(lines.length);
    const word = /[A-Za-z_]\w*/.exec(lines[at]!);
    if (word) lines[at] = lines[at]!.slice(0, word.index + 1) + 'q' + lines[at]!.slice(word.index + 1);
  },
  (lines, pick) => {
    const at = pick(lines.length);
    lines[at] = `/* c */ ${lines[at]}`;
  },
  (lines, pick) => {
    const at = pick(lines.length);
    lines.splice(at, 0, lines[at]!);
  },
  (lines, pick) => lines.splice(pick(lines.length), 1),
  (lines, pick) => {
    const at = pick(lines.length);
    lines[at] = `${lines[at]} `;
  },
  (lines, pick) => {
    const at = pick(lines.length);
    const column = pick(lines[at]!.length + 1);
    const piece = ['(', ')', '{', '}', ';', 'await ', '.x', ',', "'", '`', '\n'][pick(11)]!;
    lines[at] = lines[at]!.slice(0, column) + piece + lines[at]!.slice(column);
  },
  (lines, pick) => {
    const at = pick(lines.length);
    lines.splice(at, 0, '  const added = await load(1);');
  },
];

/**
 * Replays `steps` random edits on `text` and checks every version against a full parse: the
 * same AST, tokens and comments, or an error for the same texts. Returns how many versions
 * parsed, and how many of those were built incrementally.
 */
function replay(fileName: string, original: string, seed: number, steps: number): { parsed: number; incremental: number } {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const estree = new IncrementalEstree();
  let text = original;
  let good = original;
  let parsed = 0;
  let incremental = 0;
  for (let step = 0; step < steps; step++) {
    if (text !== good && next() < 0.5) text = good; // like an undo back to the last text that parsed
    const lines = text.split('\n');
    EDITS[pick(EDITS.length)]!(lines, pick, step);
    text = lines.join('\n');
    const expected = fullParse(fileName, text);
    let actual: unknown;
    let error: string | undefined;
    try {
      actual = estree.parse(fileName, text);
    } catch (thrown) {
      error = (thrown as Error).message;
    }
    const where = `${path.basename(fileName)}, seed ${seed}, step ${step}`;
    expect(error === undefined, `${where}: parses in full (${expected.error}) and incrementally (${error})`).toBe(expected.error === undefined);
    if (error !== undefined) continue;
    expect(difference(actual, expected.program), where).toBeUndefined();
    parsed++;
    good = text;
    if (!estree.lastStats.full) incremental++;
  }
  return { parsed, incremental };
}

const REAL_FILES = [
  'server/src/language-server.ts',
  'rules/src/analysis/promise-oracle.ts',
  'rules/src/analysis/shared-access-events.ts',
  'examples/src/account-store.ts',
  'examples/src/job-worker.ts',
  'runtime/src/task-group.ts',
];

describe('incremental ESTree', () => {
  it.each(REAL_FILES)('equals a full parse after every random edit of %s', (file) => {
    const fileName = path.join(ROOT, file);
    const original = fs.readFileSync(fileName, 'utf8');
    for (const seed of [1, 2, 3]) {
      const { parsed, incremental } = replay(fileName, original, seed, 120);
      expect(parsed).toBeGreaterThan(40);
      // Most versions reuse the last tree: a check that the incremental path is the one tested.
      expect(incremental).toBeGreaterThan(parsed * 0.8);
    }
  });

  const CASES: Record<string, string> = {
    'directives.js': `'use strict';\n'use client';\nfunction f() {\n  'use strict';\n  g();\n  'not a directive';\n  return 1;\n}\n'late';\nf();\n`,
    'crlf.ts': 'const a = 1;\r\nfunction f() {\r\n  const b = a + 1;\r\n  return b;\r\n}\r\nf();\r\n',
    'separators.ts': 'const a = 1;\u2028function f() {\u2028  return a;\u2028}\u2029f();\n',
    'shebang.ts': '#!/usr/bin/env node\n// leading\nconst a = 1;\nconsole.log(a); // trailing\n/* end */\n',
    'component.tsx': 'export function View({ items }: { items: string[] }) {\n  const first = items[0];\n  return <ul>{items.map((item) => <li key={item}>{item} {first}</li>)}</ul>;\n}\nconst x = <b>text</b>;\n',
    'shapes.ts': [
      'namespace Space {\n  export const inner = 1;\n  export function g() { return inner; }\n}',
      'class Box {\n  static {\n    Box.count = 1;\n    Box.count++;\n  }\n  static count = 0;\n  @dec method() { return /a+b/g.test(`t${Box.count}`); }\n}',
      'switch (Box.count) {\n  case 1:\n    run();\n    break;\n  default:\n    stop();\n}',
      'label: for (const x of [1, 2]) {\n  if (x) continue label;\n  else break label;\n}',
      'const f = async () => {\n  await a();\n  await b();\n};',
      'declare module "m" {\n  export const v: number;\n}',
      'enum E { A, B }',
    ].join('\n'),
  };

  it.each(Object.keys(CASES))('equals a full parse after every random edit of %s', (name) => {
    const fileName = path.join(ROOT, '.tmp', name);
    let total = 0;
    for (const seed of [4, 5, 6, 7]) total += replay(fileName, CASES[name]!, seed, 80).parsed;
    expect(total).toBeGreaterThan(40);
  });

  it('keeps the unchanged statements of a large file and converts the edited one', () => {
    const fileName = path.join(ROOT, 'rules/src/analysis/promise-oracle.ts');
    const original = fs.readFileSync(fileName, 'utf8');
    const estree = new IncrementalEstree();
    estree.parse(fileName, original);
    expect(estree.lastStats.full).toBe(true);
    const edited = original.replace('\n  }\n', '\n    const typed = 1;\n  }\n');
    const program = estree.parse(fileName, edited);
    expect(estree.lastStats.full).toBe(false);
    expect(estree.lastStats.kept).toBeGreaterThan(20);
    expect(difference(program, fullParse(fileName, edited).program)).toBeUndefined();
  });

  it('reports the first syntax error and starts from the last good text once the error is gone', () => {
    const fileName = path.join(ROOT, '.tmp', 'broken.ts');
    const estree = new IncrementalEstree();
    estree.parse(fileName, 'const a = 1;\nfunction f() {\n  return a;\n}\n');
    expect(() => estree.parse(fileName, 'const a = 1;\nfunction f() {\n  return a +;\n}\n')).toThrow(/Expression expected/);
    const fixed = 'const a = 1;\nfunction f() {\n  return a + 2;\n}\n';
    expect(difference(estree.parse(fileName, fixed), fullParse(fileName, fixed).program)).toBeUndefined();
    expect(estree.lastStats.full).toBe(false);
  });
});

describe('syntactic lint on the incremental ESTree', () => {
  it('finds what a from-scratch lint without types finds, after every edit', () => {
    const workspace = path.join(ROOT, 'examples');
    const fileName = path.join(workspace, 'src/job-worker.ts');
    const engine = new Engine({ warn: () => {} } as never);
    let text = fs.readFileSync(fileName, 'utf8');
    engine.texts.open(fileName, text, 1);
    const next = random(11);
    const pick = (n: number) => Math.floor(next() * n);
    let compared = 0;
    let findings = 0;
    let good = text;
    for (let version = 2; version < 120; version++) {
      if (text !== good && next() < 0.5) text = good;
      const lines = text.split('\n');
      EDITS[pick(EDITS.length)]!(lines, pick, version);
      text = lines.join('\n');
      engine.texts.change(fileName, text, version);
      const incremental = engine.syntactic(fileName)!;
      const scratch = engine.linter.lint(text, fileName);
      expect(incremental.parseError === undefined).toBe(scratch.parseError === undefined);
      if (incremental.parseError) continue;
      const shown = (messages: typeof incremental.messages) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      expect(shown(incremental.messages), `version ${version}`).toEqual(shown(scratch.messages));
      compared++;
      findings += incremental.messages.length;
      good = text;
    }
    expect(compared).toBeGreaterThan(40);
    expect(findings).toBeGreaterThan(compared); // the file has findings to get right
  });
});
