import { AST_NODE_TYPES, type JSONSchema, type TSESTree } from '@typescript-eslint/utils';
import { bindingOrigin, propertyName } from '../analysis/binding-origin.js';
import { calledName, resolveCall } from '../analysis/call-target.js';
import { enclosingFunction } from '../analysis/function-nodes.js';
import { argumentRole, getsLateDeadline, networkApiOf, type ArgumentRole, type ConfiguredFunction, type NetworkApi } from '../analysis/network-calls.js';
import { signalInScope } from '../analysis/signal-in-scope.js';
import { synchronousCaller } from '../analysis/synchronous-callbacks.js';
import { typeServicesOf } from '../analysis/type-services.js';
import { createRule } from '../create-rule.js';
import { helperModuleSchema } from '../fixes/helper-import.js';
import { timeoutSuggestions } from '../fixes/timeout-suggestions.js';

export type Options = [
  {
    /** The deadline that suggestions write, in milliseconds. */
    timeoutMs?: number;
    /** More network functions to check, by module and export name. */
    functions?: ConfiguredFunction[];
    /** Where the `withTimeout` suggestion imports the helper from. */
    helperModule?: string;
  },
];

export type MessageIds = 'addSignal' | 'missingTimeout' | 'wrapWithTimeout';

/** Names worth resolving: the built-in network functions. */
const BUILT_IN_NAMES = new Set(['fetch', 'request', 'get', 'connect', 'createConnection']);

const functionSchema: JSONSchema.JSONSchema4 = {
  type: 'object',
  properties: {
    module: { type: 'string', description: 'Module specifier, e.g. "axios" or "./http-client.js".' },
    names: {
      type: 'array',
      items: { type: 'string' },
      description: 'Export names, e.g. "get"; "default" for the module itself or its default export.',
    },
    optionsArgument: {
      type: 'integer',
      minimum: 0,
      description: 'Position of the options object that takes `signal`, so suggestions can pass one.',
    },
  },
  required: ['module', 'names'],
  additionalProperties: false,
};

export default createRule<Options, MessageIds>({
  name: 'require-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout or an abort signal on awaited network calls',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      missingTimeout:
        "'{{name}}' waits for the network with no timeout and no abort signal: if the server accepts the connection but never answers, the wait never ends, and the request, its socket and everything waiting for it stay stuck. Give the call a deadline.",
      addSignal: 'Pass `{{text}}` in the options.',
      wrapWithTimeout: 'Wrap the call in `{{text}}`: it rejects with a TimeoutError after {{ms}} ms.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          timeoutMs: { type: 'integer', minimum: 1, description: 'Deadline written by suggestions, in ms (default 10000).' },
          functions: { type: 'array', items: functionSchema, description: 'More network functions to check.' },
          helperModule: helperModuleSchema,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ timeoutMs: 10_000, functions: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const services = typeServicesOf(context);
    const configured = options.functions ?? [];
    const timeoutMs = options.timeoutMs ?? 10_000;
    const candidateNames = new Set([...BUILT_IN_NAMES, ...configured.flatMap((entry) => entry.names.map((name) => name.split('.').pop()!))]);

    function check(call: TSESTree.CallExpression, api: NetworkApi): void {
      const promiseApi = api.style === 'fetch' || api.style === 'custom';
      if (promiseApi ? !isAwaited(call) : !insideAsyncWork(call)) return;
      // Where the options position is known, the other arguments are data (a URL, a body).
      const roles: ArgumentRole[] = call.arguments.map((argument, index) =>
        argument.type === AST_NODE_TYPES.SpreadElement
          ? { kind: 'deadline' }
          : api.style === 'custom' && api.optionsArgument !== undefined && index !== api.optionsArgument
            ? { kind: 'plain' }
            : argumentRole(sourceCode, services, api.style, argument, api.style === 'fetch' && index === 0),
      );
      if (roles.some((role) => role.kind === 'deadline')) return;
      if (!promiseApi && getsLateDeadline(sourceCode, call)) return;
      const suggestions = timeoutSuggestions(sourceCode, {
        call,
        api,
        roles,
        outerSignal: signalInScope(sourceCode, services, call),
        timeoutMs,
        helperModule: options.helperModule,
      });
      context.report({
        node: call,
        messageId: 'missingTimeout',
        data: { name: sourceCode.getText(call.callee) },
        suggest: suggestions.map((suggestion) => ({
          messageId: suggestion.kind,
          data: { text: suggestion.text, ms: timeoutMs },
          fix: suggestion.fix,
        })),
      });
    }

    return {
      CallExpression(call) {
        const name = calledName(call);
        if (call.callee.type !== AST_NODE_TYPES.Identifier && !(name !== undefined && candidateNames.has(name))) return;
        const target = resolveCall(sourceCode, services, call);
        if (target?.kind === 'module') {
          const api = networkApiOf(target, configured);
          if (api) check(call, api);
          return;
        }
        // With types, a configured module of the project itself resolves to its function's
        // declaration; the import the call goes through still names the module.
        const origin = configured.length > 0 ? bindingOrigin(sourceCode, call.callee) : undefined;
        const api = origin && networkApiOf(origin, configured, false);
        if (api) check(call, api);
      },
    };
  },
});

const CONTINUATIONS = new Set(['then', 'catch', 'finally']);

/**
 * True when the promise of `call` is waited for: `await call`, `await call.then(…)`, or returned
 * from an async function (whose caller awaits it).
 */
function isAwaited(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    if (
      (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression) &&
      parent.expression === node
    ) {
      node = parent;
      continue;
    }
    const method = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node ? propertyName(parent) : undefined;
    if (method !== undefined && CONTINUATIONS.has(method) && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      node = parent.parent;
      continue;
    }
    break;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return true;
  const returned = parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node);
  return returned && enclosingFunction(node)?.async === true;
}

/** Callback and event APIs count when they run inside an async function or a Promise executor. */
function insideAsyncWork(call: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  return fn.async || synchronousCaller(fn)?.type === AST_NODE_TYPES.NewExpression;
}
