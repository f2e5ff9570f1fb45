import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { asyncContextOf } from '../analysis/async-context.js';
import { propertyName } from '../analysis/binding-origin.js';
import { enclosingFunction, isFunctionNode, type FunctionNode } from '../analysis/function-nodes.js';
import { ignoresCallbackResult } from '../analysis/ignored-callback-apis.js';
import { promiseFactsOf } from '../analysis/promise-facts.js';
import { returnArguments, UntypedPromises } from '../analysis/untyped-promises.js';
import { VoidReturnExpectations } from '../analysis/void-return-expectations.js';
import { createRule } from '../create-rule.js';
import { catchInsideExecutor, moveOutOfExecutor } from '../fixes/async-executor-rewrite.js';
import { awaitedReplacement } from '../fixes/await-text.js';
import { forEachRewrites } from '../fixes/for-each-rewrite.js';

export interface ChecksVoidReturnOptions {
  /** Async functions passed as arguments where a void-returning callback is expected. */
  arguments?: boolean;
  /** Async functions given to JSX attributes typed as void-returning handlers. */
  attributes?: boolean;
  /** Async methods that override or implement a void-returning method. */
  inheritedMethods?: boolean;
  /** Async functions given to object properties typed as void-returning. */
  properties?: boolean;
  /** Async functions returned where a void-returning function is the declared result. */
  returns?: boolean;
  /** Async functions stored in variables typed as void-returning. */
  variables?: boolean;
}

export type Options = [
  {
    /** Promises used as conditions: `if (p)`, `p ? a : b`, `!p`, `p && x`. */
    checksConditionals?: boolean;
    /** Promises spread into object literals. */
    checksSpreads?: boolean;
    /** Promises used as plain values: template literals, string concatenation, comparisons with a literal. */
    checksValues?: boolean;
    /** Promise-returning functions where a void-returning function is expected. */
    checksVoidReturn?: boolean | ChecksVoidReturnOptions;
  },
];

export type MessageIds =
  | 'conditional'
  | 'predicate'
  | 'spread'
  | 'template'
  | 'concatenation'
  | 'comparison'
  | 'voidReturnArgument'
  | 'forEachAsync'
  | 'asyncExecutor'
  | 'voidReturnAttribute'
  | 'voidReturnProperty'
  | 'voidReturnReturnValue'
  | 'voidReturnVariable'
  | 'voidReturnInheritedMethod'
  | 'addAwait'
  | 'useForOf'
  | 'usePromiseAll'
  | 'moveOutOfExecutor'
  | 'catchInsideExecutor';

const VOID_RETURN_LOCATIONS = ['arguments', 'attributes', 'inheritedMethods', 'properties', 'returns', 'variables'] as const;

/** Array methods whose callback answers a yes/no question: a promise is always "yes". */
const PREDICATE_METHODS = new Set(['every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some']);

export default createRule<Options, MessageIds>({
  name: 'no-misused-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow promises where a plain value or a void-returning function is expected',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      conditional:
        'A promise used as a condition is always truthy, so this check passes before the work is done and whatever its result. Await it to test its value.',
      predicate:
        'This callback returns a promise, which is always truthy, so every item passes the test. Use a synchronous callback, or await the checks first.',
      spread: 'Spreading a promise copies none of the value it will resolve to: the promise object has no such properties. Await it first.',
      template: 'A promise in a template literal is written as "[object Promise]", not as its value. Await it first.',
      concatenation: 'A promise joined to a string becomes "[object Promise]", not its value. Await it first.',
      comparison:
        'This compares the promise object, not the value it resolves to, so the result is always the same. Await it first.',
      voidReturnArgument:
        'This function returns a promise, but it is passed where a callback returning nothing is expected: the caller ignores the promise, so nothing waits for the work and its errors are lost as unhandled rejections.',
      forEachAsync:
        'forEach ignores the promises its async callback returns: the items are processed all at once with nothing waiting for them, and their errors are lost as unhandled rejections.',
      asyncExecutor:
        'An async Promise executor: if it throws, the error does not reject the promise (it is lost, and the promise may never settle). Code that can await needs no `new Promise` around it.',
      voidReturnAttribute:
        'This handler returns a promise, but the attribute expects a function that returns nothing: nothing waits for it and its errors are lost as unhandled rejections.',
      voidReturnProperty:
        'This function returns a promise, but the property expects one that returns nothing: its callers ignore the promise, so its errors are lost as unhandled rejections.',
      voidReturnReturnValue:
        'This function returns a promise, but it is returned where a function that returns nothing is declared: its callers will ignore the promise and lose its errors.',
      voidReturnVariable:
        'This function returns a promise, but the variable is typed as a function that returns nothing: its callers will ignore the promise and lose its errors.',
      voidReturnInheritedMethod:
        "This method returns a promise, but '{{heritageTypeName}}' declares it as returning nothing: code that calls it through that type ignores the promise and loses its errors.",
      addAwait: 'Await the promise.',
      useForOf: 'Use a for…of loop that awaits each item in turn.',
      usePromiseAll: 'Run them all at once and await them with Promise.all(items.map(…)).',
      moveOutOfExecutor: 'Move the body out of `new Promise` into an async function.',
      catchInsideExecutor: 'Keep `new Promise` and reject it when the async body fails.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checksConditionals: { type: 'boolean', description: 'Report promises used as conditions.' },
          checksSpreads: { type: 'boolean', description: 'Report promises that are spread.' },
          checksValues: { type: 'boolean', description: 'Report promises in template literals, string concatenation and comparisons with a literal.' },
          checksVoidReturn: {
            description: 'Report promise-returning functions where a void-returning function is expected (all places, or per place).',
            oneOf: [
              { type: 'boolean' },
              {
                type: 'object',
                properties: Object.fromEntries(VOID_RETURN_LOCATIONS.map((location) => [location, { type: 'boolean' }])),
                additionalProperties: false,
              },
            ],
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checksConditionals: true, checksSpreads: true, checksValues: true, checksVoidReturn: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Arrays of promises are no misuse here: only whether a value is (or may be) a promise.
    const facts = promiseFactsOf(context, 'thenable', false);
    const services = facts.services;
    const untyped = services ? undefined : new UntypedPromises(sourceCode, context.filename);
    const voids = facts.oracle && new VoidReturnExpectations(facts.oracle);
    const voidChecks = voidReturnLocations(options.checksVoidReturn);
    const checked = new Set<TSESTree.Node>();

    const isPromise = (node: TSESTree.Node): boolean => facts.valueShape(node).always;
    const canAwaitAt = (node: TSESTree.Node): boolean => asyncContextOf(node, services)?.canAwait === true;

    function awaitSuggestion(node: TSESTree.Expression): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (!canAwaitAt(node)) return [];
      return [{ messageId: 'addAwait', fix: (fixer) => fixer.replaceText(node, awaitedReplacement(node, sourceCode.getText(node))) }];
    }

    function checkCondition(node: TSESTree.Expression, isTest: boolean): void {
      if (checked.has(node)) return;
      checked.add(node);
      if (node.type === AST_NODE_TYPES.LogicalExpression) {
        // Outside a test, `a ?? b` does not look at `a`'s truth and only `a`'s truth is tested.
        if (node.operator !== '??' || isTest) checkCondition(node.left, isTest);
        if (isTest) checkCondition(node.right, isTest);
        return;
      }
      if (isPromise(node)) context.report({ node, messageId: 'conditional', suggest: awaitSuggestion(node) });
    }

    function checkTest(node: { test?: TSESTree.Expression | null }): void {
      if (node.test) checkCondition(node.test, true);
    }

    /** true / false when syntax alone tells whether calling `node` can return a promise. */
    function syntacticReturnsPromise(node: TSESTree.Node): boolean | undefined {
      if (isFunctionNode(node)) {
        if (node.generator) return false;
        if (node.async) return true;
        if (node.body?.type === AST_NODE_TYPES.BlockStatement && returnArguments(sourceCode, node.body).length === 0) return false;
        // `(arg) => ({ … })`: a body that is no promise whatever its parts.
        if (node.body && node.body.type !== AST_NODE_TYPES.BlockStatement && isNeverPromiseValue(node.body)) return false;
        return undefined;
      }
      return isNeverCallable(node) ? false : undefined;
    }

    function returnsPromise(node: TSESTree.Node): boolean {
      return syntacticReturnsPromise(node) ?? facts.returnsPromise(node);
    }

    function checkArguments(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (call.arguments.length === 0) return;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'finally') return;
      call.arguments.forEach((argument, index) => {
        if (argument.type === AST_NODE_TYPES.SpreadElement) return;
        const syntactic = syntacticReturnsPromise(argument);
        if (syntactic === false) return;
        if (isPromiseExecutor(call, argument)) {
          if (returnsPromise(argument)) reportExecutor(call as TSESTree.NewExpression, argument);
          return;
        }
        if (voids) {
          // Cheapest question first: a function literal's own body may need its contextual types,
          // so the callee's declared parameter is asked first; for other values, their declaration.
          const tsCall = facts.tsNode<ts.CallExpression | ts.NewExpression>(call);
          if (argument.type === AST_NODE_TYPES.Identifier && facts.oracle!.cheapCalledShape(facts.tsNode(argument), 0)?.maybe === false) return;
          if (!voids.parameterMayExpectVoid(tsCall, index)) return;
          if (!(syntactic ?? facts.returnsPromise(argument))) return;
          if (!voids.argumentExpectsVoid(tsCall, index)) return;
        } else if (!ignoresCallbackResult(call, index, untyped!) || !(syntactic ?? facts.returnsPromise(argument))) {
          return;
        }
        reportArgument(call, argument);
      });
    }

    function isPromiseExecutor(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): argument is FunctionNode {
      if (call.type !== AST_NODE_TYPES.NewExpression || call.arguments[0] !== argument || !isFunctionNode(argument)) return false;
      if (untyped) return untyped.isGlobal(call.callee, 'Promise');
      if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'Promise') return false;
      const symbol = facts.oracle!.checker.getSymbolAtLocation(facts.tsNode(call.callee));
      return symbol !== undefined && facts.oracle!.types.isDefaultLibrarySymbol(symbol);
    }

    function reportExecutor(construction: TSESTree.NewExpression, executor: FunctionNode): void {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const moved = moveOutOfExecutor(sourceCode, construction, executor, context.filename);
      if (moved) suggest.push({ messageId: 'moveOutOfExecutor', fix: moved });
      const caught = catchInsideExecutor(sourceCode, executor);
      if (caught) suggest.push({ messageId: 'catchInsideExecutor', fix: caught });
      context.report({ node: executor, messageId: 'asyncExecutor', suggest });
    }

    function reportArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): void {
      const isForEach = call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === 'forEach';
      if (!isForEach) {
        context.report({ node: argument, messageId: 'voidReturnArgument' });
        return;
      }
      const rewrites = canAwaitAt(call) ? forEachRewrites(sourceCode, call as TSESTree.CallExpression, facts) : undefined;
      context.report({
        node: argument,
        messageId: 'forEachAsync',
        suggest: rewrites
          ? [
              { messageId: 'useForOf', fix: rewrites.sequential },
              { messageId: 'usePromiseAll', fix: rewrites.concurrent },
            ]
          : [],
      });
    }

    function checkPredicate(call: TSESTree.CallExpression): void {
      const callee = call.callee;
      const callback = call.arguments[0];
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !callback || callback.type === AST_NODE_TYPES.SpreadElement) return;
      const method = propertyName(callee);
      if (method === undefined || !PREDICATE_METHODS.has(method)) return;
      if (syntacticReturnsPromise(callback) === false || !returnsPromise(callback)) return;
      if (facts.oracle) {
        const checker = facts.oracle.checker;
        const receiver = checker.getApparentType(checker.getTypeAtLocation(facts.tsNode(callee.object)));
        const parts = receiver.isUnion() ? receiver.types : [receiver];
        if (!parts.every((part) => checker.isArrayType(part) || checker.isTupleType(part))) return;
      }
      context.report({ node: callback, messageId: 'predicate' });
    }

    /**
     * Reports where a function that returns a promise is given to a place typed as returning
     * nothing. The value is asked first, unless `expectedIsCheap`: a type written on the place
     * (an annotation) costs less than the value's, where a callback's place needs its call resolved.
     */
    function checkTypedVoidPlace(value: TSESTree.Node, expected: () => ts.Type | undefined, report: () => void, expectedIsCheap = false): void {
      if (!voids || syntacticReturnsPromise(value) === false) return;
      if (expectedIsCheap && !voids.expectsVoid(expected())) return;
      if (!returnsPromise(value)) return;
      if (expectedIsCheap || voids.expectsVoid(expected())) report();
    }

    /** Where a property's function is reported: its return type, or its head (`name(…)`, `=>`). */
    function functionReportLocation(value: TSESTree.Node): { node: TSESTree.Node } | { loc: TSESTree.SourceLocation } {
      if (!isFunctionNode(value)) return { node: value };
      if (value.returnType) return { node: value.returnType.typeAnnotation };
      return { loc: ASTUtils.getFunctionHeadLocation(value, sourceCode) };
    }

    function checkProperty(property: TSESTree.Property): void {
      if (property.parent.type !== AST_NODE_TYPES.ObjectExpression || property.kind !== 'init' || property.computed && property.method) return;
      const value = property.value;
      const checker = facts.oracle?.checker;
      if (!checker || syntacticReturnsPromise(value) === false) return;
      if (!voids!.propertyMayExpectVoid(facts.tsNode<ts.ObjectLiteralElementLike>(property))) return;
      checkTypedVoidPlace(
        value,
        () => {
          const tsProperty = facts.tsNode(property);
          if (ts.isPropertyAssignment(tsProperty)) return checker.getContextualType(tsProperty.initializer);
          if (ts.isShorthandPropertyAssignment(tsProperty)) return checker.getContextualType(tsProperty.name);
          if (ts.isMethodDeclaration(tsProperty) && ts.isObjectLiteralExpression(tsProperty.parent)) {
            const objectType = checker.getContextualType(tsProperty.parent);
            const name = tsProperty.name.getText();
            const parts = objectType ? (objectType.isUnion() ? objectType.types : [objectType]) : [];
            const symbol = parts.map((part) => checker.getPropertyOfType(part, name)).find((found) => found !== undefined);
            return symbol && checker.getTypeOfSymbolAtLocation(symbol, tsProperty.name);
          }
          return undefined;
        },
        () => context.report({ ...functionReportLocation(value), messageId: 'voidReturnProperty' }),
        typedByAnnotation(property.parent),
      );
    }

    /** An object literal whose type is written next to it: an annotated variable, `as T`, `satisfies T`, an annotated function's return. */
    function typedByAnnotation(literal: TSESTree.ObjectExpression): boolean {
      const parent = literal.parent;
      switch (parent.type) {
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === literal && parent.id.typeAnnotation !== undefined;
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
          return !(parent.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference && parent.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier && parent.typeAnnotation.typeName.name === 'const');
        case AST_NODE_TYPES.ReturnStatement: {
          const fn = enclosingFunction(parent);
          return fn?.returnType !== undefined && !fn.generator;
        }
        default:
          return false;
      }
    }

    function checkReturn(statement: TSESTree.ReturnStatement): void {
      const argument = statement.argument;
      const fn = enclosingFunction(statement);
      if (!argument || !fn || !facts.oracle) return;
      const annotation = fn.returnType?.typeAnnotation;
      if (annotation && !mayBeFunctionType(annotation)) return;
      // An annotated result that can be no void-returning function (`Promise<Receipt>`), by its declarations.
      if (annotation && !voids!.returnAnnotationMayExpectVoid(facts.tsNode<ts.TypeNode>(annotation), fn.async)) return;
      // Without an annotation, only a function that gets its type from where it stands (a
      // callback, an annotated variable) has an expected return type at all.
      if (!annotation && !isContextuallyTyped(fn)) return;
      // A callback's expected result is written on the callee's parameter: `map`'s is `U`, not a function.
      if (!annotation && !voids!.callbackResultMayExpectVoid(facts.tsNode<ts.SignatureDeclaration>(fn))) return;
      // A method of an object literal: its expected result, as declared where the literal goes.
      if (!annotation && !voids!.expectedResultMayExpectVoid(facts.tsNode<ts.SignatureDeclaration>(fn))) return;
      checkTypedVoidPlace(
        argument,
        () => facts.oracle!.checker.getContextualType(facts.tsNode<ts.Expression>(argument)),
        () => context.report({ node: argument, messageId: 'voidReturnReturnValue' }),
        // An annotated function's return type is read from its annotation.
        annotation !== undefined && !fn.generator,
      );
    }

    function checkVariable(declarator: TSESTree.VariableDeclarator): void {
      const annotation = declarator.id.typeAnnotation?.typeAnnotation;
      if (!declarator.init || !annotation || !mayBeFunctionType(annotation) || !facts.oracle) return;
      const init = declarator.init;
      if (syntacticReturnsPromise(init) === false) return;
      if (!voids!.typeNodeMayBeVoidFunction(facts.tsNode<ts.TypeNode>(annotation))) return;
      checkTypedVoidPlace(
        init,
        () => facts.oracle!.checker.getTypeAtLocation(facts.tsNode(declarator.id)),
        () => context.report({ node: init, messageId: 'voidReturnVariable' }),
      );
    }

    function checkAssignment(assignment: TSESTree.AssignmentExpression): void {
      const right = assignment.right;
      if (!facts.oracle || syntacticReturnsPromise(right) === false) return;
      // A local's declaration is cheaper to read than the target's; a member's the other way round.
      if (right.type === AST_NODE_TYPES.Identifier && facts.oracle.cheapCalledShape(facts.tsNode(right), 0)?.maybe === false) return;
      if (!voids!.targetMayExpectVoid(facts.tsNode<ts.Expression>(assignment.left))) return;
      // The target's type first: a variable's or property's declared type is usually ready, while
      // the value (`estimate.maxFee`) may need a generic call's result resolved first.
      if (!voids!.expectsVoid(facts.oracle.checker.getTypeAtLocation(facts.tsNode(assignment.left)))) return;
      if (returnsPromise(right)) context.report({ node: right, messageId: 'voidReturnVariable' });
    }

    function checkAttribute(attribute: TSESTree.JSXAttribute): void {
      const container = attribute.value;
      if (container?.type !== AST_NODE_TYPES.JSXExpressionContainer || container.expression.type === AST_NODE_TYPES.JSXEmptyExpression) return;
      const expression = container.expression;
      if (!facts.oracle) {
        const name = attribute.name.type === AST_NODE_TYPES.JSXIdentifier ? attribute.name.name : '';
        if (/^on[A-Z]/.test(name) && untyped!.returnsPromise(expression)) context.report({ node: container, messageId: 'voidReturnAttribute' });
        return;
      }
      checkTypedVoidPlace(
        expression,
        () => facts.oracle!.checker.getContextualType(facts.tsNode<ts.Expression>(container)),
        () => context.report({ node: container, messageId: 'voidReturnAttribute' }),
      );
    }

    function checkInheritedMethods(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration): void {
      if (!facts.oracle || !services) return;
      const checker = facts.oracle.checker;
      const tsNode = facts.tsNode<ts.ClassLikeDeclaration | ts.InterfaceDeclaration>(node);
      const heritage = tsNode.heritageClauses?.flatMap((clause) => clause.types);
      if (!heritage?.length) return;
      const heritageTypes = heritage.map((type) => checker.getTypeAtLocation(type));
      for (const member of tsNode.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
        if (!member.name || ts.isComputedPropertyName(member.name) || isStatic(member)) continue;
        const name = member.name.getText();
        let returnsPromise: boolean | undefined;
        for (const heritageType of heritageTypes) {
          // The base's declared member is cheap to read; the member's own result may not be.
          const inherited = heritageType.getSymbol()?.members?.get(ts.escapeLeadingUnderscores(name)) ?? heritageType.getProperty(name);
          if (!inherited || !voids!.expectsVoid(checker.getTypeOfSymbolAtLocation(inherited, member))) continue;
          returnsPromise ??= facts.oracle.memberReturnsPromise(member);
          if (!returnsPromise) break;
          context.report({
            node: services.tsNodeToESTreeNodeMap.get(member),
            messageId: 'voidReturnInheritedMethod',
            data: { heritageTypeName: checker.typeToString(heritageType) },
          });
        }
      }
    }

    /**
     * Templates, concatenations and comparisons are everywhere and typescript-eslint does not look
     * at them: they are reported for calls of plain or `this.` functions and for local names
     * (`${load()}`, `${pending}`) when declarations show the promise, without asking the checker
     * to resolve anything.
     */
    function checkValueUse(node: TSESTree.Node, messageId: 'template' | 'concatenation' | 'comparison'): void {
      if (node.type === AST_NODE_TYPES.PrivateIdentifier || !isPlainCallOrName(node)) return;
      const isAlwaysPromise = facts.oracle ? facts.oracle.cheapValueShape(facts.tsNode(node), 0)?.always === true : isPromise(node);
      if (!isAlwaysPromise) return;
      const expression = node as TSESTree.Expression;
      context.report({ node: expression, messageId, suggest: awaitSuggestion(expression) });
    }

    const listeners: TSESLint.RuleListener = {};
    const on = (selector: string, listener: (node: never) => void): void => {
      const previous = listeners[selector] as ((node: never) => void) | undefined;
      listeners[selector] = previous
        ? (node: never) => {
            previous(node);
            listener(node);
          }
        : listener;
    };

    if (options.checksConditionals !== false) {
      on('IfStatement', checkTest);
      on('WhileStatement', checkTest);
      on('DoWhileStatement', checkTest);
      on('ForStatement', checkTest);
      on('ConditionalExpression', checkTest);
      on('LogicalExpression', (node: TSESTree.LogicalExpression) => checkCondition(node, false));
      on('UnaryExpression[operator="!"]', (node: TSESTree.UnaryExpression) => checkCondition(node.argument, true));
      on('CallExpression', checkPredicate);
    }
    if (options.checksSpreads !== false) {
      // Only object spreads: spreading a promise into an array or arguments does not compile
      // (a promise is not iterable), so TypeScript reports those already.
      on('ObjectExpression > SpreadElement', (node: TSESTree.SpreadElement) => {
        if (facts.valueShape(node.argument).maybe) context.report({ node: node.argument, messageId: 'spread', suggest: awaitSuggestion(node.argument) });
      });
    }
    if (options.checksValues !== false) {
      on('TemplateLiteral', (node: TSESTree.TemplateLiteral) => {
        if (node.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) return;
        for (const expression of node.expressions) checkValueUse(expression, 'template');
      });
      on('BinaryExpression', (node: TSESTree.BinaryExpression) => {
        const pair = [node.left, node.right] as const;
        if (node.operator === '+') {
          pair.forEach((side, index) => {
            if (isStringLiteral(pair[1 - index]!)) checkValueUse(side, 'concatenation');
          });
        } else if (node.operator === '===' || node.operator === '!==' || node.operator === '==' || node.operator === '!=') {
          pair.forEach((side, index) => {
            if (isValueLiteral(pair[1 - index]!)) checkValueUse(side, 'comparison');
          });
        }
      });
    }
    if (voidChecks.arguments) {
      on('CallExpression', checkArguments);
      on('NewExpression', checkArguments);
    }
    if (voidChecks.attributes) on('JSXAttribute', checkAttribute);
    if (voidChecks.inheritedMethods) {
      on('ClassDeclaration', checkInheritedMethods);
      on('ClassExpression', checkInheritedMethods);
      on('TSInterfaceDeclaration', checkInheritedMethods);
    }
    if (voidChecks.properties) on('Property', checkProperty);
    if (voidChecks.returns) on('ReturnStatement', checkReturn);
    if (voidChecks.variables) {
      on('VariableDeclarator', checkVariable);
      on('AssignmentExpression', checkAssignment);
    }
    return listeners;
  },
});

function voidReturnLocations(option: boolean | ChecksVoidReturnOptions | undefined): Required<ChecksVoidReturnOptions> {
  const all = option !== false;
  const object = typeof option === 'object' ? option : {};
  return Object.fromEntries(VOID_RETURN_LOCATIONS.map((location) => [location, object[location] ?? all])) as Required<ChecksVoidReturnOptions>;
}

// Expressions whose value is neither a promise nor a function, whatever their operands.
const PLAIN_VALUES = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.JSXElement,
  AST_NODE_TYPES.JSXFragment,
]);

/** Expressions that can never be called: calling them could not return a promise. */
function isNeverCallable(node: TSESTree.Node): boolean {
  return PLAIN_VALUES.has(node.type) || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.AwaitExpression;
}

/** Expressions whose value is never a promise, whatever their operands. */
function isNeverPromiseValue(node: TSESTree.Node): boolean {
  return PLAIN_VALUES.has(node.type) || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** `load()`, `this.load()`, `pending`: values whose promise-ness declarations tell without resolving a receiver. */
function isPlainCallOrName(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  return callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression);
}

/** True when the function may take its signature from its surroundings rather than from itself. */
function isContextuallyTyped(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return false;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) return parent.id.typeAnnotation !== undefined;
  return true;
}

/** Annotations that might describe a function (a keyword, literal, array or tuple never does). */
function mayBeFunctionType(annotation: TSESTree.TypeNode): boolean {
  switch (annotation.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      return annotation.members.some(
        (member) => member.type === AST_NODE_TYPES.TSCallSignatureDeclaration || member.type === AST_NODE_TYPES.TSConstructSignatureDeclaration,
      );
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSTemplateLiteralType:
    case AST_NODE_TYPES.TSMappedType:
    case AST_NODE_TYPES.TSTypePredicate:
      return false;
    default:
      return !annotation.type.endsWith('Keyword');
  }
}

function isStatic(member: ts.ClassElement | ts.TypeElement): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
}

function isStringLiteral(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node.type === AST_NODE_TYPES.TemplateLiteral;
}

/** A literal that a promise can never equal: a string, number, boolean or bigint (not null or undefined). */
function isValueLiteral(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-') return isValueLiteral(node.argument);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return node.type === AST_NODE_TYPES.Literal && node.value !== null && !(node.value instanceof RegExp);
}
