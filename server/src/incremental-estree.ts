import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { getScriptKind } from '@typescript-eslint/typescript-estree/use-at-your-own-risk';
import ts from 'typescript';
import { firstAtOrAfter, nodeAt, statementListOf } from './estree-lookup.js';
import { isNoShift, shiftNode, shiftToken, type Shift } from './estree-shift.js';
import { changeRangeBetween } from './text-snapshot.js';

/** The last text that parsed, and its ESTree: what the next parse starts from. */
interface Base {
  text: string;
  program: TSESTree.Program;
  /**
   * Every statement of a statement list (at any depth) that has a node in `program`, with the
   * kind of node that held it: a statement moved into another kind of holder is converted again.
   */
  statements: WeakMap<ts.Statement, ts.SyntaxKind>;
}

interface FileState {
  /** This class's own parse chain, following every text (those that do not parse too). */
  sourceFile: ts.SourceFile;
  text: string;
  base: Base | undefined;
}

/** A statement kept from the base: its node, tokens and comments, still at their old places. */
interface Kept {
  statement: ts.Statement;
  tree: TSESTree.Node;
  tokens: TSESTree.Token[];
  comments: TSESTree.Comment[];
}

/** What one parse did, for traces and tests. */
export interface ParseStats {
  /** Statements kept from the last parse (nested ones inside them not counted). */
  kept: number;
  /** Whether the whole text was converted. */
  full: boolean;
}

/**
 * The ESTree of a file's text, built from the last one. TypeScript's incremental parser tells
 * which statements an edit left untouched (it reuses their nodes, at any depth); those keep
 * their ESTree, tokens and comments, moved to their new positions, and only the rest is
 * converted. The rest is converted by parsing a copy of the text in which the kept statements
 * are blanked to spaces (line breaks stay, so every position and line is that of the real text),
 * then the kept nodes are put back into their statement lists.
 *
 * The result equals typescript-estree's parse of the whole text (its tests compare the two over
 * random edits); the conversion is most of a parse, and an edit changes a statement or two. The
 * blanked copy is checked against the real parse: every statement list that got a kept node
 * back must have exactly the real list's statements, at their places, with the same directives.
 * When it does not, or anything else is off, the text is converted in full.
 */
export class IncrementalEstree {
  private readonly files = new Map<string, FileState>();
  lastStats: ParseStats = { kept: 0, full: true };

  forget(fileName: string): void {
    this.files.delete(fileName);
  }

  /** The ESTree of `text` (with tokens and comments); throws typescript-estree's error when it does not parse. */
  parse(fileName: string, text: string): TSESTree.Program {
    let state = this.files.get(fileName);
    if (state?.base?.text === text) return state.base.program;
    state = this.advance(fileName, text, state);
    // A text that does not parse: say so at once, without converting anything.
    const error = firstSyntaxError(state.sourceFile);
    if (error) throw error;
    const base = state.base;
    if (base) {
      try {
        const program = this.rebuild(fileName, state, base);
        if (program) return program;
      } catch {
        // Not expected; the base may be half moved, so it is replaced by a full conversion below.
      }
    }
    // Converted in full: the first text, after a failed check, or with nothing to keep.
    const program = convert(fileName, text);
    state.base = { text, program, statements: allStatements(state.sourceFile) };
    this.lastStats = { kept: 0, full: true };
    return program;
  }

  /** Brings the file's own parse chain to `text`. */
  private advance(fileName: string, text: string, state: FileState | undefined): FileState {
    let sourceFile: ts.SourceFile | undefined;
    if (state) {
      try {
        sourceFile = ts.updateSourceFile(state.sourceFile, text, changeRangeBetween(state.text, text));
      } catch {
        state.base = undefined; // a failed incremental parse leaves the old tree unusable
      }
    }
    sourceFile ??= ts.createSourceFile(
      fileName,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      getScriptKind(fileName, false),
    );
    const next: FileState = { sourceFile, text, base: state?.base };
    this.files.set(fileName, next);
    return next;
  }

  /** The program from the base and a blanked parse; undefined when it cannot be trusted. */
  private rebuild(fileName: string, state: FileState, base: Base): TSESTree.Program | undefined {
    const { sourceFile } = state;
    const change = changeRangeBetween(base.text, sourceFile.text);
    const unchangedBefore = change.span.start;
    const unchangedAfter = change.span.start + change.newLength; // new positions from here on were old ones - delta
    const delta = change.newLength - change.span.length;
    const oldRange = (start: number, end: number): [number, number] | undefined => {
      if (end <= unchangedBefore) return [start, end];
      if (start >= unchangedAfter) return [start - delta, end - delta];
      return undefined;
    };

    const found = keptStatements(sourceFile, base, oldRange);
    if (found.kept.length === 0) return undefined;
    let converted: TSESTree.Program;
    try {
      converted = convert(fileName, blankedText(sourceFile, found.kept));
    } catch {
      return undefined; // the blanked copy parses differently: convert the real text instead
    }

    // Everything is looked up in the base before any kept node moves.
    const kept: Kept[] = [];
    for (const statement of found.kept) {
      const old = oldRange(statement.getStart(sourceFile), statement.end)!;
      const tree = nodeAt(base.program, old[0], old[1], (node) => node.type !== 'Program');
      if (!tree) return undefined;
      kept.push({ statement, tree, tokens: within(base.program.tokens!, old), comments: within(base.program.comments!, old) });
    }
    if (!putBack(converted, sourceFile, kept)) return undefined;

    for (const entry of kept) move(entry, sourceFile);
    converted.tokens = merged(converted.tokens!, kept.map((entry) => entry.tokens));
    converted.comments = merged(converted.comments!, kept.map((entry) => entry.comments));
    converted.sourceType = ts.isExternalModule(sourceFile) ? 'module' : 'script'; // the imports may be blanked
    for (const statement of found.visited) base.statements.set(statement, statement.parent.kind);
    state.base = { text: sourceFile.text, program: converted, statements: base.statements };
    this.lastStats = { kept: kept.length, full: false };
    return converted;
  }
}

/** TypeScript's first syntax error in the file, in the words and place typescript-estree would give. */
function firstSyntaxError(sourceFile: ts.SourceFile): Error | undefined {
  const diagnostic = (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (!diagnostic) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
  const error = new SyntaxError(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  Object.assign(error, { lineNumber: line + 1, column: character, index: diagnostic.start });
  return error;
}

function convert(fileName: string, text: string): TSESTree.Program {
  return parse(text, { filePath: fileName, jsx: false, range: true, loc: true, tokens: true, comment: true, suppressDeprecatedPropertyWarnings: true });
}

/** The statements of the lists of a node, when it holds statements. */
function statementsOf(node: ts.Node): ts.NodeArray<ts.Statement> | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.DefaultClause:
      return (node as ts.Block).statements;
    default:
      return undefined;
  }
}

/**
 * The statements to keep, outermost first in text order: reused by TypeScript, known in the
 * base under the same kind of holder, at a place the edit did not touch, with the same text.
 * `visited` are the statements looked at and not kept (they are in the new ESTree too).
 */
function keptStatements(
  sourceFile: ts.SourceFile,
  base: Base,
  oldRange: (start: number, end: number) => [number, number] | undefined,
): { kept: ts.Statement[]; visited: ts.Statement[] } {
  const kept: ts.Statement[] = [];
  const visited: ts.Statement[] = [];
  const keep = (statement: ts.Statement, holder: ts.Node): boolean => {
    if (base.statements.get(statement) !== holder.kind || isStringStatement(statement)) return false;
    const old = oldRange(statement.pos, statement.end);
    return old !== undefined && sourceFile.text.slice(statement.pos, statement.end) === base.text.slice(old[0], old[1]);
  };
  const visit = (node: ts.Node): void => {
    const statements = statementsOf(node);
    if (!statements) {
      ts.forEachChild(node, visit);
      return;
    }
    if (ts.isCaseClause(node)) visit(node.expression);
    for (const statement of statements) {
      if (keep(statement, node)) {
        kept.push(statement);
      } else {
        visited.push(statement);
        visit(statement);
      }
    }
  };
  visit(sourceFile);
  return { kept, visited };
}

/** Every statement of every statement list in the file, with its holder's kind. */
function allStatements(sourceFile: ts.SourceFile): WeakMap<ts.Statement, ts.SyntaxKind> {
  const statements = new WeakMap<ts.Statement, ts.SyntaxKind>();
  const visit = (node: ts.Node): void => {
    const list = statementsOf(node);
    if (list) for (const statement of list) statements.set(statement, node.kind);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return statements;
}

function isStringStatement(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/** The tokens or comments inside an old range, in order. */
function within<T extends { range: TSESTree.Range }>(items: readonly T[], [start, end]: [number, number]): T[] {
  const from = firstAtOrAfter(items, start);
  let to = from;
  while (to < items.length && items[to]!.range[1] <= end) to++;
  return items.slice(from, to);
}

/**
 * Puts each kept node back into the statement list of the converted tree that must hold it,
 * and checks every list that got one back against the real parse.
 */
function putBack(program: TSESTree.Program, sourceFile: ts.SourceFile, kept: readonly Kept[]): boolean {
  const byHolder = new Map<ts.Node, Kept[]>();
  for (const entry of kept) {
    const holder = entry.statement.parent;
    const entries = byHolder.get(holder);
    if (entries) entries.push(entry);
    else byHolder.set(holder, [entry]);
  }
  for (const [holder, entries] of byHolder) {
    const container = containerOf(program, holder, sourceFile);
    const list = container && statementListOf(container);
    if (!list) return false;
    const all = [...list, ...entries.map((entry) => entry.tree as TSESTree.Statement)];
    const statements = statementsOf(holder)!;
    if (all.length !== statements.length) return false;
    // Kept nodes still carry old positions: order by where their statements are now.
    const startOf = new Map<TSESTree.Node, number>(entries.map((entry) => [entry.tree, entry.statement.getStart(sourceFile)]));
    all.sort((a, b) => (startOf.get(a) ?? a.range[0]) - (startOf.get(b) ?? b.range[0]));
    const prologue = prologueLength(statements);
    for (let index = 0; index < all.length; index++) {
      const node = all[index]!;
      const statement = statements[index]!;
      const entry = startOf.has(node);
      if (!entry && (node.range[0] !== statement.getStart(sourceFile) || node.range[1] !== statement.end)) return false;
      if (entry && startOf.get(node) !== statement.getStart(sourceFile)) return false;
      const directive = node.type === 'ExpressionStatement' && typeof node.directive === 'string';
      if (directive !== index < prologue) return false;
    }
    list.length = 0;
    for (const node of all) (list as TSESTree.Node[]).push(node);
    if (container.type === 'SwitchCase') {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(holder.end);
      container.range = [container.range[0], holder.end];
      container.loc = { start: container.loc.start, end: { line: line + 1, column: character } };
    }
  }
  return true;
}

/** The converted node that holds the statements of a TypeScript statement holder. */
function containerOf(program: TSESTree.Program, holder: ts.Node, sourceFile: ts.SourceFile): TSESTree.Node | undefined {
  if (ts.isSourceFile(holder)) return program;
  // A class's `static { }` is one ESTree node for the TypeScript declaration and its block.
  const outer = ts.isBlock(holder) && ts.isClassStaticBlockDeclaration(holder.parent) ? holder.parent : holder;
  // A `case` ends where its last statement ends, which may be blanked: found by its start.
  const end = ts.isCaseOrDefaultClause(holder) ? undefined : outer.end;
  return nodeAt(program, outer.getStart(sourceFile), end, (node) => statementListOf(node) !== undefined);
}

function prologueLength(statements: readonly ts.Statement[]): number {
  let length = 0;
  while (length < statements.length && isStringStatement(statements[length]!)) length++;
  return length;
}

/** Moves a kept node, its tokens and comments to where its statement is now. */
function move(entry: Kept, sourceFile: ts.SourceFile): void {
  const start = entry.statement.getStart(sourceFile);
  const now = sourceFile.getLineAndCharacterOfPosition(start);
  const was = entry.tree.loc.start;
  const shift: Shift = { offset: start - entry.tree.range[0], lines: now.line + 1 - was.line, firstLine: was.line, columns: now.character - was.column };
  if (isNoShift(shift)) return;
  shiftNode(entry.tree, shift);
  for (const token of entry.tokens) shiftToken(token, shift);
  for (const comment of entry.comments) shiftToken(comment, shift);
}

/** The converted items and the kept runs (each contiguous, in text order) merged by position. */
function merged<T extends { range: TSESTree.Range }>(converted: readonly T[], runs: readonly (readonly T[])[]): T[] {
  const result: T[] = [];
  let next = 0;
  for (const run of runs) {
    if (run.length === 0) continue;
    const start = run[0]!.range[0];
    while (next < converted.length && converted[next]!.range[0] < start) result.push(converted[next++]!);
    for (const item of run) result.push(item);
  }
  while (next < converted.length) result.push(converted[next++]!);
  return result;
}

/**
 * The text with each kept statement (from its first token to its end) turned to spaces, line
 * breaks kept. Leading comments stay: the blanked parse converts them again.
 */
function blankedText(sourceFile: ts.SourceFile, kept: readonly ts.Statement[]): string {
  const { text } = sourceFile;
  const lineStarts = sourceFile.getLineStarts();
  const parts: string[] = [];
  let at = 0;
  for (const statement of kept) {
    const start = statement.getStart(sourceFile);
    parts.push(text.slice(at, start));
    blankInto(parts, text, lineStarts, start, statement.end);
    at = statement.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Appends `text[start, end)` with everything but line breaks turned to spaces, a line at a time. */
function blankInto(parts: string[], text: string, lineStarts: readonly number[], start: number, end: number): void {
  let line = lineOf(lineStarts, start);
  let at = start;
  while (at < end) {
    const nextLine = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    const lineEnd = Math.min(nextLine, end);
    // The line break (one character, or two for \r\n) ends the line when it lies in the range.
    let breakStart = lineEnd;
    if (lineEnd === nextLine && line + 1 < lineStarts.length) {
      breakStart = nextLine - 1;
      if (text.charCodeAt(breakStart) === 10 && breakStart > at && text.charCodeAt(breakStart - 1) === 13) breakStart--;
    }
    parts.push(spaces(breakStart - at), text.slice(breakStart, lineEnd));
    at = lineEnd;
    line++;
  }
}

function lineOf(lineStarts: readonly number[], position: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

let blank = ' '.repeat(1024);
function spaces(count: number): string {
  while (blank.length < count) blank += blank;
  return blank.slice(0, count);
}

