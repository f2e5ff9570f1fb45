import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachNode } from '../analysis/ast-walk.js';
import type { ArgumentRole, NetworkApi } from '../analysis/network-calls.js';
import type { SignalInScope } from '../analysis/signal-in-scope.js';
import { bindHelper } from './helper-import.js';
import { withProperty } from './object-property.js';

export interface TimeoutSuggestion {
  readonly kind: 'addSignal' | 'wrapWithTimeout';
  /** What the suggestion writes, for its title. */
  readonly text: string;
  readonly fix: TSESLint.ReportFixFunction;
}

export interface TimeoutSuggestionInput {
  readonly call: TSESTree.CallExpression;
  readonly api: NetworkApi;
  /** What each argument of the call is, as the rule read it. */
  readonly roles: readonly ArgumentRole[];
  /** A `signal` in scope that the call should honour too. */
  readonly outerSignal: SignalInScope | undefined;
  readonly timeoutMs: number;
  readonly helperModule: string | undefined;
}

/**
 * The ways to give a network call a deadline:
 * - add `signal: AbortSignal.timeout(ms)` to its options (`AbortSignal.any([signal, …])` when a
 *   signal is in scope), or pass options with it where the call takes them;
 * - for promise APIs, wrap the call as `withTimeout((signal) => call, ms)`, passing the helper's
 *   signal into the call so the request is really cancelled (a call with no known options
 *   position is wrapped as a promise: the wait ends, the work is not cancelled).
 * Sockets (`net.connect`) get none: a signal would also cut a healthy long-lived connection.
 */
export function timeoutSuggestions(sourceCode: Readonly<TSESLint.SourceCode>, input: TimeoutSuggestionInput): TimeoutSuggestion[] {
  if (input.call.optional || input.call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return [];
  const suggestions: TimeoutSuggestion[] = [];
  const signal = signalText(input.outerSignal, input.timeoutMs);
  const added = withOption(sourceCode, input, `signal: ${signal}`);
  if (added) {
    suggestions.push({ kind: 'addSignal', text: `signal: ${signal}`, fix: (fixer) => fixer.replaceTextRange(added.range, added.text) });
  }
  const wrapped = wrapWithTimeout(sourceCode, input);
  if (wrapped) suggestions.push(wrapped);
  return suggestions;
}

function signalText(outer: SignalInScope | undefined, ms: number): string {
  const timeout = `AbortSignal.timeout(${ms})`;
  if (!outer) return timeout;
  const both = `AbortSignal.any([signal, ${timeout}])`;
  return outer.nullable ? `signal ? ${both} : ${timeout}` : both;
}

interface Replacement {
  readonly range: TSESTree.Range;
  readonly text: string;
}

/** The edit that adds `property` to the call's options, creating the options argument if needed. */
function withOption(sourceCode: Readonly<TSESLint.SourceCode>, input: TimeoutSuggestionInput, property: string): Replacement | undefined {
  const { call, api, roles } = input;
  if (api.style === 'socket') return undefined;
  const index = roles.findIndex((role) => role.kind === 'options');
  const role = roles[index];
  if (role?.kind === 'options') {
    if (role.via) return { range: role.via.range, text: `{ ...${role.via.name}, ${property} }` };
    return { range: role.object.range, text: withProperty(sourceCode, role.object, property) };
  }
  const args = call.arguments;
  const position = api.style === 'http' ? 1 : api.optionsArgument;
  if (position === undefined || position > args.length || position === 0) return undefined;
  const before = args[position - 1]!;
  if (position === args.length) return { range: [before.range[1], before.range[1]], text: `, { ${property} }` };
  // `https.get(url, callback)`: the options go between the address and the callback.
  if (api.style !== 'http' || !isFunctionLike(args[position]!)) return undefined;
  return { range: [before.range[1], before.range[1]], text: `, { ${property} }` };
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.Identifier;
}

function wrapWithTimeout(sourceCode: Readonly<TSESLint.SourceCode>, input: TimeoutSuggestionInput): TimeoutSuggestion | undefined {
  const { call, api, timeoutMs } = input;
  if (api.style !== 'fetch' && api.style !== 'custom') return undefined;
  const binding = bindHelper(sourceCode, call, input.helperModule, 'withTimeout');
  if (!binding) return undefined;
  const helper = binding.localName;
  const callText = sourceCode.getText(call);

  let text: string;
  if (api.optionsArgument === undefined) {
    text = `${helper}(${callText}, ${timeoutMs})`;
  } else {
    // The callback's parameter is named `signal`: it must not hide a `signal` the call already uses.
    if (mentionsName(sourceCode, call, 'signal')) return undefined;
    const edit = withOption(sourceCode, input, 'signal');
    if (!edit) return undefined;
    const inner = callText.slice(0, edit.range[0] - call.range[0]) + edit.text + callText.slice(edit.range[1] - call.range[0]);
    const passOuter = input.outerSignal ? ', { signal }' : '';
    text = `${helper}((signal) => ${inner}, ${timeoutMs}${passOuter})`;
  }
  return {
    kind: 'wrapWithTimeout',
    text: `${helper}(…, ${timeoutMs})`,
    fix: (fixer) => [fixer.replaceText(call, text), ...binding.fixes(fixer)],
  };
}

function mentionsName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  let found = false;
  forEachNode(sourceCode, node, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name && !isPropertyKey(inner)) found = true;
  });
  return found;
}

/** `name` in `{ name: x }` or `a.name`, which is not a reference to a variable. */
function isPropertyKey(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.property === identifier && !parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.key === identifier && !parent.computed && !parent.shorthand;
  return false;
}

