import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/**
 * How the text of one unchanged top-level statement moved between two versions of a file: by
 * `offset` characters and `lines` lines. Columns change only on the line where the statement's
 * leading trivia begins (`firstLine`, 1-based, old numbering), since the text before it on that
 * line may have changed; every later line starts inside the statement's own unchanged text.
 */
export interface Shift {
  offset: number;
  lines: number;
  firstLine: number;
  columns: number;
}

export function isNoShift(shift: Shift): boolean {
  return shift.offset === 0 && shift.lines === 0 && shift.columns === 0;
}

/** Moves a node and all its descendants (those ESLint visits) to their new positions. */
export function shiftNode(node: TSESTree.Node, shift: Shift): void {
  moveLocated(node, shift);
  const keys = visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const element of child) if (element) shiftNode(element as TSESTree.Node, shift);
    } else if (child && typeof child === 'object') {
      shiftNode(child as TSESTree.Node, shift);
    }
  }
}

/** Moves a token or comment. */
export function shiftToken(token: TSESTree.Token, shift: Shift): void {
  moveLocated(token, shift);
}

// New range and loc objects rather than changing the old ones in place: typescript-estree gives
// some nodes the same range or loc object as their child, which would otherwise move twice. An
// object whose values stay is kept (typing within a line moves no line, only offsets).
function moveLocated(located: { range: TSESTree.Range; loc: TSESTree.SourceLocation }, shift: Shift): void {
  if (shift.offset !== 0) located.range = [located.range[0] + shift.offset, located.range[1] + shift.offset];
  const { start, end } = located.loc;
  const movedStart = movePosition(start, shift);
  const movedEnd = movePosition(end, shift);
  if (movedStart !== start || movedEnd !== end) located.loc = { start: movedStart, end: movedEnd };
}

function movePosition(position: TSESTree.Position, shift: Shift): TSESTree.Position {
  const columns = position.line === shift.firstLine ? shift.columns : 0;
  if (shift.lines === 0 && columns === 0) return position;
  return { line: position.line + shift.lines, column: position.column + columns };
}
