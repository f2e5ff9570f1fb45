import type { Linter } from 'eslint';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileLint } from './engine.js';
import type { Focus } from './focused-rules.js';
import { blockPrint, innermostBlock, namesOutside } from './body-statements.js';
import { editedRegion, type TextChange } from './edit-region.js';
import { fingerprintOf, functionsAround, functionsWithBodies, sameOutside, syntacticFingerprint, type BodyFingerprint, type FunctionWithBody } from './function-bodies.js';
import { scriptKindOf } from './helpers/module-statements.js';
import { changeRangeBetween } from './text-snapshot.js';
import { exportedNames, unitPrints, unitReads, unitsReached, type UnitPrint } from './top-level-units.js';

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

/** A typed lint narrowed to the parts of the file an edit can have changed. */
export interface FocusPlan {
  /** What the narrowed rules look at in the new text; `replaced` is the same parts of the old text, in the same order. */
  focus: Focus[];
  replaced: Focus[];
  /** One statement of a body, one body, or the top-level statements the edit's names reach. */
  scope: 'statement' | 'body' | 'units';
  ruleIds: ReadonlySet<string>;
  baseline: Baseline;
  /** The edited region's end in the old text: findings from there on move by `delta`. */
  editEnd: number;
  delta: number;
  /** For a statement or body: the function, whose outside must look the same after the edit. */
  body?: { node: FunctionWithBody; before: BodyFingerprint };
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

  /** A lint narrowed to the edited function body (or one statement in it), when the last result allows one. */
  plan(fileName: string, text: string, context: LintContext): FocusPlan | undefined {
    const usable = this.usable(fileName, text, context);
    if (!usable) return undefined;
    const { baseline, sourceFile, change } = usable;
    for (const body of functionsAround(sourceFile, change.start, change.newEnd)) {
      const before = baseline.bodies.get(body.body.getStart(sourceFile));
      if (!before) continue;
      // The old body must have held the whole replaced text, and ended where this one ends.
      if (change.oldEnd >= before.end || before.end + change.delta !== body.body.end) return undefined;
      const statement = this.statementScope(before, body.body, sourceFile, change);
      // The whole body needs its signature from before the edit, to compare with the one after.
      if (!statement && before.signature === undefined) continue;
      const replaced = statement?.replaced ?? { start: before.start, end: before.end };
      return {
        focus: [statement?.focus ?? { start: before.start, end: body.body.end }],
        replaced: [replaced],
        scope: statement ? 'statement' : 'body',
        ruleIds: context.focusable,
        baseline,
        editEnd: replaced.end,
        delta: change.delta,
        body: { node: body, before },
      };
    }
    return undefined;
  }

  /**
   * Wider: the top-level statements the edit reached, and every other one that reads a name
   * whose type they may have changed (see `unitsReached`): a signature changed, or an edit
   * whose function's type was not worked out. Their findings are new, the others' carried over.
   */
  planUnits(fileName: string, text: string, context: LintContext): FocusPlan | undefined {
    const usable = this.usable(fileName, text, context);
    if (!usable) return undefined;
    const { baseline, sourceFile, change } = usable;
    const units = unitReads(sourceFile);
    // The old text's top-level statements, parsed only now: most edits never need them.
    const oldFile = ts.createSourceFile(fileName, baseline.lint.text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
    const region = editedRegion(unitPrints(oldFile), units, change);
    if (!region) return undefined;
    const edited = [...region.oldHit, ...region.newHit];
    const gap = (source: string, from: number, to: number): boolean => /eslint-(disable|enable)/.test(source.slice(from, to));
    // What other files see may have changed, and their types can come back through imports.
    if (edited.some((unit) => unit.exports)) return undefined;
    if (edited.some((unit) => unit.hasDirective) || gap(baseline.lint.text, region.from, region.to) || gap(text, region.from, region.to + change.delta)) return undefined;
    const changed = edited.flatMap((unit) => [...unit.declares, ...unit.writes]);
    const reached = unitsReached(units, new Set(region.newHit.map((unit) => units.indexOf(unit as (typeof units)[number]))), changed, exportedNames(sourceFile));
    if (!reached) return undefined;
    const others = [...reached].map((index) => units[index]!).filter((unit) => !(region.newHit as UnitPrint[]).includes(unit));
    const regionEnd = region.to + change.delta;
    const before = (unit: Focus): Focus => (unit.start >= regionEnd ? { start: unit.start - change.delta, end: unit.end - change.delta } : { start: unit.start, end: unit.end });
    return {
      focus: [{ start: region.from, end: regionEnd }, ...others.map((unit) => ({ start: unit.start, end: unit.end }))],
      replaced: [{ start: region.from, end: region.to }, ...others.map(before)],
      scope: 'units',
      ruleIds: context.focusable,
      baseline,
      editEnd: region.to,
      delta: change.delta,
    };
  }

  /** The baseline for a narrowed lint of the new text, and the edit between them. */
  private usable(fileName: string, text: string, context: LintContext): { baseline: Baseline; sourceFile: ts.SourceFile; change: TextChange } | undefined {
    const baseline = this.baselines.get(fileName);
    if (!baseline || context.focusable.size === 0 || !TYPESCRIPT_FILE.test(fileName)) return undefined;
    if (baseline.outsideChanges !== context.outsideChanges || baseline.configVersion !== context.configVersion) return undefined;
    const sourceFile = context.program.getSourceFile(fileName);
    if (!sourceFile || sourceFile.text !== text) return undefined;
    const range = changeRangeBetween(baseline.lint.text, text);
    const start = range.span.start;
    const change = { start, oldEnd: start + range.span.length, newEnd: start + range.newLength, delta: range.newLength - range.span.length };
    return { baseline, sourceFile, change };
  }

  /**
   * Narrower still: the statements the edit reached (or the gap between two), in the innermost
   * block around it, when each is isolated (see `StatementPrint`) before and after the edit and
   * nothing else in the body reads a name they declare. Then the rest of the body sees the same
   * types as before.
   */
  private statementScope(before: BodyFingerprint, block: ts.Block, sourceFile: ts.SourceFile, change: TextChange): { focus: Focus; replaced: Focus } | undefined {
    // The innermost block around the edit, and the same block before it.
    const inner = innermostBlock(block, change.start, change.newEnd, sourceFile);
    const printed = blockPrint(inner, sourceFile);
    const old = before.blocks.find((candidate) => candidate.start === printed.start);
    if (!old || old.end + change.delta !== printed.end || change.oldEnd >= old.end) return undefined;
    const region = editedRegion(old.statements, printed.statements, change);
    if (!region) return undefined;
    const hit = [...region.oldHit, ...region.newHit];
    if (!hit.every((statement) => statement.isolated)) return undefined;
    const focus = { start: region.from, end: region.to + change.delta };
    const readElsewhere = namesOutside(block, focus.start, focus.end, sourceFile);
    if (hit.some((statement) => statement.declares.some((name) => readElsewhere.has(name)))) return undefined;
    return { focus, replaced: { start: region.from, end: region.to } };
  }

  /**
   * The complete result of a narrowed lint: its own findings in the body (and of every rule that
   * is not narrowed), the baseline's elsewhere. Undefined when the edit changed what the rest
   * of the file sees of the body: then only a lint of the whole file gives the right answer.
   */
  merge(plan: FocusPlan, run: FileLint, program: ts.Program): { lint: FileLint; fingerprint?: BodyFingerprint } | undefined {
    let fingerprint: BodyFingerprint | undefined;
    if (plan.body) {
      const sourceFile = program.getSourceFile(run.fileName)!;
      const { node, before } = plan.body;
      fingerprint = plan.scope === 'statement' ? syntacticFingerprint(node, sourceFile, before.signature) : fingerprintOf(node, sourceFile, program.getTypeChecker());
      if (!fingerprint || !sameOutside(before, fingerprint, plan.delta)) return undefined;
    }
    const oldText = TextDocument.create('', '', 0, plan.baseline.lint.text);
    const newText = TextDocument.create('', '', 0, run.text);
    const fresh = run.messages.filter((message) => !plan.ruleIds.has(message.ruleId ?? '') || plan.focus.some((part) => touches(message, part, newText)));
    const kept = plan.baseline.lint.messages
      .filter((message) => plan.ruleIds.has(message.ruleId ?? '') && !plan.replaced.some((part) => touches(message, part, oldText)))
      .map((message) => moved(message, plan.editEnd, plan.delta, oldText, newText));
    const messages = [...fresh, ...kept].sort((a, b) => a.line - b.line || a.column - b.column);
    return { lint: { ...run, messages }, fingerprint };
  }

  /**
   * Keeps a complete typed result as the baseline for the next edit of the file, with every
   * body's fingerprint from syntax (enough for an edit inside one isolated statement). The
   * function around the edit gets its signature too (needed to re-check a whole body): the one
   * a narrowed body lint just compared, or after a whole-file lint the checker's (its types are
   * mostly worked out by then). After a lint of reached units, asking would cost a fresh checker's work.
   */
  remember(lint: FileLint, context: LintContext, known: { fingerprint?: BodyFingerprint; signatures: boolean } = { signatures: true }): void {
    const previous = this.baselines.get(lint.fileName);
    const bodies = new Map<number, BodyFingerprint>();
    const sourceFile = TYPESCRIPT_FILE.test(lint.fileName) ? context.program.getSourceFile(lint.fileName) : undefined;
    if (sourceFile) {
      for (const body of functionsWithBodies(sourceFile)) {
        const print = syntacticFingerprint(body, sourceFile);
        bodies.set(print.start, print);
      }
      if (known.fingerprint) bodies.set(known.fingerprint.start, known.fingerprint);
      else if (previous && known.signatures) {
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
