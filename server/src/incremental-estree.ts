import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { getScriptKind } from '@typescript-eslint/typescript-estree/use-at-your-own-risk';
import ts from 'typescript';
import { isNoShift, shiftNode, shiftToken, type Shift } from './estree-shift.js';
import { changeRangeBetween } from './text-snapshot.js';

/** One top-level statement of the last parse of a file, as it was in that text. */
interface StatementEntry {
  /** Full start (leading trivia and its comments included) and end. */
  pos: number;
  end: number;
  /** Line (1-based) and column of `pos`. */
  line: number;
  column: number;
  tree: TSESTree.ProgramStatement;
  tokens: TSESTree.Token[];
  comments: TSESTree.Comment[];
}

interface LastParse {
  text: string;
  /** This class's own parse chain: never shared with a LanguageService, which updates its own. */
  sourceFile: ts.SourceFile;
  statements: Map<ts.Statement, StatementEntry>;
  program?: TSESTree.Program;
}

/** What one parse did, for traces and tests. */
export interface ParseStats {
  statements: number;
  /** Top-level statements converted to ESTree again; the others were kept from the last parse. */
  converted: number;
}

/**
 * The ESTree of a file's text, built from the last one: TypeScript's incremental parser tells
 * which top-level statements an edit left untouched (it reuses their nodes), those keep their
 * ESTree, tokens and comments, moved to their new positions, and only the others are converted.
 * They are converted by parsing a copy of the text in which the kept statements are blanked to
 * spaces (line breaks stay, so every position and line is the same as in the real text).
 *
 * The result is the AST typescript-estree gives for the whole text (its tests compare the two
 * over random edits), at a fraction of the cost on large files: the conversion is most of a
 * parse. Whenever the blanked parse could differ from the real one (its statements do not start
 * and end where the real parse's do, or a directive prologue is involved) the text is converted
 * in full.
 */
export class IncrementalEstree {
  private readonly files = new Map<string, LastParse>();
  lastStats: ParseStats = { statements: 0, converted: 0 };

  forget(fileName: string): void {
    this.files.delete(fileName);
  }

  /** The ESTree of `text` (with tokens and comments); throws typescript-estree's error when it does not parse. */
  parse(fileName: string, text: string): TSESTree.Program {
    const last = this.files.get(fileName);
    if (last?.program && last.text === text) return last.program;
    const sourceFile = this.sourceFileOf(fileName, text, last);
    const next: LastParse = { text, sourceFile, statements: new Map() };
    // Stored before converting: a text that does not parse still updates the parse chain.
    this.files.set(fileName, next);

    const kept = last ? this.keptStatements(sourceFile, last) : new Map<ts.Statement, StatementEntry>();
    let program = kept.size > 0 ? this.assemble(fileName, sourceFile, kept, next) : undefined;
    if (!program) {
      program = this.convert(fileName, text);
      this.remember(sourceFile, program, new Set(sourceFile.statements), next);
      this.lastStats = { statements: sourceFile.statements.length, converted: sourceFile.statements.length };
    }
    next.program = program;
    return program;
  }

  private sourceFileOf(fileName: string, text: string, last: LastParse | undefined): ts.SourceFile {
    if (last) {
      try {
        return ts.updateSourceFile(last.sourceFile, text, changeRangeBetween(last.text, text));
      } catch {
        // An incremental parse that fails leaves the old tree unusable: start over.
      }
    }
    return ts.createSourceFile(
      fileName,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      getScriptKind(fileName, false),
    );
  }

  /** The statements TypeScript reused whose text is the same as before, with their old entries. */
  private keptStatements(sourceFile: ts.SourceFile, last: LastParse): Map<ts.Statement, StatementEntry> {
    const kept = new Map<ts.Statement, StatementEntry>();
    for (const statement of sourceFile.statements) {
      const entry = last.statements.get(statement);
      if (!entry || isStringStatement(statement)) continue;
      if (sourceFile.text.slice(statement.pos, statement.end) !== last.text.slice(entry.pos, entry.end)) continue;
      kept.set(statement, entry);
    }
    return kept;
  }

  /**
   * Converts the statements not kept, by parsing the text with the kept ones blanked, and puts
   * the program together; undefined when the blanked parse does not match the real one.
   */
  private assemble(fileName: string, sourceFile: ts.SourceFile, kept: Map<ts.Statement, StatementEntry>, next: LastParse): TSESTree.Program | undefined {
    const text = sourceFile.text;
    const changed = sourceFile.statements.filter((statement) => !kept.has(statement));
    const converted = this.convert(fileName, blankedText(sourceFile, kept));
    if (!matches(converted.body, changed, sourceFile)) return undefined;

    const body: TSESTree.ProgramStatement[] = [];
    const tokens: TSESTree.Token[] = [];
    const comments: TSESTree.Comment[] = [];
    let nextConverted = 0;
    let nextToken = 0;
    let nextComment = 0;
    for (const statement of sourceFile.statements) {
      const old = kept.get(statement);
      let entry: StatementEntry;
      if (old) {
        entry = moved(old, statement, sourceFile);
      } else {
        const own = (list: TSESTree.Token[] | TSESTree.Comment[], from: number): number => {
          let at = from;
          while (at < list.length && list[at]!.range[0] < statement.end) at++;
          return at;
        };
        const tokenEnd = own(converted.tokens!, nextToken);
        const commentEnd = own(converted.comments!, nextComment);
        const start = sourceFile.getLineAndCharacterOfPosition(statement.pos);
        entry = {
          pos: statement.pos,
          end: statement.end,
          line: start.line + 1,
          column: start.character,
          tree: converted.body[nextConverted++]!,
          tokens: converted.tokens!.slice(nextToken, tokenEnd),
          comments: converted.comments!.slice(nextComment, commentEnd) as TSESTree.Comment[],
        };
        nextToken = tokenEnd;
        nextComment = commentEnd;
      }
      next.statements.set(statement, entry);
      body.push(entry.tree);
      for (const token of entry.tokens) tokens.push(token);
      for (const comment of entry.comments) comments.push(comment);
    }
    // Comments after the last statement belong to no statement and are never blanked.
    for (let at = nextComment; at < converted.comments!.length; at++) comments.push(converted.comments![at]!);
    this.lastStats = { statements: sourceFile.statements.length, converted: changed.length };
    return { ...converted, body, tokens, comments, sourceType: ts.isExternalModule(sourceFile) ? 'module' : 'script' };
  }

  private convert(fileName: string, text: string): TSESTree.Program {
    return parse(text, { filePath: fileName, jsx: false, range: true, loc: true, tokens: true, comment: true, suppressDeprecatedPropertyWarnings: true });
  }

  /** Entries for a program converted in full. */
  private remember(sourceFile: ts.SourceFile, program: TSESTree.Program, statements: Set<ts.Statement>, next: LastParse): void {
    if (program.body.length !== sourceFile.statements.length) return;
    let nextToken = 0;
    let nextComment = 0;
    const tokens = program.tokens ?? [];
    const comments = program.comments ?? [];
    sourceFile.statements.forEach((statement, index) => {
      if (!statements.has(statement)) return;
      const tokenStart = nextToken;
      while (nextToken < tokens.length && tokens[nextToken]!.range[0] < statement.end) nextToken++;
      const commentStart = nextComment;
      while (nextComment < comments.length && comments[nextComment]!.range[0] < statement.end) nextComment++;
      const start = sourceFile.getLineAndCharacterOfPosition(statement.pos);
      next.statements.set(statement, {
        pos: statement.pos,
        end: statement.end,
        line: start.line + 1,
        column: start.character,
        tree: program.body[index]!,
        tokens: tokens.slice(tokenStart, nextToken),
        comments: comments.slice(commentStart, nextComment),
      });
    });
  }
}

/** The text with the kept statements (leading trivia included) turned to spaces, line breaks kept. */
function blankedText(sourceFile: ts.SourceFile, kept: Map<ts.Statement, StatementEntry>): string {
  const { text, statements } = sourceFile;
  const lineStarts = sourceFile.getLineStarts();
  const parts: string[] = [];
  let at = 0;
  let index = 0;
  while (index < statements.length) {
    if (!kept.has(statements[index]!)) {
      index++;
      continue;
    }
    const start = statements[index]!.pos;
    while (index < statements.length && kept.has(statements[index]!)) index++;
    const end = statements[index - 1]!.end;
    parts.push(text.slice(at, start));
    blankInto(parts, text, lineStarts, start, end);
    at = end;
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
    // The line's break (one or two characters) ends it when it lies inside the range.
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

/**
 * Whether the blanked parse found exactly the statements the real parse has where nothing was
 * blanked, at the same places, and no directive the real text does not have.
 */
function matches(body: readonly TSESTree.ProgramStatement[], changed: readonly ts.Statement[], sourceFile: ts.SourceFile): boolean {
  if (body.length !== changed.length) return false;
  const prologue = prologueLength(sourceFile);
  for (let index = 0; index < body.length; index++) {
    const tree = body[index]!;
    const statement = changed[index]!;
    if (tree.range[0] !== statement.getStart(sourceFile) || tree.range[1] !== statement.end) return false;
    const directive = tree.type === 'ExpressionStatement' && typeof tree.directive === 'string';
    if (directive !== sourceFile.statements.indexOf(statement) < prologue) return false;
  }
  return true;
}

function prologueLength(sourceFile: ts.SourceFile): number {
  let length = 0;
  while (length < sourceFile.statements.length && isStringStatement(sourceFile.statements[length]!)) length++;
  return length;
}

function isStringStatement(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/** A kept entry moved to where its statement is now. */
function moved(old: StatementEntry, statement: ts.Statement, sourceFile: ts.SourceFile): StatementEntry {
  const start = sourceFile.getLineAndCharacterOfPosition(statement.pos);
  const shift: Shift = {
    offset: statement.pos - old.pos,
    lines: start.line + 1 - old.line,
    firstLine: old.line,
    columns: start.character - old.column,
  };
  if (!isNoShift(shift)) {
    shiftNode(old.tree, shift);
    for (const token of old.tokens) shiftToken(token, shift);
    for (const comment of old.comments) shiftToken(comment, shift);
  }
  return { ...old, pos: statement.pos, end: statement.end, line: start.line + 1, column: start.character };
}
