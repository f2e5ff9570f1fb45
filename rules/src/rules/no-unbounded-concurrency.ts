import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';
import ts from 'typescript';
import { functionInFile, startsAsyncWork } from '../analysis/async-callback.js';
import { propertyName } from '../analysis/binding-origin.js';
import { numericBound, staticSize, type SizeBound } from '../analysis/collection-size.js';
import { enclosingFunction, isFunctionNode } from '../analysis/function-nodes.js';
import { isLoop, type AnyLoop } from '../analysis/loop-header.js';
import { containsPacing, isPacingCall } from '../analysis/pacing.js';
import { promiseCombinator, withoutTypeWrappers, type CombinatorName } from '../analysis/promise-combinator.js';
import { awaitsInSameFunction } from '../analysis/same-function-walk.js';
import { isTeardownCall, onlyTearsDown } from '../analysis/teardown-calls.js';
import { isThenableType } from '../analysis/thenable-type.js';
import { typeServicesOf } from '../analysis/type-services.js';
import { createRule } from '../create-rule.js';
import { bindHelper, helperModuleSchema } from '../fixes/helper-import.js';

export type Options = [
  {
    /** The concurrency limit that the suggestion writes. */
    limit?: number;
    /** Array literals and tuples up to this many elements are small enough to start at once. */
    maxStaticSize?: number;
    /** Where the suggestion imports `mapLimit` from. */
    helperModule?: string;
  },
];

export type MessageIds = 'unboundedMap' | 'unboundedLoop' | 'useMapLimit';

/** `items.map(cb)` or `Array.from(items, cb)` inside `Promise.all(…)`. */
interface MappedCollection {
  readonly collection: TSESTree.Node;
  readonly callback: TSESTree.Node;
  readonly mapCall: TSESTree.CallExpression;
  readonly viaArrayFrom: boolean;
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow starting async work for every element of a collection of unknown size at once',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      unboundedMap:
        "'Promise.{{method}}' starts the async callback for every element of '{{collection}}' at once, and nothing bounds how many elements there are: a large input opens that many requests, sockets or file handles together, which exhausts connection pools, file descriptors and rate limits. Run them with a concurrency limit.",
      unboundedLoop:
        "'Promise.{{method}}' waits for '{{array}}', which the loop fills with one running promise per element of a collection of unknown size: a large input starts all of them together, which exhausts connection pools, file descriptors and rate limits. Start them with a concurrency limit.",
      useMapLimit: 'Run at most {{limit}} at a time, results in the same order: `{{replacement}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, description: 'Concurrency limit written by the suggestion (default 8).' },
          maxStaticSize: {
            type: 'integer',
            minimum: 0,
            description: 'Array literals and tuples with at most this many elements are not reported (default 8).',
          },
          helperModule: helperModuleSchema,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ limit: 8, maxStaticSize: 8 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = typeServicesOf(context);
    const limit = options.limit ?? 8;
    const maxStaticSize = options.maxStaticSize ?? 8;

    /** Small enough to start at once: a short literal or tuple, or a batch cut out of a bigger list. */
    const isBounded = (collection: TSESTree.Node): boolean =>
      isSmall(staticSize(sourceCode, services, collection)) || isBatch(sourceCode, collection);
    const isSmall = (size: SizeBound | undefined): boolean => size === 'configured' || (size !== undefined && size <= maxStaticSize);

    function checkMapped(call: TSESTree.CallExpression, method: CombinatorName, mapped: MappedCollection, rewritable: boolean): void {
      if (!mapped.viaArrayFrom && services && !isArrayTyped(services, mapped.collection)) return;
      if (isBounded(mapped.collection)) return;
      if (!startsAsyncWork(sourceCode, services, mapped.callback)) return;
      // A callback that waits for a limiter, a semaphore or a staggered delay is paced already.
      if (isFunctionNode(mapped.callback) && containsPacing(sourceCode, mapped.callback.body)) return;
      if (onlyTearsDown(sourceCode, mapped.callback)) return;
      const suggestion = rewritable && method === 'all' ? mapLimitSuggestion(call, mapped) : undefined;
      context.report({
        node: call,
        messageId: 'unboundedMap',
        data: { method, collection: shortText(sourceCode, mapped.collection) },
        suggest: suggestion ? [suggestion] : [],
      });
    }

    function mapLimitSuggestion(call: TSESTree.CallExpression, mapped: MappedCollection): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const { mapCall, callback, collection } = mapped;
      if (mapped.viaArrayFrom || mapCall.arguments.length !== 1 || mapCall.optional || call.optional) return undefined;
      if (mapCall.callee.type === AST_NODE_TYPES.MemberExpression && mapCall.callee.optional) return undefined;
      if (call.parent.type === AST_NODE_TYPES.ChainExpression || call.arguments.length !== 1) return undefined;
      if (!takesAtMostTwoArguments(sourceCode, services, callback)) return undefined;
      const binding = bindHelper(sourceCode, call, options.helperModule, 'mapLimit');
      if (!binding) return undefined;
      const collectionText = sourceCode.getText(collection);
      const items = collection.type === AST_NODE_TYPES.SequenceExpression ? `(${collectionText})` : collectionText;
      const text = `${binding.localName}(${items}, ${limit}, ${sourceCode.getText(callback)})`;
      return {
        messageId: 'useMapLimit',
        data: { limit, replacement: `${binding.localName}(${shortText(sourceCode, collection)}, ${limit}, …)` },
        fix: (fixer) => [fixer.replaceText(call, text), ...binding.fixes(fixer)],
      };
    }

    /** `Promise.all(promises)` where `promises` starts empty and a loop pushes a running promise per element. */
    function checkFilledArray(call: TSESTree.CallExpression, method: CombinatorName, array: TSESTree.Identifier): void {
      const variable = ASTUtils.findVariable(sourceCode.getScope(array), array);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return;
      const init = definition.node.init;
      if (init?.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) return;
      if (enclosingFunction(call) !== enclosingFunction(definition.node)) return;
      const unbounded = variable.references.some((reference) => {
        const push = pushCallOf(reference.identifier);
        const pushed = push?.arguments[0];
        if (!push || !pushed || push.arguments.length !== 1 || !isRunningPromise(pushed)) return false;
        // Work handed to a limiter (`semaphore.run(…)`, `limit(…)`) or teardown of the program's own resources.
        if (isPacingCall(sourceCode, pushed as TSESTree.CallExpression | TSESTree.NewExpression) || isTeardownCall(pushed)) return false;
        const loops = loopsAround(push, definition.parent.parent);
        // A loop that awaits in each iteration paces itself (a hand-written pool, a batch per turn).
        if (loops.some((loop) => awaitsInSameFunction(sourceCode, loop.body).length > 0)) return false;
        return loops.some((loop) => !loopIsSmall(loop));
      });
      if (unbounded) context.report({ node: call, messageId: 'unboundedLoop', data: { method, array: array.name } });
    }

    function isRunningPromise(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
      if (!services) return true;
      const checker = services.program.getTypeChecker();
      return isThenableType(checker, checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node)));
    }

    function loopIsSmall(loop: LoopAround): boolean {
      if (loop.kind === 'each') return isBounded(loop.collection);
      const node = loop.node;
      if (node.type === AST_NODE_TYPES.ForOfStatement) return isBounded(node.right);
      if (node.type === AST_NODE_TYPES.ForStatement) return isSmall(countedBound(node));
      return false;
    }

    return {
      CallExpression(call) {
        const method = promiseCombinator(sourceCode, call);
        const argument = call.arguments[0] && withoutTypeWrappers(call.arguments[0]);
        if (!method || !argument) return;
        const mapped = mappedCollection(argument);
        if (mapped) {
          checkMapped(call, method, mapped, true);
          return;
        }
        if (argument.type !== AST_NODE_TYPES.Identifier) return;
        // `const tasks = items.map(async …)` a few lines earlier: reported, but the rewrite would span both lines.
        const mappedEarlier = constInit(sourceCode, argument);
        const earlier = mappedEarlier && mappedCollection(mappedEarlier);
        if (earlier) checkMapped(call, method, earlier, false);
        else checkFilledArray(call, method, argument);
      },
    };
  },
});

function mappedCollection(node: TSESTree.Node): MappedCollection | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const callee = node.callee;
  const name = propertyName(callee);
  const [first, second] = node.arguments;
  if (name === 'map' && first && first.type !== AST_NODE_TYPES.SpreadElement) {
    return { collection: callee.object, callback: first, mapCall: node, viaArrayFrom: false };
  }
  const isArrayFrom = name === 'from' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array';
  if (isArrayFrom && first && second && first.type !== AST_NODE_TYPES.SpreadElement && second.type !== AST_NODE_TYPES.SpreadElement) {
    return { collection: first, callback: second, mapCall: node, viaArrayFrom: true };
  }
  return undefined;
}

/** With types: `.map` belongs to an array or tuple (not to some other class with a `map` method). */
function isArrayTyped(services: ParserServicesWithTypeInformation, collection: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(collection));
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return unionConstituents(type).every((part) => checker.isArrayType(part) || checker.isTupleType(part));
}

/**
 * Collections whose size the program's own code sets: a batch cut from a larger list
 * (`chunk.map(…)`, `batch.map(…)`, `items.slice(i, i + 10).map(…)`, or a variable holding such a
 * slice), and registered callbacks, hooks and plugins.
 */
function isBatch(sourceCode: Readonly<TSESLint.SourceCode>, collection: TSESTree.Node): boolean {
  const name =
    collection.type === AST_NODE_TYPES.Identifier
      ? collection.name
      : collection.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(collection)
        : undefined;
  if (name !== undefined && /batch|chunk/i.test(name)) return true;
  // Callbacks, hooks and plugins are registered by the program: as many as its code has, not its input.
  if (name !== undefined && /callback|listener|handler|hook|plugin|middleware/i.test(name)) return true;
  if (isSliceCall(collection)) return true;
  if (collection.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(collection), collection);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return definition?.type === 'Variable' && definition.node.init !== null && isSliceCall(definition.node.init);
}

/** The initializer of a `const` that is never reassigned. */
function constInit(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.parent.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  return definition.parent.kind === 'const' && definition.node.init ? definition.node.init : undefined;
}

function isSliceCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = propertyName(node.callee);
  return (name === 'slice' || name === 'splice') && node.arguments.length === 2;
}

/** The callback takes (item, index) at most, so mapLimit's third argument (a signal, not the array) goes unused. */
function takesAtMostTwoArguments(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | undefined,
  callback: TSESTree.Node,
): boolean {
  const fn = isFunctionNode(callback) ? callback : services ? undefined : functionInFile(sourceCode, callback);
  if (fn) return fn.params.length <= 2 && fn.params.every((param) => param.type !== AST_NODE_TYPES.RestElement);
  if (!services) return false;
  const checker = services.program.getTypeChecker();
  const signatures = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callback)).getCallSignatures();
  return (
    signatures.length > 0 &&
    signatures.every(
      (signature) =>
        signature.getParameters().length <= 2 &&
        !signature.getParameters().some((parameter) => parameter.valueDeclaration && ts.isParameter(parameter.valueDeclaration) && parameter.valueDeclaration.dotDotDotToken),
    )
  );
}

/** A loop statement, or a `forEach` callback (which runs once per element of `collection`). */
type LoopAround =
  | { readonly kind: 'statement'; readonly node: AnyLoop; readonly body: TSESTree.Node }
  | { readonly kind: 'each'; readonly collection: TSESTree.Node; readonly body: TSESTree.Node };

/**
 * The loops (statements, and `forEach` callbacks) between `node` and `block`, the block that
 * declares the array; none when `node` is in some other function.
 */
function loopsAround(node: TSESTree.Node, block: TSESTree.Node | undefined): LoopAround[] {
  const loops: LoopAround[] = [];
  for (let current = node.parent; current && current !== block; current = current.parent) {
    if (isLoop(current)) loops.push({ kind: 'statement', node: current, body: current.body });
    else if (isFunctionNode(current)) {
      const call = current.parent;
      const isEachCallback =
        call.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === current &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(call.callee) === 'forEach';
      if (!isEachCallback) return [];
      loops.push({ kind: 'each', collection: (call.callee as TSESTree.MemberExpression).object, body: current.body });
    }
  }
  return loops;
}

/** `promises.push(…)` on this reference. */
function pushCallOf(identifier: TSESTree.Node): TSESTree.CallExpression | undefined {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || propertyName(member) !== 'push') return undefined;
  return member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : undefined;
}

/** How many turns `for (let i = 0; i < n; i++)` takes at most, when `n` is bounded. */
function countedBound(loop: TSESTree.ForStatement): SizeBound | undefined {
  const test = loop.test;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<=')) return undefined;
  const bound = numericBound(test.right);
  return typeof bound === 'number' && test.operator === '<=' ? bound + 1 : bound;
}

/** Source text for a message, cut short. */
function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
