import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** A node that holds a list of statements, and that list. */
type StatementList = TSESTree.ProgramStatement[] | TSESTree.Statement[];

/** The statement list a node holds, if it is one of the nodes that hold one. */
export function statementListOf(node: TSESTree.Node): StatementList | undefined {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
    case 'TSModuleBlock':
      return node.body;
    case 'SwitchCase':
      return node.consequent;
    default:
      return undefined;
  }
}

/**
 * The outermost node under `root` whose range is exactly `[start, end]` (or that starts at
 * `start`, when `end` is undefined) and that `accept`s, found by descending through the
 * children that contain the range.
 */
export function nodeAt(root: TSESTree.Node, start: number, end: number | undefined, accept: (node: TSESTree.Node) => boolean): TSESTree.Node | undefined {
  let node: TSESTree.Node | undefined = root;
  while (node) {
    if (node.range[0] === start && (end === undefined || node.range[1] === end) && accept(node)) return node;
    node = childContaining(node, start, end ?? start);
  }
  return undefined;
}

function childContaining(node: TSESTree.Node, start: number, end: number): TSESTree.Node | undefined {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value as (TSESTree.Node | null)[]) if (child && contains(child, start, end)) return child;
    } else if (value && typeof value === 'object' && contains(value as TSESTree.Node, start, end)) {
      return value as TSESTree.Node;
    }
  }
  return undefined;
}

function contains(node: TSESTree.Node, start: number, end: number): boolean {
  return node.range[0] <= start && end <= node.range[1];
}

/** The index of the first item whose range starts at or after `position` (items sorted by range). */
export function firstAtOrAfter(items: readonly { range: TSESTree.Range }[], position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.range[0] < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
