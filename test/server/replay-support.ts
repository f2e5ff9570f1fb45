import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { SERVER } from './lsp-session.js';

const CLI = path.join(path.dirname(SERVER), 'cli.js');

export { random } from './seeded-random.js';

export function hasSyntaxErrors(text: string): boolean {
  const output = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (output.diagnostics ?? []).length > 0;
}

/**
 * The findings of a from-scratch lint of the text by the CLI, in comparable form; undefined when
 * the parser rejects the text (typescript-eslint is stricter than TypeScript's syntax check, and
 * the server then keeps the last good findings by design).
 */
export function fromScratch(workspace: string, text: string, rules: Record<string, unknown> = {}): string[] | undefined {
  const file = path.join(workspace, 'src/from-scratch.ts');
  fs.writeFileSync(file, text);
  let output: string;
  try {
    const ruleFlags = Object.entries(rules).flatMap(([name, setting]) => ['--rule', `${name}:${JSON.stringify(setting)}`]);
    output = execFileSync(process.execPath, [CLI, '--format', 'json', ...ruleFlags, file], {
      cwd: workspace,
      encoding: 'utf8',
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  } finally {
    fs.rmSync(file);
  }
  const [result] = JSON.parse(output) as { messages: { line: number; column: number; endLine?: number; endColumn?: number; ruleId: string; message: string; severity: number; fatal?: boolean }[] }[];
  if (result!.messages.some((m) => m.fatal)) return undefined;
  return result!.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity === 2 ? 1 : 2} ${m.ruleId} ${m.message}`);
}

export function comparable(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${String(d.code)} ${d.message}`,
  );
}
