import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors } from './typecheck.js';

/**
 * Rule tests are tables of cases that run twice, with type information and without; a case may
 * be limited to one of the two. The same tables feed the check that suggestions type-check.
 */
export type Mode = 'both' | 'typed' | 'untyped';

export type TableValid<Options extends readonly unknown[]> = ValidTestCase<Options> & { mode?: Mode };

export type TableInvalid<MessageIds extends string, Options extends readonly unknown[]> = InvalidTestCase<MessageIds, Options> & {
  mode?: Mode;
  /** Suggestion output that cannot be type-checked here, with the reason. */
  notTypeChecked?: string;
};

const runsIn = (mode: Exclude<Mode, 'both'>) => (testCase: { mode?: Mode }) =>
  testCase.mode === undefined || testCase.mode === 'both' || testCase.mode === mode;

const strip = <T extends { mode?: Mode; notTypeChecked?: string }>({ mode: _mode, notTypeChecked: _reason, ...rest }: T) => rest;

/** Runs the table through RuleTester with types and without. */
export function runTable<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: RuleModule<MessageIds, Options>,
  table: { valid: TableValid<Options>[]; invalid: TableInvalid<MessageIds, Options>[] },
): void {
  typedRuleTester().run(`${name} (with types)`, rule, {
    valid: table.valid.filter(runsIn('typed')).map(strip),
    invalid: table.invalid.filter(runsIn('typed')).map(strip),
  });
  untypedRuleTester().run(`${name} (without types)`, rule, {
    valid: table.valid.filter(runsIn('untyped')).map(strip),
    invalid: table.invalid.filter(runsIn('untyped')).map(strip),
  });
}

export interface NamedSnippet {
  name: string;
  code: string;
  filename?: string;
}

const checkable = (testCase: { notTypeChecked?: string }) => testCase.notTypeChecked === undefined;

/** Every suggestion output of the table, except cases marked `notTypeChecked`. */
export function suggestionOutputs(invalid: readonly TableInvalid<string, readonly unknown[]>[]): NamedSnippet[] {
  return invalid.filter(checkable).flatMap((testCase) =>
    (testCase.errors ?? []).flatMap((error) =>
      (error.suggestions ?? []).map((suggestion) => ({
        name: testCase.name ?? testCase.code,
        code: suggestion.output,
        ...(testCase.filename === undefined ? {} : { filename: testCase.filename }),
      })),
    ),
  );
}

/** The code of each invalid case, so the outputs are compared against code that compiled. */
export function originalCodes(invalid: readonly TableInvalid<string, readonly unknown[]>[]): NamedSnippet[] {
  return invalid
    .filter((testCase) => checkable(testCase) && !testCase.filename?.endsWith('.js'))
    .map((testCase) => ({ name: testCase.name ?? testCase.code, code: testCase.code }));
}

/** The snippets that do not type-check, with their errors; empty when all compile. */
export function typeCheckFailures(snippets: readonly NamedSnippet[], overrides?: ts.CompilerOptions): { name: string; errors: string }[] {
  const errors = typeErrors(snippets, overrides);
  return snippets.map((snippet, index) => ({ name: snippet.name, errors: errors[index]! })).filter((result) => result.errors !== '');
}

/**
 * The standard checks on a table's suggestions: every output type-checks (strict, the fixture's
 * nodenext, and ESNext with bundler resolution), as does the code it replaces, and the table is
 * large enough.
 */
export function describeSuggestionChecks(
  name: string,
  table: { valid: readonly unknown[]; invalid: readonly TableInvalid<string, readonly unknown[]>[] },
  minimum: { outputs: number; cases: number },
): void {
  describe(`${name} suggestions`, () => {
    const outputs = suggestionOutputs(table.invalid);
    const originals = originalCodes(table.invalid);

    it('type-check, as does the code they replace (strict, module nodenext)', () => {
      expect(outputs.length).toBeGreaterThan(minimum.outputs);
      expect(typeCheckFailures(outputs)).toEqual([]);
      expect(typeCheckFailures(originals)).toEqual([]);
    });

    it('type-check as ES modules for a bundler too', () => {
      const overrides = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
      expect(typeCheckFailures(outputs, overrides)).toEqual([]);
    });

    it('covers enough cases', () => {
      expect(table.valid.length + table.invalid.length).toBeGreaterThanOrEqual(minimum.cases);
    });
  });
}
