import ts from 'typescript';
import type { HelperLanguage, RuntimeSource } from './helper-catalogue.js';
import { topStatements } from './module-statements.js';

export type ModuleFormat = 'esm' | 'cjs';

/**
 * Types the runtime takes from its own minimal globals (src/globals.d.ts), written into a
 * TypeScript helper file that uses them. There a timer handle is `unknown`, to compile against no
 * platform's types; in a project with Node's or the DOM's types it is what `setTimeout` returns.
 */
const ENVIRONMENT_TYPES: Record<string, string> = {
  TimerHandle: '/** A timer handle, as setTimeout returns it. */\ntype TimerHandle = ReturnType<typeof setTimeout>;\n\n',
};

/** How a vendored helper file is written: TypeScript, or JavaScript as an ES or CommonJS module. */
export interface VendoredFormat {
  language: HelperLanguage;
  /** Only JavaScript files may be CommonJS; TypeScript is compiled to whatever the project emits. */
  module: ModuleFormat;
}

export type VendoredAddition =
  /** Every helper is in the file already. */
  | { kind: 'unchanged' }
  /** Text to add at the end of the file (the whole text of a new file). */
  | { kind: 'append'; text: string }
  /** The file declares one of the names differently: nothing is written. */
  | { kind: 'conflict'; reason: string };

/**
 * What to add to a vendored helper file (`existing` undefined or empty: a new one) so that it
 * holds `sources`. The runtime's files are written one after the other with the imports between
 * them dropped, which one file makes unnecessary. A file whose exports are all present already is
 * skipped, so no helper is ever written twice; a private declaration that two runtime files share
 * word for word (`ignore`, `MAX_DELAY`) is written once.
 */
export function vendoredAddition(
  existing: string | undefined,
  sources: readonly RuntimeSource[],
  format: VendoredFormat,
  header: string,
): VendoredAddition {
  const parseName = format.language === 'ts' ? 'helpers.ts' : 'helpers.js';
  const existingStatements = existing ? topStatements(existing, parseName) : [];
  const present = new Set(existingStatements.flatMap((statement) => [...statement.declares, ...statement.exports]));
  const presentCode = new Set(existingStatements.map((statement) => statement.key));

  const chunks: string[] = [];
  for (const source of sources) {
    const statements = topStatements(source.text, parseName);
    const exported = statements.flatMap((statement) => statement.exports);
    if (exported.length > 0 && exported.every((name) => present.has(name))) continue;
    const kept: string[] = [];
    for (const statement of statements) {
      if (statement.importFrom?.module.startsWith('.')) continue;
      const names = [...statement.declares, ...statement.exports];
      const clash = names.find((name) => present.has(name));
      if (presentCode.has(statement.key) && statement.exports.length === 0) continue;
      if (clash !== undefined) {
        return { kind: 'conflict', reason: `'${clash}' is already declared there, differently from ${source.file} of async-guard` };
      }
      kept.push(statement.fullText);
      for (const name of names) present.add(name);
      presentCode.add(statement.key);
    }
    if (kept.length === 0) continue;
    let chunk = kept.join('').replace(/^\s+/, '');
    if (format.language === 'ts') {
      for (const [name, declaration] of Object.entries(ENVIRONMENT_TYPES)) {
        if (present.has(name) || !new RegExp(`\\b${name}\\b`).test(chunk)) continue;
        chunk = declaration + chunk;
        present.add(name);
      }
    }
    chunks.push(chunk);
  }
  if (chunks.length === 0) return { kind: 'unchanged' };

  let code = `${chunks.join('\n\n').trimEnd()}\n`;
  const isNew = !existing || existing.trim() === '';
  if (format.module === 'cjs') code = commonJs(code, isNew);
  if (isNew) return { kind: 'append', text: `${header}\n${code}` };
  const separator = existing!.endsWith('\n') ? '\n' : '\n\n';
  return { kind: 'append', text: `${separator}${code}` };
}

/** The ES module code as CommonJS; code appended to a file drops the prologue the file already has. */
function commonJs(code: string, isNew: boolean): string {
  const output = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: false },
  }).outputText;
  if (isNew) return output;
  return output.replace(/^"use strict";\r?\n/, '').replace(/^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);\r?\n/m, '');
}
