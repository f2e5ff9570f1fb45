import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Secondary places a finding points at: the blocking call at the end of a call chain, the stale
 * read and the await of a lost update. ESLint's LintMessage has no room for them, so rules record
 * them here, keyed by the SourceCode object of the run, and the language server reads them back
 * after `Linter#verify`. Plain ESLint users see the same facts in the message text.
 */
export interface RelatedLocation {
  /** Absolute path of the file, or the linted file's name when the location is in the same file. */
  filename: string;
  /** 1-based line, 0-based column, as ESLint reports them. */
  loc: TSESTree.SourceLocation;
  message: string;
}

export interface RelatedEntry {
  ruleId: string;
  /** Start of the report, 1-based line and 1-based column, exactly as in ESLint's LintMessage. */
  line: number;
  column: number;
  related: RelatedLocation[];
}

const entries = new WeakMap<object, RelatedEntry[]>();

/** Reports a finding through `context.report` and records its related locations. */
export function reportWithRelated<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node | TSESTree.Token },
  related: RelatedLocation[],
): void {
  context.report(descriptor);
  if (related.length === 0) return;
  const loc = descriptor.loc ?? descriptor.node.loc;
  const start = "start" in loc ? loc.start : loc;
  let list = entries.get(context.sourceCode);
  if (!list) {
    list = [];
    entries.set(context.sourceCode, list);
  }
  list.push({ ruleId: context.id, line: start.line, column: start.column + 1, related });
}

/** The related locations recorded while linting the given SourceCode object. */
export function relatedLocationsOf(sourceCode: object): readonly RelatedEntry[] {
  return entries.get(sourceCode) ?? [];
}
