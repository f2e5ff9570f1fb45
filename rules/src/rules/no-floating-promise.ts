import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { asyncContextOf } from '../analysis/async-context.js';
import { calledName } from '../analysis/call-target.js';
import { droppedPromise, type DroppedPromise } from '../analysis/dropped-promise.js';
import { enclosingFunction, functionName, isFunctionNode } from '../analysis/function-nodes.js';
import { promiseFactsOf } from '../analysis/promise-facts.js';
import { isStoredPromiseDropped } from '../analysis/stored-promise.js';
import { specifierNames, symbolMatchesSpecifiers, typeMatchesSpecifiers, typeOrValueSpecifiersSchema, type TypeOrValueSpecifier } from '../analysis/type-specifiers.js';
import { createRule } from '../create-rule.js';
import { appendMember, isTypeScriptFile, prefixWith } from '../fixes/expression-edits.js';
import { makeAsyncEdits } from '../fixes/make-function-async.js';

export type Options = [
  {
    /** Treat `void promise` as handled (the explicit way to say "fire and forget"). */
    ignoreVoid?: boolean;
    /** Do not report immediately invoked async functions (`(async () => { … })()`). */
    ignoreIIFE?: boolean;
    /** Count every thenable (`PromiseLike`, `Thenable`), not only the built-in Promise. Needs types. */
    checkThenables?: boolean;
    /** Promise types that may float (e.g. a promise that handles its own errors). */
    allowForKnownSafePromises?: TypeOrValueSpecifier[];
    /** Functions whose returned promise may float. */
    allowForKnownSafeCalls?: TypeOrValueSpecifier[];
    /** Also report a promise stored in a local variable that is never awaited, returned or handled. */
    checkStored?: boolean;
  },
];

export type MessageIds =
  | 'floating'
  | 'floatingArray'
  | 'uselessHandler'
  | 'storedNeverHandled'
  | 'addAwait'
  | 'addVoid'
  | 'addCatch'
  | 'makeAsync'
  | 'awaitAll';

export default createRule<Options, MessageIds>({
  name: 'no-floating-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require promises to be awaited, returned or handled',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      floating:
        'This promise is neither awaited nor handled: if it rejects, the error is lost as an unhandled rejection, and the code after it runs before it has finished. Await it, return it, or end it with `.catch(…)`{{voidHint}}.',
      floatingArray:
        'This array holds promises that are neither awaited nor handled: their errors are lost and their work races the code after it. Await them together with `Promise.all(…)`{{voidHint}}.',
      uselessHandler:
        'The rejection handler here is not a function, so it is ignored and a rejection still goes unhandled. Pass a function that handles the error.',
      storedNeverHandled:
        "'{{name}}' holds a promise that is never awaited, returned or handled: if it rejects, the error is lost, and its work races the code after it.",
      addAwait: 'Await it.',
      addVoid: 'Mark it as deliberately not awaited with `void`.',
      addCatch: 'Report its error with `.catch(…)`.',
      makeAsync: "Make '{{name}}' async and await it.",
      awaitAll: 'Await them all with `Promise.all(…)`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreVoid: { type: 'boolean', description: 'Treat `void promise` as handled.' },
          ignoreIIFE: { type: 'boolean', description: 'Do not report immediately invoked async functions.' },
          checkThenables: { type: 'boolean', description: 'Count every thenable, not only the built-in Promise (needs types).' },
          allowForKnownSafePromises: { ...typeOrValueSpecifiersSchema, description: 'Promise types that may float.' },
          allowForKnownSafeCalls: { ...typeOrValueSpecifiersSchema, description: 'Functions whose returned promise may float.' },
          checkStored: { type: 'boolean', description: 'Also report promises stored in locals and never awaited, returned or handled.' },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [
    { ignoreVoid: true, ignoreIIFE: false, checkThenables: false, allowForKnownSafePromises: [], allowForKnownSafeCalls: [], checkStored: false },
  ],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const facts = promiseFactsOf(context, options.checkThenables ? 'thenable' : 'promise');
    const ignoreVoid = options.ignoreVoid !== false;
    const safePromises = options.allowForKnownSafePromises ?? [];
    const safeCalls = options.allowForKnownSafeCalls ?? [];
    const voidHint = ignoreVoid ? ', or mark it `void` when not waiting is intended' : '';

    function check(reportOn: TSESTree.Node, expression: TSESTree.Expression): void {
      const dropped = droppedPromise(expression, facts, ignoreVoid);
      if (!dropped || isKnownSafe(dropped.node)) return;
      if (dropped.kind === 'uselessHandler') {
        context.report({ node: reportOn, messageId: 'uselessHandler' });
        return;
      }
      context.report({
        node: reportOn,
        messageId: dropped.kind === 'array' ? 'floatingArray' : 'floating',
        data: { voidHint },
        suggest: reportOn.type === AST_NODE_TYPES.ExpressionStatement ? suggestionsFor(expression, dropped) : [],
      });
    }

    function isKnownSafe(node: TSESTree.Expression): boolean {
      if (safeCalls.length > 0 && node.type === AST_NODE_TYPES.CallExpression && isKnownSafeCall(node)) return true;
      if (safePromises.length === 0 || !facts.services) return false;
      const type = facts.oracle!.checker.getTypeAtLocation(facts.tsNode(node));
      return typeMatchesSpecifiers(facts.services.program, type, safePromises);
    }

    function isKnownSafeCall(call: TSESTree.CallExpression): boolean {
      if (!facts.services) {
        // Without types only the called name can be matched.
        const name = calledName(call);
        return name !== undefined && safeCalls.some((specifier) => specifierNames(specifier).includes(name));
      }
      const checker = facts.oracle!.checker;
      const callee = facts.tsNode<ts.CallExpression>(call).expression;
      const target = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      let symbol = checker.getSymbolAtLocation(target);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      if (symbol && symbolMatchesSpecifiers(facts.services.program, symbol.name, symbol.declarations ?? [], safeCalls)) return true;
      return typeMatchesSpecifiers(facts.services.program, checker.getTypeAtLocation(callee), safeCalls);
    }

    function suggestionsFor(
      expression: TSESTree.Expression,
      dropped: DroppedPromise,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const asyncContext = asyncContextOf(expression, facts.services);
      const canAwait = asyncContext?.canAwait === true;
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (dropped.kind === 'array') {
        const array = expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression;
        suggestions.push({
          messageId: 'awaitAll',
          fix: (fixer) => [
            fixer.replaceText(expression, `${canAwait ? 'await ' : 'void '}Promise.all(${sourceCode.getText(array)})`),
          ],
        });
        return suggestions;
      }
      const isVoided = expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void';
      if (canAwait) {
        suggestions.push({
          messageId: 'addAwait',
          fix: (fixer) =>
            isVoided ? [fixer.replaceTextRange([expression.range[0], expression.range[0] + 4], 'await')] : prefixWith(sourceCode, fixer, expression, 'await'),
        });
      }
      if (ignoreVoid) suggestions.push({ messageId: 'addVoid', fix: (fixer) => prefixWith(sourceCode, fixer, expression, 'void') });
      const bare = expression.type === AST_NODE_TYPES.ChainExpression ? expression.expression : expression;
      if (!isVoided && (dropped.node === expression || dropped.node === bare) && hasCatchMethod(dropped.node)) {
        const parameter = isTypeScriptFile(context.filename) ? '(error: unknown)' : '(error)';
        suggestions.push({
          messageId: 'addCatch',
          fix: (fixer) => appendMember(sourceCode, fixer, expression, `.catch(${parameter} => {\n  console.error(error);\n})`),
        });
      }
      const fn = enclosingFunction(expression);
      if (!canAwait && !isVoided && fn) {
        const edits = makeAsyncEdits(sourceCode, fn, facts);
        if (edits) {
          suggestions.push({
            messageId: 'makeAsync',
            data: { name: functionName(fn) },
            fix: (fixer) => [...edits(fixer), ...prefixWith(sourceCode, fixer, expression, 'await')],
          });
        }
      }
      return suggestions;
    }

    /** `.catch` exists on every value the expression may have (not on `Promise | undefined`, nor on a bare thenable). */
    function hasCatchMethod(node: TSESTree.Expression): boolean {
      if (!facts.oracle) return true;
      const checker = facts.oracle.checker;
      const type = checker.getApparentType(checker.getTypeAtLocation(facts.tsNode(node)));
      const parts = type.isUnion() ? type.types : [type];
      return parts.every((part) => part.getProperty('catch') !== undefined);
    }

    return {
      ExpressionStatement(statement) {
        if (options.ignoreIIFE && isIIFE(statement.expression)) return;
        check(statement, statement.expression);
      },
      ...(!ignoreVoid && {
        'ArrowFunctionExpression > UnaryExpression.body[operator="void"]'(body: TSESTree.UnaryExpression) {
          check(body, body);
        },
      }),
      ...(options.checkStored && {
        VariableDeclarator(declarator: TSESTree.VariableDeclarator) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return;
          if (!isStoredPromiseDropped(sourceCode, declarator, facts)) return;
          context.report({ node: declarator.id, messageId: 'storedNeverHandled', data: { name: declarator.id.name } });
        },
      }),
    };
  },
});

/** `(async () => …)()` and `(function () { … })()`. */
function isIIFE(expression: TSESTree.Expression): boolean {
  return expression.type === AST_NODE_TYPES.CallExpression && isFunctionNode(expression.callee);
}
