import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { callerWaitingFor } from './awaited-callback.js';
import type { ConditionNode } from './condition-scope.js';
import type { FunctionNode } from './function-nodes.js';
import { IdentifierReferences } from './identifier-references.js';
import type { LockGuards } from './lock-guards.js';
import { SegmentEventRecorder, type SegmentRecording } from './segment-events.js';
import { SharedLocations, unwrap, type CollectionCall } from './shared-location.js';
import { findStaleWrites, type FlowEvent, type Finding, type ValueSources } from './stale-value-flow.js';
import { ValueSourceFinder } from './value-sources.js';

type Variable = TSESLint.Scope.Variable;
type Listener = Record<string, (node: never) => void>;

interface FunctionFacts {
  readonly locations: SharedLocations;
  readonly sources: ValueSourceFinder;
  /** Nodes recorded as shared reads, so value sources can find them. */
  readonly reads: Set<TSESTree.Node>;
  suspends: boolean;
  /** Some shared place is written: without a write there is nothing to report. */
  writes: boolean;
}

const LOGICAL_ASSIGNMENT = new Set(['||=', '&&=', '??=']);

/**
 * Records, for every async function and generator that no lock guards as a whole, the reads and
 * writes of shared places, the function's locals those values pass through, checks, and
 * suspensions, attached to ESLint's code path segments; when a function's code path ends, runs
 * the stale-value analysis on it and hands the findings over.
 */
export function sharedAccessListeners(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  guards: LockGuards,
  report: (fn: FunctionNode, findings: Finding[]) => void,
): Listener {
  const references = new IdentifierReferences(sourceCode);
  const facts = new WeakMap<FunctionNode, FunctionFacts>();
  const collectionCalls = new WeakMap<TSESTree.CallExpression, CollectionCall | undefined>();

  const recorder = new SegmentEventRecorder<FlowEvent>(
    (fn) => (fn.async || fn.generator) && !guards.runsUnderLock(fn),
    (recording: SegmentRecording<FlowEvent>) => {
      const current = facts.get(recording.fn);
      if (!current?.suspends || !current.writes) return;
      report(recording.fn, findStaleWrites(recording.initialSegment, (segment) => recording.eventsOf(segment)));
    },
  );

  /** The facts of the function being recorded, when the traversal is directly inside one. */
  function current(): FunctionFacts | undefined {
    const recording = recorder.recording;
    if (!recording) return undefined;
    let found = facts.get(recording.fn);
    if (!found) {
      const functionScope = sourceCode.getScope(recording.fn).variableScope;
      const caller = callerWaitingFor(recording.fn);
      const callerScope = caller && sourceCode.getScope(caller).variableScope;
      const locations = new SharedLocations(sourceCode, services, references, functionScope, callerScope);
      const reads = new Set<TSESTree.Node>();
      const sources = new ValueSourceFinder(sourceCode, references, (node) => reads.has(node), (variable) => locations.isLocalHolder(variable));
      found = { locations, sources, reads, suspends: false, writes: false };
      facts.set(recording.fn, found);
    }
    return found;
  }

  function collectionCall(f: FunctionFacts, call: TSESTree.CallExpression): CollectionCall | undefined {
    if (!collectionCalls.has(call)) collectionCalls.set(call, f.locations.collectionCall(call));
    return collectionCalls.get(call);
  }

  function read(f: FunctionFacts, node: TSESTree.Node): void {
    const location = f.locations.of(node);
    if (!location) return;
    f.reads.add(node);
    recorder.emit({ kind: 'read', node, location });
    const assignment = valueParent(node);
    if (assignment.type === AST_NODE_TYPES.AssignmentExpression && LOGICAL_ASSIGNMENT.has(assignment.operator) && unwrap(assignment.left) === node) {
      // `x ??= v` checks `x` and writes it only when the check says so.
      recorder.emit({ kind: 'check', condition: assignment, sources: { reads: [node], locals: [], exact: true } });
    }
  }

  function write(f: FunctionFacts, event: FlowEvent & { kind: 'write' }): void {
    f.writes = true;
    recorder.emit(event);
  }

  function suspend(node: TSESTree.Node): void {
    const f = current();
    if (!f) return;
    f.suspends = true;
    recorder.emit({ kind: 'suspend', node });
  }

  /** A value lands in `target`: a local takes its tokens, a shared place is written. */
  function assign(f: FunctionFacts, target: TSESTree.Node, at: TSESTree.Node, sources: ValueSources): void {
    const inner = unwrap(target);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const variable = references.variableOf(inner);
      if (variable && f.locations.isLocalHolder(variable)) {
        recorder.emit({ kind: 'define', variable, sources });
        return;
      }
    }
    const location = f.locations.of(inner);
    if (location) write(f, { kind: 'write', node: at, location, sources, constant: isConstantAssignment(at) });
  }

  function forget(node: TSESTree.Node): void {
    if (current()) recorder.emit({ kind: 'forget', within: node });
  }

  function condition(test: TSESTree.Expression & { parent: TSESTree.Node }): void {
    const f = current();
    if (f) recorder.emit({ kind: 'check', condition: test.parent as ConditionNode, sources: f.sources.of(test) });
  }

  const conditionTests =
    ':matches(IfStatement, ConditionalExpression, WhileStatement, DoWhileStatement, ForStatement) > .test, LogicalExpression > .left';

  return {
    ...(recorder.listeners() as Listener),

    Identifier(node: TSESTree.Identifier) {
      const f = current();
      if (!f) return;
      const parent = valueParent(node);
      if ((parent.type === AST_NODE_TYPES.MemberExpression && unwrap(parent.object) === node) || (parent.type === AST_NODE_TYPES.CallExpression && unwrap(parent.callee) === node)) return;
      if (!references.of(node)?.isRead()) return;
      read(f, node);
    },
    'MemberExpression:exit'(node: TSESTree.MemberExpression) {
      const f = current();
      if (f && isValueRead(node)) read(f, node);
    },
    CallExpression(node: TSESTree.CallExpression) {
      const f = current();
      if (f && collectionCall(f, node)?.valueArguments) forget(node);
    },
    'CallExpression:exit'(node: TSESTree.CallExpression) {
      const f = current();
      const call = f && collectionCall(f, node);
      if (!f || !call) return;
      if (call.access === 'read') {
        f.reads.add(node);
        recorder.emit({ kind: 'read', node, location: call.location });
        return;
      }
      const valueArguments = call.valueArguments === 'afterKey' ? node.arguments.slice(1) : call.valueArguments === 'all' ? node.arguments : undefined;
      write(f, { kind: 'write', node, location: call.location, sources: valueArguments && merged(valueArguments.map((argument) => f.sources.of(argument))) });
    },
    AssignmentExpression: forget,
    'AssignmentExpression:exit'(node: TSESTree.AssignmentExpression) {
      const f = current();
      if (!f) return;
      const right = f.sources.of(node.right);
      const left = unwrap(node.left);
      if (left.type === AST_NODE_TYPES.ObjectPattern || left.type === AST_NODE_TYPES.ArrayPattern) {
        for (const target of patternTargets(left)) assign(f, target, node, computedFrom(right));
        return;
      }
      if (node.operator === '=' || LOGICAL_ASSIGNMENT.has(node.operator)) {
        assign(f, left, node, LOGICAL_ASSIGNMENT.has(node.operator) ? withLocal(right, references, left, f) : right);
        return;
      }
      // `x += v`: the new value is computed from the old one, read before `v` was evaluated.
      const old = left.type === AST_NODE_TYPES.Identifier && !f.reads.has(left) ? withLocal(right, references, left, f) : merged([right, { reads: [left], locals: [], exact: false }]);
      assign(f, left, node, computedFrom(old));
    },
    UpdateExpression: forget,
    'UpdateExpression:exit'(node: TSESTree.UpdateExpression) {
      const f = current();
      if (!f) return;
      const argument = unwrap(node.argument);
      const own = f.reads.has(argument) ? { reads: [argument], locals: [], exact: false } : withLocal(undefined, references, argument, f);
      assign(f, argument, node, computedFrom(own));
    },
    VariableDeclarator: forget,
    'VariableDeclarator:exit'(node: TSESTree.VariableDeclarator) {
      const f = current();
      if (!f || !node.init) return;
      if (node.id.type === AST_NODE_TYPES.Identifier) {
        assign(f, node.id, node, f.sources.of(node.init));
        return;
      }
      const whole = computedFrom(f.sources.of(node.init));
      for (const target of patternTargets(node.id)) {
        const property = node.id.type === AST_NODE_TYPES.ObjectPattern ? propertyOfTarget(target) : undefined;
        const location = property && f.locations.propertyOf(node.init, property.name, property.node);
        if (location) {
          // `const { balance } = this` reads `this.balance`.
          f.reads.add(property.node);
          recorder.emit({ kind: 'read', node: property.node, location });
          assign(f, target, node, { reads: [property.node], locals: [], exact: true });
        } else {
          assign(f, target, node, whole);
        }
      }
    },
    'UnaryExpression[operator="delete"]:exit'(node: TSESTree.UnaryExpression) {
      const f = current();
      const location = f?.locations.of(unwrap(node.argument));
      if (f && location) write(f, { kind: 'write', node, location });
    },
    // Values pass from one statement to the next only through variables: what was read inside a
    // finished statement is not needed any more, which keeps the analysis state small.
    ':statement:exit': forget,
    'AwaitExpression:exit': suspend,
    'YieldExpression:exit': suspend,
    'ForOfStatement[await=true] > .left'(node: TSESTree.Node) {
      suspend(node.parent!);
    },
    [conditionTests]: forget,
    [`:matches(${conditionTests}):exit`]: condition,
  } as Listener;
}

/** `flag = true`, `this.state = 'connecting'`: a plain assignment of a literal. */
function isConstantAssignment(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
  const value = unwrap(node.right);
  return value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
}

/** The parent that uses a value, looking through `x!`, `x as T`, `a?.b`'s chain and the like. */
function valueParent(node: TSESTree.Node): TSESTree.Node {
  let parent = node.parent!;
  while (unwrap(parent) !== parent) parent = parent.parent!;
  return parent;
}

/** A member access whose value is read: not an object of a longer access, a callee, or only a target. */
function isValueRead(node: TSESTree.MemberExpression): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent.type === AST_NODE_TYPES.ChainExpression ||
    parent.type === AST_NODE_TYPES.TSNonNullExpression ||
    parent.type === AST_NODE_TYPES.TSAsExpression ||
    parent.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    child = parent;
    parent = parent.parent;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object !== child;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left !== child || parent.operator !== '=';
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator !== 'delete';
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left !== child;
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return false;
    case AST_NODE_TYPES.AssignmentPattern:
      return (parent.left as TSESTree.Node) !== child;
    case AST_NODE_TYPES.Property:
      return !(parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectPattern);
    default:
      return true;
  }
}

/** Identifiers and member accesses a destructuring pattern assigns to. */
function patternTargets(pattern: TSESTree.Node): TSESTree.Node[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) => patternTargets(property.type === AST_NODE_TYPES.Property ? property.value : property));
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((element) => (element ? patternTargets(element) : []));
    case AST_NODE_TYPES.AssignmentPattern:
      return patternTargets(pattern.left);
    case AST_NODE_TYPES.RestElement:
      return patternTargets(pattern.argument);
    default:
      return [pattern];
  }
}

/** For `{ balance }` or `{ balance: b = 0 }` directly in an object pattern: the property read. */
function propertyOfTarget(target: TSESTree.Node): { name: string; node: TSESTree.Property } | undefined {
  let node: TSESTree.Node = target;
  if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern) node = node.parent;
  const property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || (property.value as TSESTree.Node) !== node || property.computed) return undefined;
  const key = property.key;
  const name = key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal ? String(key.value) : undefined;
  return name === undefined ? undefined : { name, node: property };
}

function merged(all: ValueSources[]): ValueSources {
  return { reads: all.flatMap((sources) => sources.reads), locals: all.flatMap((sources) => sources.locals), exact: false };
}

function computedFrom(sources: ValueSources): ValueSources {
  return sources.exact ? { ...sources, exact: false } : sources;
}

/** `sources` plus the local variable `target` itself (`x ??= v`, `x++` keep what `x` held). */
function withLocal(sources: ValueSources | undefined, references: IdentifierReferences, target: TSESTree.Node, f: FunctionFacts): ValueSources {
  const base = sources ?? { reads: [], locals: [], exact: false };
  const variable: Variable | undefined = target.type === AST_NODE_TYPES.Identifier ? references.variableOf(target) : undefined;
  if (!variable || !f.locations.isLocalHolder(variable)) return base;
  return merged([base, { reads: [], locals: [variable], exact: false }]);
}
