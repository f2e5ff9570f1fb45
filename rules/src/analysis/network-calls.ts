import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';
import ts from 'typescript';
import { propertyName } from './binding-origin.js';
import { GLOBAL_MODULE, normaliseModuleName, type ModuleOrigin } from './module-origin.js';

/**
 * How a network API takes its deadline:
 * - `fetch`: a promise; `signal` in the init object (second argument);
 * - `http`: a callback/event API (`http.request`, `https.get`); `signal` or `timeout` in its options;
 * - `socket`: `net.connect`; a `timeout` option or `socket.setTimeout(…)`;
 * - `custom`: a configured function; a `signal` or `timeout` property in any object argument.
 */
export type NetworkStyle = 'custom' | 'fetch' | 'http' | 'socket';

export interface NetworkApi {
  readonly style: NetworkStyle;
  /** The position of the options object, when known. */
  readonly optionsArgument?: number;
}

/** A configured function: its module, its export names (`default` for the module itself), its options position. */
export interface ConfiguredFunction {
  module: string;
  names: string[];
  optionsArgument?: number;
}

const BUILT_IN: readonly (ConfiguredFunction & { style: NetworkStyle })[] = [
  { module: GLOBAL_MODULE, names: ['fetch'], style: 'fetch', optionsArgument: 1 },
  { module: 'undici', names: ['fetch'], style: 'fetch', optionsArgument: 1 },
  { module: 'http', names: ['request', 'get'], style: 'http' },
  { module: 'https', names: ['request', 'get'], style: 'http' },
  { module: 'net', names: ['connect', 'createConnection'], style: 'socket' },
];

/** The network API that `origin` names, if any; only among the configured ones unless `builtIn`. */
export function networkApiOf(origin: ModuleOrigin, configured: readonly ConfiguredFunction[], builtIn = true): NetworkApi | undefined {
  const name = origin.path.length === 0 ? 'default' : origin.path.join('.');
  for (const entry of builtIn ? BUILT_IN : []) {
    if (entry.module === origin.module && entry.names.includes(name)) return { style: entry.style, optionsArgument: entry.optionsArgument };
  }
  for (const entry of configured) {
    if (normaliseModuleName(entry.module) === origin.module && entry.names.includes(name)) {
      return { style: 'custom', optionsArgument: entry.optionsArgument };
    }
  }
  return undefined;
}

/** Option names that give a call a deadline. */
const DEADLINE_KEYS: Record<NetworkStyle, readonly string[]> = {
  fetch: ['signal'],
  http: ['signal', 'timeout'],
  socket: ['signal', 'timeout'],
  custom: ['signal', 'timeout'],
};

/** What an argument tells about the call's deadline. */
export type ArgumentRole =
  /** An options object (literal, or a `const` bound to one) that sets no deadline. */
  | { readonly kind: 'options'; readonly object: TSESTree.ObjectExpression; readonly via?: TSESTree.Identifier }
  /** A value that is not an options object: a URL string, a port, a callback. */
  | { readonly kind: 'plain' }
  /** Something that does or may carry a deadline. */
  | { readonly kind: 'deadline' };

/**
 * Reads one argument: an options object without a deadline, a plain value, or something that sets
 * (or may set) a deadline. Unknown objects count as possibly setting one, so they are not reported.
 */
export function argumentRole(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  style: NetworkStyle,
  argument: TSESTree.Node,
  isFetchInput = false,
): ArgumentRole {
  const keys = DEADLINE_KEYS[style];
  if (argument.type === AST_NODE_TYPES.ObjectExpression) return objectRole(argument, keys);
  if (
    argument.type === AST_NODE_TYPES.Literal ||
    argument.type === AST_NODE_TYPES.TemplateLiteral ||
    argument.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    argument.type === AST_NODE_TYPES.FunctionExpression ||
    argument.type === AST_NODE_TYPES.BinaryExpression
  ) {
    return { kind: 'plain' };
  }
  if (argument.type === AST_NODE_TYPES.NewExpression) {
    const name = argument.callee.type === AST_NODE_TYPES.Identifier ? argument.callee.name : '';
    return name === 'URL' ? { kind: 'plain' } : { kind: 'deadline' };
  }
  if (argument.type === AST_NODE_TYPES.Identifier) {
    const init = constObjectInit(sourceCode, argument);
    if (init) {
      const role = objectRole(init, keys);
      return role.kind === 'options' ? { ...role, via: argument } : role;
    }
  }
  if (services) return typedRole(services, argument);
  // Without types, fetch's input is taken for an address unless it is (or is named) a `Request`.
  if (isFetchInput) {
    const isRequest = isRequestVariable(sourceCode, argument) || (argument.type === AST_NODE_TYPES.Identifier && /^req$|request/i.test(argument.name));
    return isRequest ? { kind: 'deadline' } : { kind: 'plain' };
  }
  // Otherwise a name that reads like an address or port is taken for a plain value.
  const name =
    argument.type === AST_NODE_TYPES.Identifier ? argument.name : argument.type === AST_NODE_TYPES.MemberExpression ? propertyName(argument) : undefined;
  return name !== undefined && /url|uri|href|endpoint|address|host|port|path|link|callback|^cb$|^done$|resolve|reject|handler|listener/i.test(name)
    ? { kind: 'plain' }
    : { kind: 'deadline' };
}

function objectRole(object: TSESTree.ObjectExpression, keys: readonly string[]): ArgumentRole {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return { kind: 'deadline' };
    const key = property.computed ? undefined : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (key === undefined || keys.includes(key)) return { kind: 'deadline' };
  }
  return { kind: 'options', object };
}

/** With types: strings, URLs, numbers and functions are plain; objects may carry a deadline. */
function typedRole(services: ParserServicesWithTypeInformation, argument: TSESTree.Node): ArgumentRole {
  const checker = services.program.getTypeChecker();
  const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(argument));
  const plain = unionConstituents(type).every((part) => {
    if (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return true;
    if (part.getCallSignatures().length > 0) return true;
    return part.getSymbol()?.getName() === 'URL';
  });
  return plain ? { kind: 'plain' } : { kind: 'deadline' };
}

function isRequestVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const definition = variable?.defs[0];
  const init = definition?.type === 'Variable' ? definition.node.init : null;
  return init?.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'Request';
}

/** The object literal a `const` is bound to, when nothing assigns to its properties later. */
function constObjectInit(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESTree.ObjectExpression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.parent.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const') {
    return undefined;
  }
  const init = definition.node.init;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const changed = variable!.references.some((reference) => {
    const member = reference.identifier.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      member.parent.type === AST_NODE_TYPES.AssignmentExpression &&
      member.parent.left === member
    );
  });
  return changed ? undefined : init;
}

/** Methods on a request or socket that put a deadline on it after it is created. */
const LATE_DEADLINES = new Set(['setTimeout', 'timeout']);

/**
 * True when a request or socket gets its deadline after creation: `req.setTimeout(ms)`,
 * `https.get(…).on('error', reject).setTimeout(ms)`, `req.on('timeout', …)`, or a timer that
 * uses it (`setTimeout(() => req.destroy(), ms)`).
 */
export function getsLateDeadline(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  if (chainSetsDeadline(call)) return true;
  const declarator = call.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call) return false;
  return sourceCode.getDeclaredVariables(declarator).some((variable) =>
    variable.references.some((reference) => !reference.init && (chainSetsDeadline(reference.identifier) || insideTimer(reference.identifier))),
  );
}

/** Follows method calls chained on `node` (`.on(…).once(…)`) looking for one that sets a deadline. */
function chainSetsDeadline(node: TSESTree.Node): boolean {
  for (let current = node; ; ) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
    const call = member.parent;
    const method = propertyName(member);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || method === undefined) return false;
    if (LATE_DEADLINES.has(method)) return true;
    const [event] = call.arguments;
    if ((method === 'on' || method === 'once') && event?.type === AST_NODE_TYPES.Literal && event.value === 'timeout') return true;
    current = call;
  }
}

function insideTimer(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'setTimeout') {
      return true;
    }
  }
  return false;
}
