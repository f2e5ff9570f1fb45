import type { Linter } from 'eslint';
import type ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileLint } from './engine.js';
import type { Focus } from './focused-rules.js';
import { blockPrint, innermostBlock, namesOutside, type StatementPrint } from './body-statements.js';
import { fingerprintOf, functionsAround, functionsWithBodies, sameOutside, syntacticFingerprint, type BodyFingerprint, type FunctionWithBody } from './function-bodies.js';
import { changeRangeBetween } from './text-snapshot.js';

/** The last complete typed result of a document, and what it takes to reuse part of it. */
interface Baseline {
  lint: FileLint;
  /** Changes of other files and of the rule configuration when it was made. */
  outsideChanges: number;
  configVersion: number;
  /** Fingerprints of the function bodies around the edit that led to it, by body start. */
  bodies: Map<number, BodyFingerprint>;
}

/** What both sides of one edit agree on: the state of the project around the document. */
export interface LintContext {
  program: ts.Program;
  outsideChanges: number;
  configVersion: number;
  /** Full ids of the rules that may run on one body alone (see `RuleLinter.focusableRuleIds`). */
  focusable: ReadonlySet<string>;
}

/** A typed lint narrowed to the one function body (or one statement in it) an edit touched. */
export interface FocusPlan {
  /** What the narrowed rules look at in the new text; `replaced` is the same part of the old text. */
  focus: Focus;
  replaced: Focus;
  /** Narrowed to one isolated statement, not the whole body. */
  statement: boolean;
  ruleIds: ReadonlySet<string>;
  baseline: Baseline;
  before: BodyFingerprint;
  delta: number;
  body: FunctionWithBody;
}

const TYPESCRIPT_FILE = /\.(ts|tsx|mts|cts)$/;

/**
 * Reuses typed findings across edits. Typing inside one function body cannot change what any
 * other part of the file (or project) sees, as long as the function's type and the outer
 * variables it assigns stay the same (see `BodyFingerprint`). Then the expensive rules run on
 * that body alone, and their findings elsewhere are carried over from the last complete result,
 * moved by the length the edit added. The fingerprint after the edit is checked against the one
 * before; when they differ the caller lints the whole file. Only TypeScript files take part: in
 * JavaScript, assignments in a body can declare properties of a class.
 */
export class TypedBaselines {
  private readonly baselines = new Map<string, Baseline>();

  forget(fileName: string): void {
    this.baselines.delete(fileName);
  }

  /**
   * The last complete result again, when the text, the other files and the settings are all as
   * they were when it was made (a key typed and erased again): linting is deterministic.
   */
  unchanged(fileName: string, text: string, context: LintContext): FileLint | undefined {
    const baseline = this.baselines.get(fileName);
    if (!baseline || baseline.lint.text !== text) return undefined;
    if (baseline.outsideChanges !== context.outsideChanges || baseline.configVersion !== context.configVersion) return undefined;
    return baseline.lint;
  }

  /** A narrowed lint for the file's new text, when the last result allows one. */
  plan(fileName: string, text: string, context: LintContext): FocusPlan | undefined {
    const baseline = this.baselines.get(fileName);
    if (!baseline || context.focusable.size === 0 || !TYPESCRIPT_FILE.test(fileName)) return undefined;
    if (baseline.outsideChanges !== context.outsideChanges || baseline.configVersion !== context.configVersion) return undefined;
    const sourceFile = context.program.getSourceFile(fileName);
    if (!sourceFile || sourceFile.text !== text) return undefined;
    const change = changeRangeBetween(baseline.lint.text, text);
    const start = change.span.start;
    const oldEnd = start + change.span.length;
    const newEnd = start + change.newLength;
    const delta = change.newLength - change.span.length;
    for (const body of functionsAround(sourceFile, start, newEnd)) {
      const before = baseline.bodies.get(body.body.getStart(sourceFile));
      if (!before) continue;
      // The old body must have held the whole replaced text, and ended where this one ends.
      if (oldEnd >= before.end || before.end + delta !== body.body.end) return undefined;
      const statement = this.statementScope(before, body.body, sourceFile, { start, oldEnd, newEnd, delta });
      // The whole body needs its signature from before the edit, to compare with the one after.
      if (!statement && before.signature === undefined) continue;
      return {
        focus: statement?.focus ?? { start: before.start, end: body.body.end },
        replaced: statement?.replaced ?? { start: before.start, end: before.end },
        statement: statement !== undefined,
        ruleIds: context.focusable,
        baseline,
        before,
        delta,
        body,
      };
    }
    return undefined;
  }

  /**
   * Narrower still: the statements the edit reached (or the gap between two), in the innermost
   * block around it, when each is isolated (see `StatementPrint`) before and after the edit and
   * nothing else in the body reads a name they declare. Then the rest of the body sees the same
   * types as before.
   */
  private statementScope(
    before: BodyFingerprint,
    block: ts.Block,
    sourceFile: ts.SourceFile,
    change: { start: number; oldEnd: number; newEnd: number; delta: number },
  ): { focus: Focus; replaced: Focus } | undefined {
    // The innermost block around the edit, and the same block before it.
    const inner = innermostBlock(block, change.start, change.newEnd, sourceFile);
    const printed = blockPrint(inner, sourceFile);
    const old = before.blocks.find((candidate) => candidate.start === printed.start);
    if (!old || old.end + change.delta !== printed.end || change.oldEnd >= old.end) return undefined;
    // The region the edit reached, [from, to) in old offsets and [from, to + delta) in new ones,
    // grown until it holds every statement it touches on either side: typing `= g` after
    // `const addresses` touches no old statement, but the new one starts before the edit.
    let from = change.start;
    let to = change.oldEnd;
    let oldHit: StatementPrint[];
    let newHit: StatementPrint[];
    for (;;) {
      const [regionStart, regionEnd] = [from, to];
      oldHit = old.statements.filter((statement) => statement.start <= regionEnd && regionStart <= statement.end);
      newHit = printed.statements.filter((statement) => statement.start <= regionEnd + change.delta && regionStart <= statement.end);
      const grownFrom = Math.min(from, ...oldHit.map((statement) => statement.start), ...newHit.map((statement) => statement.start));
      const grownTo = Math.max(to, ...oldHit.map((statement) => statement.end), ...newHit.map((statement) => statement.end - change.delta));
      if (grownFrom === from && grownTo === to) break;
      [from, to] = [grownFrom, grownTo];
    }
    if (![...oldHit, ...newHit].every((statement) => statement.isolated)) return undefined;
    // Every other statement is the same text at the same place (moved by the edit when after it).
    const others = (list: StatementPrint[], hit: StatementPrint[], shift: number): string =>
      list.filter((statement) => !hit.includes(statement)).map((statement) => (statement.start >= change.start ? `${statement.start + shift}-${statement.end + shift}` : `${statement.start}-${statement.end}`)).join(',');
    if (others(old.statements, oldHit, change.delta) !== others(printed.statements, newHit, 0)) return undefined;
    const focus = { start: from, end: to + change.delta };
    const readElsewhere = namesOutside(block, focus.start, focus.end, sourceFile);
    if ([...oldHit, ...newHit].some((statement) => statement.declares.some((name) => readElsewhere.has(name)))) return undefined;
    return { focus, replaced: { start: from, end: to } };
  }

  /**
   * The complete result of a narrowed lint: its own findings in the body (and of every rule that
   * is not narrowed), the baseline's elsewhere. Undefined when the edit changed what the rest
   * of the file sees of the body: then only a lint of the whole file gives the right answer.
   */
  merge(plan: FocusPlan, run: FileLint, program: ts.Program): { lint: FileLint; fingerprint: BodyFingerprint } | undefined {
    const sourceFile = program.getSourceFile(run.fileName)!;
    const after = plan.statement
      ? syntacticFingerprint(plan.body, sourceFile, plan.before.signature)
      : fingerprintOf(plan.body, sourceFile, program.getTypeChecker());
    if (!after || !sameOutside(plan.before, after, plan.delta)) return undefined;
    const oldText = TextDocument.create('', '', 0, plan.baseline.lint.text);
    const newText = TextDocument.create('', '', 0, run.text);
    const fresh = run.messages.filter((message) => !plan.ruleIds.has(message.ruleId ?? '') || touches(message, plan.focus, newText));
    const kept = plan.baseline.lint.messages
      .filter((message) => plan.ruleIds.has(message.ruleId ?? '') && !touches(message, plan.replaced, oldText))
      .map((message) => moved(message, plan.replaced.end, plan.delta, oldText, newText));
    const messages = [...fresh, ...kept].sort((a, b) => a.line - b.line || a.column - b.column);
    return { lint: { ...run, messages }, fingerprint: after };
  }

  /**
   * Keeps a complete typed result as the baseline for the next edit of the file, with every
   * body's fingerprint from syntax (enough for an edit inside one isolated statement) and, for
   * the bodies around this edit, the signature too (needed to re-check a whole body).
   */
  remember(lint: FileLint, context: LintContext, fingerprint?: BodyFingerprint): void {
    const previous = this.baselines.get(lint.fileName);
    const bodies = new Map<number, BodyFingerprint>();
    const sourceFile = TYPESCRIPT_FILE.test(lint.fileName) ? context.program.getSourceFile(lint.fileName) : undefined;
    if (sourceFile) {
      for (const body of functionsWithBodies(sourceFile)) {
        const print = syntacticFingerprint(body, sourceFile);
        bodies.set(print.start, print);
      }
      if (fingerprint) bodies.set(fingerprint.start, fingerprint);
      else if (previous) {
        const change = changeRangeBetween(previous.lint.text, lint.text);
        for (const body of functionsAround(sourceFile, change.span.start, change.span.start + change.newLength)) {
          const print = fingerprintOf(body, sourceFile, context.program.getTypeChecker());
          if (print) bodies.set(print.start, print);
        }
      }
    }
    this.baselines.set(lint.fileName, { lint, outsideChanges: context.outsideChanges, configVersion: context.configVersion, bodies });
  }
}

/** Whether a finding, or the text its fixes would replace, overlaps the part re-linted. */
function touches(message: Linter.LintMessage, part: Focus, text: TextDocument): boolean {
  const overlaps = (start: number, end: number): boolean => start < part.end && end > part.start;
  const start = text.offsetAt({ line: message.line - 1, character: message.column - 1 });
  const end = message.endLine === undefined ? start + 1 : text.offsetAt({ line: message.endLine - 1, character: (message.endColumn ?? 1) - 1 });
  if (overlaps(start, Math.max(end, start + 1))) return true;
  const fixes = [message.fix, ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)];
  return fixes.some((fix) => fix !== undefined && overlaps(fix.range[0], Math.max(fix.range[1], fix.range[0] + 1)));
}

/** A finding of the old text at its place in the new one: after the re-linted part, moved by `delta`. */
function moved(message: Linter.LintMessage, partEnd: number, delta: number, oldText: TextDocument, newText: TextDocument): Linter.LintMessage {
  if (delta === 0) return message;
  const shift = (offset: number): number => (offset >= partEnd ? offset + delta : offset);
  const position = (line: number, column: number): { line: number; column: number } => {
    const at = newText.positionAt(shift(oldText.offsetAt({ line: line - 1, character: column - 1 })));
    return { line: at.line + 1, column: at.character + 1 };
  };
  const movedFix = (fix: Linter.LintMessage['fix']): Linter.LintMessage['fix'] => fix && { ...fix, range: [shift(fix.range[0]), shift(fix.range[1])] };
  const start = position(message.line, message.column);
  const end = message.endLine === undefined ? undefined : position(message.endLine, message.endColumn ?? 1);
  return {
    ...message,
    ...start,
    ...(end && { endLine: end.line, endColumn: end.column }),
    ...(message.fix && { fix: movedFix(message.fix) }),
    ...(message.suggestions && { suggestions: message.suggestions.map((suggestion) => ({ ...suggestion, fix: movedFix(suggestion.fix)! })) }),
  };
}
