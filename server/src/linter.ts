import * as tsParser from '@typescript-eslint/parser';
import { SyntacticParse } from './syntactic-parse.js';
import type { Rule } from 'eslint';
import { Linter } from 'eslint/universal';
import type ts from 'typescript';
import plugin from '../../rules/src/index.js';
import { relatedLocationsOf, type RelatedEntry } from '../../rules/src/related-locations.js';
import { FAULTY_RULE_ENABLED, faultyRule } from './faulty-rule.js';
import { FocusedRules, type Focus } from './focused-rules.js';
import { GuardedRules, type RuleFailure } from './guarded-rules.js';
import type { RuleSetting, Severity } from './settings.js';

export const PLUGIN_PREFIX = 'async-guard';

/** The files the rules apply to; a pattern ending in `*` alone would not count as a match. */
export const LINTED_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

/** The outcome of linting one text once. */
export interface LintRun {
  /** Findings of Async Guard rules (and unused directives for them), in ESLint's shape. */
  messages: Linter.LintMessage[];
  /** Related locations recorded by rules, matched to messages by rule id and start. */
  related: readonly RelatedEntry[];
  /** The parser could not build an AST (a syntax error mid-typing): no findings are known. */
  parseError?: string;
  /** Rules that threw; their findings for this file are not in `messages`. */
  failures: RuleFailure[];
  /** Whether rules had type information. */
  typed: boolean;
}

/** The plugin's rules by short name (plus the test-only faulty rule when asked for). */
const rulesByName: Record<string, Rule.RuleModule> = {
  ...plugin.rules,
  ...(FAULTY_RULE_ENABLED ? { 'faulty-rule': faultyRule } : {}),
};

/** Every rule of the plugin, by full id, with its metadata. */
export const pluginRules: Record<string, Rule.RuleModule> = Object.fromEntries(
  Object.entries(rulesByName).map(([name, rule]) => [`${PLUGIN_PREFIX}/${name}`, rule]),
);

/** The plugin's configs whose rule tables a run can start from. */
export const PRESETS = ['recommended', 'recommended-type-checked', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

/** The rule table of a preset (`recommended-type-checked` unless told), by full rule id. */
export function defaultRuleEntries(preset: Preset = 'recommended-type-checked'): Record<string, Linter.RuleEntry> {
  return {
    ...plugin.configs[preset].rules,
    ...(FAULTY_RULE_ENABLED ? { [`${PLUGIN_PREFIX}/faulty-rule`]: 'error' as const } : {}),
  };
}

/**
 * Rules whose findings inside a function body depend only on that body and on types, never on
 * other statements of the file: after an edit inside one body they may run on that body alone.
 * The typed promise rules are the expensive ones; every other rule runs on the whole file.
 */
const FOCUSABLE_RULES = new Set(['no-floating-promise', 'no-misused-promise']);

/**
 * Runs the plugin's rules through ESLint's `Linter` with typescript-eslint's parser. With a
 * program, the parser takes the file's AST and types from it (`parserOptions.programs`), so no
 * second program is ever built; the program must hold exactly the text being linted.
 */
export class RuleLinter {
  private readonly linter = new Linter({ cwd: '/' });
  private readonly focused = new FocusedRules(rulesByName, FOCUSABLE_RULES);
  private readonly guarded = new GuardedRules(PLUGIN_PREFIX, this.focused.rules);
  private readonly guardedPlugin = { meta: plugin.meta, rules: this.guarded.rules };
  private rules: Record<string, Linter.RuleEntry> = defaultRuleEntries();
  private readonly syntacticParse = new SyntacticParse();
  private reportUnused: Severity = 'off';
  /** Changes with every `configure`: findings of an earlier configuration cannot be reused. */
  configVersion = 0;

  /** Applies rule settings over a preset's; returns what could not be used, in words. */
  configure(overrides: Record<string, RuleSetting>, reportUnused: Severity, preset?: Preset): string[] {
    const problems: string[] = [];
    const rules = defaultRuleEntries(preset);
    for (const [name, setting] of Object.entries(overrides)) {
      const ruleId = name.startsWith(`${PLUGIN_PREFIX}/`) ? name : `${PLUGIN_PREFIX}/${name}`;
      if (!pluginRules[ruleId]) {
        problems.push(`there is no rule "${name}" (known: ${Object.keys(pluginRules).join(', ')})`);
        continue;
      }
      const invalid = this.invalidOptions(ruleId, setting);
      if (invalid) problems.push(`options of ${ruleId} are invalid: ${invalid}`);
      else rules[ruleId] = setting as Linter.RuleEntry;
    }
    this.rules = rules;
    this.reportUnused = reportUnused;
    this.configVersion++;
    return problems;
  }

  enabledRules(): string[] {
    return Object.entries(this.rules)
      .filter(([, entry]) => (Array.isArray(entry) ? entry[0] : entry) !== 'off')
      .map(([ruleId]) => ruleId);
  }

  /**
   * The enabled rules that may run on one function body alone, by full id; none when reports of
   * unused directives are on (they need every rule's findings of the whole file) or when
   * `no-floating-promise` tracks stored promises (a use inside one body decides a report outside).
   */
  focusableRuleIds(): Set<string> {
    if (this.reportUnused !== 'off') return new Set();
    const ids = this.enabledRules().filter((ruleId) => FOCUSABLE_RULES.has(ruleId.slice(PLUGIN_PREFIX.length + 1)));
    const floating = this.rules[`${PLUGIN_PREFIX}/no-floating-promise`];
    const storedTracked = Array.isArray(floating) && (floating[1] as { checkStored?: boolean } | undefined)?.checkStored === true;
    return new Set(storedTracked ? ids.filter((ruleId) => !ruleId.endsWith('/no-floating-promise')) : ids);
  }

  /**
   * Lints the text. With `program` (which must hold exactly this text) the rules get types. With
   * `focus`, the focusable rules look only at nodes that overlap it (see `focusableRuleIds`).
   */
  lint(text: string, fileName: string, program?: ts.Program, focus?: readonly Focus[]): LintRun {
    const inProgram = program?.getSourceFile(fileName) !== undefined;
    const parser = tsParser as unknown as Linter.Parser;
    try {
      return this.verify(text, fileName, parser, inProgram ? program : undefined, inProgram, focus);
    } finally {
      this.release();
    }
  }

  /**
   * Lints the text without types, from an ESTree built incrementally from the file's last one
   * (see `IncrementalEstree`): what an edit can show before its program is up to date. `lib`
   * names the TypeScript libraries whose globals scope analysis knows, as for the typed lint.
   */
  lintSyntactic(text: string, fileName: string, lib: readonly string[]): LintRun {
    return this.verify(text, fileName, this.syntacticParse.parser(lib), undefined, false);
  }

  /** Forgets what was kept to parse the file's next text incrementally (the document closed). */
  forgetParse(fileName: string): void {
    this.syntacticParse.forget(fileName);
  }

  private verify(text: string, fileName: string, parser: Linter.Parser, program: ts.Program | undefined, typed: boolean, focus?: readonly Focus[]): LintRun {
    this.guarded.takeFailures();
    this.focused.focus = focus;
    let messages: Linter.LintMessage[];
    try {
      messages = this.linter.verify(text, this.config(parser, program), { filename: fileName });
    } finally {
      this.focused.focus = undefined;
    }
    const failures = this.guarded.takeFailures();
    const failedRules = new Set(failures.map((failure) => failure.ruleId));
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { messages: [], related: [], parseError: fatal.message, failures, typed };
    const sourceCode = this.linter.getSourceCode();
    const related = sourceCode ? relatedLocationsOf(sourceCode) : [];
    return {
      messages: messages.filter((message) => this.isOurs(message) && !failedRules.has(message.ruleId ?? '')),
      related,
      failures,
      typed,
    };
  }

  /**
   * Drops what the last run holds on to: the Linter's last SourceCode reaches the program and its
   * checker, which would otherwise stay alive beside the next one.
   */
  private release(): void {
    this.linter.verify('', [{ files: ['**/*.js'] }], { filename: '/release.js' });
  }

  /** The config of one run: all files, our rules only, the program when there is one. */
  private config(parser: Linter.Parser, program: ts.Program | undefined): Linter.Config[] {
    return [
      {
        files: LINTED_FILES,
        plugins: { [PLUGIN_PREFIX]: this.guardedPlugin as never },
        languageOptions: {
          parser,
          sourceType: 'module',
          parserOptions: program ? { programs: [program] } : {},
        },
        linterOptions: { reportUnusedDisableDirectives: this.reportUnused },
        rules: this.rules,
      },
    ];
  }

  /**
   * Our rules' findings, and unused-directive reports that name one of our rules. Comments about
   * other tools' rules (`eslint-disable no-console`) are the user's business, not ours.
   */
  private isOurs(message: Linter.LintMessage): boolean {
    if (message.ruleId) return message.ruleId.startsWith(`${PLUGIN_PREFIX}/`) && !message.message.startsWith('Definition for rule');
    return /Unused eslint-disable directive/.test(message.message) && message.message.includes(`'${PLUGIN_PREFIX}/`);
  }

  private invalidOptions(ruleId: string, setting: RuleSetting): string | undefined {
    try {
      this.linter.verify('', [
        { files: LINTED_FILES, plugins: { [PLUGIN_PREFIX]: this.guardedPlugin as never }, rules: { [ruleId]: setting as Linter.RuleEntry } },
      ], { filename: '/validate.js' });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ').trim() : String(error);
    }
  }
}
