import * as tsParser from '@typescript-eslint/parser';
import type { Rule, SourceCode } from 'eslint';
import { Linter } from 'eslint/universal';
import { LINTED_FILES } from '../linter.js';

/** Rules for one probe run, by plugin name and rule name, with their options. */
export type ProbeRules = Record<string, Record<string, { rule: Rule.RuleModule; options?: unknown[] }>>;

export interface ProbeResult {
  messages: Linter.LintMessage[];
  /** The run's SourceCode (rules record related locations against it); undefined after a parse error. */
  sourceCode: SourceCode | undefined;
}

const linter = new Linter({ cwd: '/' });

/**
 * Runs rules over one text without type information, to build edits with the plugin's fix
 * builders, which work on ESLint's SourceCode and fixer. Each edit comes back as a suggestion,
 * merged into one text edit by ESLint exactly as the rules' own suggestions are.
 */
export function probe(text: string, fileName: string, rules: ProbeRules): ProbeResult {
  const plugins: Record<string, { rules: Record<string, Rule.RuleModule> }> = {};
  const entries: Linter.RulesRecord = {};
  for (const [pluginName, pluginRules] of Object.entries(rules)) {
    plugins[pluginName] = { rules: {} };
    for (const [ruleName, { rule, options }] of Object.entries(pluginRules)) {
      plugins[pluginName].rules[ruleName] = rule;
      entries[`${pluginName}/${ruleName}`] = ['error', ...(options ?? [])];
    }
  }
  const messages = linter.verify(
    text,
    [{ files: LINTED_FILES, plugins: plugins as never, languageOptions: { parser: tsParser, sourceType: 'module' }, rules: entries }],
    { filename: fileName },
  );
  if (messages.some((message) => message.fatal)) return { messages: [], sourceCode: undefined };
  return { messages, sourceCode: linter.getSourceCode() ?? undefined };
}

/** Offsets of the start of each line, to turn ESLint's line and column into offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Offset of a 1-based line and 0-based column. */
export function offsetAt(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? starts.at(-1)!) + column;
}
