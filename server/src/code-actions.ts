import type { Linter } from 'eslint';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl, type DiagnosticData } from './diagnostics.js';
import { applyFixes, type Fix } from './text-fixes.js';

/** One exact version of a document with the findings of its lint. */
export interface LintedDocument {
  uri: string;
  version: number;
  text: string;
  messages: readonly Linter.LintMessage[];
}

export const SHOW_DOCUMENTATION_COMMAND = 'asyncGuard.showDocumentation';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.asyncGuard`;

type ActionSpec =
  | { kind: 'fix'; index: number }
  | { kind: 'suggestion'; index: number; suggestion: number }
  | { kind: 'disableLine'; index: number }
  | { kind: 'disableFile'; index: number }
  /** Every fix of one rule; `null` stands for the unused-directive reports, which have no rule. */
  | { kind: 'fixRule'; ruleId: string | null }
  | { kind: 'fixAll' }
  /** The refactor at `index` among those at the range (offsets). */
  | { kind: 'refactor'; range: [number, number]; index: number };

/** What an unresolved action carries until the client asks for its edit. */
export interface ActionData {
  uri: string;
  version: number;
  spec: ActionSpec;
}

export interface CodeActionOptions {
  /** The client resolves edits lazily (`codeAction/resolve` with `edit`). */
  resolveEdits: boolean;
  /** The client takes versioned `documentChanges`, so stale edits are refused. */
  documentChanges: boolean;
  /** The client takes `CreateFile` operations in `documentChanges`. */
  createFiles: boolean;
}

/** Where helpers come in: refactors at the cursor, and edits that need a helper file. */
export interface CodeActionHelpers {
  /** Rewrites offered at the range (offsets) without a finding, as `refactor.rewrite` actions. */
  refactorsAt(document: LintedDocument, range: [number, number]): { title: string; fix: Fix }[];
  /** The edit for fixes that import helpers from a vendored file; undefined: the plain edit. */
  workspaceEdit(document: LintedDocument, fixes: readonly Fix[], options: CodeActionOptions): WorkspaceEdit | undefined;
}

/**
 * Code actions for the findings of one document version: the rule's fix (preferred), each
 * suggestion, disabling the rule for the line or the file, the rule's documentation, and fixing
 * every finding of a rule, or every finding, in the file.
 */
export class CodeActions {
  constructor(
    private readonly options: CodeActionOptions,
    private readonly helpers?: CodeActionHelpers,
  ) {}

  actionsFor(document: LintedDocument, params: CodeActionParams): CodeAction[] {
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
    const actions: CodeAction[] = [];
    const add = (title: string, kind: string, spec: ActionSpec, diagnostic?: Diagnostic, preferred = false): void => {
      if (!wants(kind)) return;
      const action: CodeAction = { title, kind };
      if (diagnostic) action.diagnostics = [diagnostic];
      if (preferred) action.isPreferred = true;
      const data: ActionData = { uri: document.uri, version: document.version, spec };
      if (this.options.resolveEdits) action.data = data;
      else action.edit = this.editFor(document, spec);
      actions.push(action);
    };

    const rulesSeen = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnostic.data as Partial<DiagnosticData> | undefined;
      if (data?.version !== document.version || data.index === undefined) continue;
      const message = document.messages[data.index];
      if (!message) continue;
      const ruleId = message.ruleId;
      if (ruleId === null) {
        // An unused eslint-disable comment: its fix removes it.
        if (!message.fix) continue;
        add('Remove the unused eslint-disable comment', CodeActionKind.QuickFix, { kind: 'fix', index: data.index }, diagnostic, true);
        if (!rulesSeen.has('') && document.messages.filter((other) => other.ruleId === null && other.fix).length > 1) {
          rulesSeen.add('');
          add('Remove all unused eslint-disable comments in this file', CodeActionKind.QuickFix, { kind: 'fixRule', ruleId: null });
        }
        continue;
      }
      if (message.fix) add(`Fix this ${ruleId} problem`, CodeActionKind.QuickFix, { kind: 'fix', index: data.index }, diagnostic, true);
      message.suggestions?.forEach((suggestion, index) =>
        add(suggestion.desc, CodeActionKind.QuickFix, { kind: 'suggestion', index: data.index!, suggestion: index }, diagnostic),
      );
      add(`Disable ${ruleId} for this line`, CodeActionKind.QuickFix, { kind: 'disableLine', index: data.index }, diagnostic);
      add(`Disable ${ruleId} for the entire file`, CodeActionKind.QuickFix, { kind: 'disableFile', index: data.index }, diagnostic);
      if (rulesSeen.has(ruleId)) continue;
      rulesSeen.add(ruleId);
      const href = ruleDocsUrl(ruleId);
      if (href && wants(CodeActionKind.QuickFix)) {
        actions.push({
          title: `Show documentation for ${ruleId}`,
          kind: CodeActionKind.QuickFix,
          command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [href] },
        });
      }
      if (document.messages.filter((other) => other.ruleId === ruleId && other.fix).length > 1) {
        add(`Fix all ${ruleId} problems in this file`, CodeActionKind.QuickFix, { kind: 'fixRule', ruleId });
      }
    }
    if (document.messages.some((message) => message.fix)) {
      add('Fix all auto-fixable Async Guard problems', FIX_ALL_KIND, { kind: 'fixAll' });
    }
    if (this.helpers && wants(CodeActionKind.RefactorRewrite)) {
      const text = TextDocument.create(document.uri, 'typescript', document.version, document.text);
      const range: [number, number] = [text.offsetAt(params.range.start), text.offsetAt(params.range.end)];
      this.helpers.refactorsAt(document, range).forEach((refactor, index) =>
        add(refactor.title, CodeActionKind.RefactorRewrite, { kind: 'refactor', range, index }),
      );
    }
    return actions;
  }

  /** Fills in the edit of an action returned without one; undefined when the version is gone. */
  resolve(action: CodeAction, document: LintedDocument | undefined): CodeAction {
    const data = action.data as ActionData | undefined;
    if (!data || !document || document.version !== data.version) return action;
    return { ...action, edit: this.editFor(document, data.spec) };
  }

  /** The edit that fixes every fixable finding it can in one pass (`source.fixAll`). */
  fixAllEdit(document: LintedDocument): WorkspaceEdit {
    return this.editFor(document, { kind: 'fixAll' });
  }

  private editFor(document: LintedDocument, spec: ActionSpec): WorkspaceEdit {
    const fixes = this.fixesFor(document, spec);
    const withHelpers = this.helpers?.workspaceEdit(document, fixes, this.options);
    if (withHelpers) return withHelpers;
    const text = TextDocument.create(document.uri, 'typescript', document.version, document.text);
    const edits = fixes.map(
      (fix): TextEdit => ({
        range: { start: text.positionAt(fix.range[0]), end: text.positionAt(fix.range[1]) },
        newText: fix.text,
      }),
    );
    if (this.options.documentChanges) {
      return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
    }
    return { changes: { [document.uri]: edits } };
  }

  private fixesFor(document: LintedDocument, spec: ActionSpec): Fix[] {
    switch (spec.kind) {
      case 'fix':
        return optional(fixOf(document.messages[spec.index], document.text));
      case 'suggestion':
        return optional(document.messages[spec.index]?.suggestions?.[spec.suggestion]?.fix);
      case 'disableLine':
        return [disableLineFix(document.text, document.messages[spec.index]!)];
      case 'disableFile':
        return [disableFileFix(document.text, document.messages[spec.index]!.ruleId!)];
      case 'fixRule':
        return applyFixes(document.text, fixesOf(document.messages.filter((message) => message.ruleId === spec.ruleId), document.text)).applied;
      case 'fixAll':
        return applyFixes(document.text, fixesOf(document.messages, document.text)).applied;
      case 'refactor':
        return optional(this.helpers?.refactorsAt(document, spec.range)[spec.index]?.fix);
    }
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function fixesOf(messages: readonly Linter.LintMessage[], text: string): Fix[] {
  return messages.flatMap((message) => optional(fixOf(message, text)));
}

/**
 * The message's fix. ESLint removes an unused directive comment but leaves its line behind
 * (blank, or a lone space); when nothing else is on that line, the line goes too.
 */
function fixOf(message: Linter.LintMessage | undefined, text: string): Fix | undefined {
  const fix = message?.fix;
  if (!fix || message.ruleId !== null) return fix;
  const lineStart = text.lastIndexOf('\n', fix.range[0] - 1) + 1;
  const newline = text.indexOf('\n', fix.range[1]);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const rest = text.slice(lineStart, fix.range[0]) + fix.text + text.slice(fix.range[1], lineEnd);
  return rest.trim() === '' ? { range: [lineStart, lineEnd], text: '' } : fix;
}

/** `// eslint-disable-next-line <rule>` above the finding's line, indented like it. */
function disableLineFix(text: string, message: Linter.LintMessage): Fix {
  const lineStart = offsetOfLine(text, message.line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: [lineStart, lineStart], text: `${indent}// eslint-disable-next-line ${message.ruleId}${eol}` };
}

/** `/* eslint-disable <rule> *\/` at the top of the file, after a shebang line. */
function disableFileFix(text: string, ruleId: string): Fix {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const start = text.startsWith('#!') ? offsetOfLine(text, 2) : 0;
  const prefix = start > 0 && !text.slice(0, start).endsWith('\n') ? eol : '';
  return { range: [start, start], text: `${prefix}/* eslint-disable ${ruleId} */${eol}` };
}

/** Offset of the start of a 1-based line (the end of the text past the last line). */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}
