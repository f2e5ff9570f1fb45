import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { bindHelper, timeoutSuggestions, type TimeoutSuggestionInput } from '../../../rules/src/fixes/index.js';
import plugin from '../../../rules/src/index.js';
import { relatedLocationsOf } from '../../../rules/src/related-locations.js';
import type { Fix } from '../text-fixes.js';
import { lineStarts, offsetAt, probe } from './fix-probe.js';

export type RefactorKind = 'timeout' | 'retry' | 'limit' | 'mutex';

/** A rewrite offered at the cursor, with no finding needed. */
export interface Refactor {
  kind: RefactorKind;
  title: string;
  /** The code it applies to: the cursor must be inside. */
  span: [number, number];
  fix: Fix;
}

const TITLES: Record<RefactorKind, string> = {
  timeout: 'Add a timeout',
  retry: 'Retry with exponential backoff',
  limit: 'Limit concurrency',
  mutex: 'Guard with a mutex',
};

// The values the rules' own suggestions write by default.
const TIMEOUT_MS = 10_000;
const RETRIES = 3;
const LIMIT = 8;

const MUTATION_RULE = 'no-unguarded-shared-mutation';
const PLUGIN = 'async-guard';
const REFACTOR_PLUGIN = 'async-guard-refactor';

/** Documents whose refactors are kept: the cursor moves far more often than the text changes. */
const CACHED_DOCUMENTS = 4;

/**
 * The refactors of a document: "Add a timeout" and "Retry with exponential backoff" on every
 * awaited call, "Limit concurrency" on `Promise.all(items.map(fn))`, and "Guard with a mutex"
 * on every read-modify-write span the shared-mutation rule finds (without types, so also where
 * it is turned off). They are found once per document version, by one probe run over the text:
 * a rule of the server's builds the first three with the plugin's fix builders, and the plugin's
 * own rule gives the mutex rewrite as its suggestion.
 */
export class Refactors {
  private readonly cache = new Map<string, { version: number; refactors: Refactor[] }>();

  /** The refactors whose span holds the whole range, the innermost of each kind. */
  at(document: { uri: string; version: number; text: string }, fileName: string, range: [number, number]): Refactor[] {
    const best = new Map<RefactorKind, Refactor>();
    for (const refactor of this.of(document, fileName)) {
      if (refactor.span[0] > range[0] || refactor.span[1] < range[1]) continue;
      const known = best.get(refactor.kind);
      if (!known || refactor.span[1] - refactor.span[0] < known.span[1] - known.span[0]) best.set(refactor.kind, refactor);
    }
    return (['timeout', 'retry', 'limit', 'mutex'] as const).flatMap((kind) => best.get(kind) ?? []);
  }

  private of(document: { uri: string; version: number; text: string }, fileName: string): Refactor[] {
    const cached = this.cache.get(document.uri);
    if (cached?.version === document.version) return cached.refactors;
    const refactors = findRefactors(document.text, fileName);
    this.cache.delete(document.uri);
    this.cache.set(document.uri, { version: document.version, refactors });
    if (this.cache.size > CACHED_DOCUMENTS) this.cache.delete(this.cache.keys().next().value!);
    return refactors;
  }
}

function findRefactors(text: string, fileName: string): Refactor[] {
  // Every refactor needs an await (or Promise.all): most files are left alone without a parse.
  if (!/\bawait\b|Promise\.all\b/.test(text)) return [];
  const { messages, sourceCode } = probe(text, fileName, {
    [REFACTOR_PLUGIN]: { 'at-cursor': { rule: refactorRule } },
    [PLUGIN]: { [MUTATION_RULE]: { rule: plugin.rules[MUTATION_RULE] } },
  });
  if (!sourceCode) return [];
  const starts = lineStarts(text);
  const related = relatedLocationsOf(sourceCode).filter((entry) => entry.ruleId === `${PLUGIN}/${MUTATION_RULE}`);
  const refactors: Refactor[] = [];
  for (const message of messages) {
    const fix = message.suggestions?.[0]?.fix;
    if (!fix) continue;
    const start = offsetAt(starts, message.line, message.column - 1);
    const end = offsetAt(starts, message.endLine ?? message.line, (message.endColumn ?? message.column) - 1);
    if (message.ruleId === `${REFACTOR_PLUGIN}/at-cursor`) {
      const kind = message.message as RefactorKind;
      refactors.push({ kind, title: TITLES[kind], span: [start, end], fix });
    } else if (message.ruleId === `${PLUGIN}/${MUTATION_RULE}`) {
      // The lines from the stale read to the write: the code the mutex will guard.
      const read = related.find((entry) => entry.line === message.line && entry.column === message.column)?.related[0]?.loc.start;
      const from = offsetAt(starts, Math.min(read?.line ?? message.line, message.line), 0);
      const lineEnd = text.indexOf('\n', end);
      refactors.push({ kind: 'mutex', title: TITLES.mutex, span: [from, lineEnd < 0 ? text.length : lineEnd], fix });
    }
  }
  return refactors;
}

/** Reports each place a refactor applies, its message the refactor's kind, its suggestion the edit. */
const refactorRule: Rule.RuleModule = {
  meta: { type: 'suggestion', hasSuggestions: true, schema: [] },
  create(context) {
    const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
    const offer = (node: TSESTree.Node, kind: RefactorKind, fix: TSESLint.ReportFixFunction): void => {
      context.report({ node: node as never, message: kind, suggest: [{ desc: TITLES[kind], fix: fix as never }] });
    };

    return {
      AwaitExpression(estreeNode: unknown) {
        const node = estreeNode as TSESTree.AwaitExpression;
        const call = node.argument;
        if (call.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : undefined;
        if (callee !== 'withTimeout') {
          const wrap = timeoutSuggestions(sourceCode, timeoutInput(sourceCode, call)).find((suggestion) => suggestion.kind === 'wrapWithTimeout');
          if (wrap) offer(node, 'timeout', wrap.fix);
        }
        if (callee !== 'retry') {
          const retry = retryFix(sourceCode, call);
          if (retry) offer(node, 'retry', retry);
        }
      },
      CallExpression(estreeNode: unknown) {
        const node = estreeNode as TSESTree.CallExpression;
        const fix = mapLimitFix(sourceCode, node);
        if (fix) offer(node, 'limit', fix);
      },
    } as Rule.RuleListener;
  },
};

/**
 * A global `fetch` gets the helper's signal (`withTimeout((signal) => fetch(url, { signal }), ms)`),
 * so the request is really cancelled; any other call is wrapped as a promise.
 */
function timeoutInput(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): TimeoutSuggestionInput {
  const plain = { call, api: { style: 'custom' as const }, roles: call.arguments.map(() => ({ kind: 'plain' as const })), outerSignal: undefined, timeoutMs: TIMEOUT_MS, helperModule: undefined };
  const isGlobalFetch =
    call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'fetch' && !ASTUtils.findVariable(sourceCode.getScope(call), 'fetch')?.defs.length;
  const init = call.arguments[1];
  if (!isGlobalFetch || call.arguments.length > 2 || (init && init.type !== AST_NODE_TYPES.ObjectExpression)) return plain;
  const roles = call.arguments.map((argument) =>
    argument.type === AST_NODE_TYPES.ObjectExpression ? { kind: 'options' as const, object: argument } : { kind: 'plain' as const },
  );
  return { ...plain, api: { style: 'fetch', optionsArgument: 1 }, roles };
}

/** `await call` becomes `await retry(() => call, { retries })`; an inner await makes the callback async. */
function retryFix(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): TSESLint.ReportFixFunction | undefined {
  const tokens = sourceCode.getTokens(call);
  if (tokens.some((token) => token.value === 'yield')) return undefined;
  const binding = bindHelper(sourceCode, call, undefined, 'retry');
  if (!binding) return undefined;
  const arrow = tokens.some((token) => token.value === 'await') ? 'async () =>' : '() =>';
  const text = `${binding.localName}(${arrow} ${sourceCode.getText(call)}, { retries: ${RETRIES} })`;
  return (fixer) => [fixer.replaceText(call, text), ...binding.fixes(fixer)];
}

/**
 * `Promise.all(items.map(fn))` becomes `mapLimit(items, limit, fn)` when `fn` is a function
 * written there that takes (item, index) at most: mapLimit's third argument is a signal, not the array.
 */
function mapLimitFix(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): TSESLint.ReportFixFunction | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.optional || call.optional) return undefined;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise' || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'all') {
    return undefined;
  }
  const mapped = call.arguments[0];
  if (call.arguments.length !== 1 || mapped?.type !== AST_NODE_TYPES.CallExpression || mapped.optional || mapped.arguments.length !== 1) return undefined;
  const map = mapped.callee;
  if (map.type !== AST_NODE_TYPES.MemberExpression || map.computed || map.optional || map.property.type !== AST_NODE_TYPES.Identifier || map.property.name !== 'map') {
    return undefined;
  }
  const fn = mapped.arguments[0]!;
  const isFunction = fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression;
  if (!isFunction || fn.params.length > 2 || fn.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return undefined;
  if (ASTUtils.findVariable(sourceCode.getScope(call), 'Promise')?.defs.length) return undefined;
  const binding = bindHelper(sourceCode, call, undefined, 'mapLimit');
  if (!binding) return undefined;
  const items = sourceCode.getText(map.object);
  const itemsText = map.object.type === AST_NODE_TYPES.SequenceExpression ? `(${items})` : items;
  const text = `${binding.localName}(${itemsText}, ${LIMIT}, ${sourceCode.getText(fn)})`;
  return (fixer) => [fixer.replaceText(call, text), ...binding.fixes(fixer)];
}
