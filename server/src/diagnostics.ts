import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Linter } from 'eslint';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver';
import type { RelatedEntry } from '../../rules/src/related-locations.js';
import { pluginRules } from './linter.js';

export const DIAGNOSTIC_SOURCE = 'async-guard';

/** What a diagnostic carries back to the server when the client asks for code actions. */
export interface DiagnosticData {
  /** The document version the finding belongs to. */
  version: number;
  /** Index of the message in that version's lint result. */
  index: number;
}

/** The documentation page of a rule, from its metadata. */
export function ruleDocsUrl(ruleId: string): string | undefined {
  return pluginRules[ruleId]?.meta?.docs?.url;
}

/** Converts ESLint's findings for one document version into LSP diagnostics. */
export function toDiagnostics(
  messages: readonly Linter.LintMessage[],
  related: readonly RelatedEntry[],
  document: { uri: string; fileName: string; version: number },
): Diagnostic[] {
  const { version } = document;
  return messages.map((message, index) => {
    const diagnostic: Diagnostic = {
      range: rangeOf(message),
      severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: message.message,
      data: { version, index } satisfies DiagnosticData,
    };
    if (message.ruleId) {
      diagnostic.code = message.ruleId;
      const href = ruleDocsUrl(message.ruleId);
      if (href) diagnostic.codeDescription = { href };
      if (pluginRules[message.ruleId]?.meta?.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
    } else if (/Unused eslint-disable directive/.test(message.message)) {
      diagnostic.tags = [DiagnosticTag.Unnecessary];
    }
    const information = relatedInformation(message, related, document);
    if (information.length > 0) diagnostic.relatedInformation = information;
    return diagnostic;
  });
}

/** ESLint positions: 1-based lines, 1-based UTF-16 columns (the LSP's default encoding). */
function rangeOf(message: Linter.LintMessage): Range {
  const start = { line: Math.max(message.line - 1, 0), character: Math.max(message.column - 1, 0) };
  const end =
    message.endLine !== undefined && message.endColumn !== undefined
      ? { line: message.endLine - 1, character: message.endColumn - 1 }
      : start;
  return { start, end };
}

function relatedInformation(
  message: Linter.LintMessage,
  related: readonly RelatedEntry[],
  document: { uri: string; fileName: string },
): DiagnosticRelatedInformation[] {
  const entry = related.find(
    (candidate) => candidate.ruleId === message.ruleId && candidate.line === message.line && candidate.column === message.column,
  );
  if (!entry) return [];
  return entry.related.map((location) => ({
    location: {
      uri:
        !path.isAbsolute(location.filename) || location.filename === document.fileName
          ? document.uri
          : pathToFileURL(location.filename).href,
      range: {
        start: { line: location.loc.start.line - 1, character: location.loc.start.column },
        end: { line: location.loc.end.line - 1, character: location.loc.end.column },
      },
    },
    message: location.message,
  }));
}
