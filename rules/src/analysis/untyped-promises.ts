import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { forEachChildNode } from './ast-walk.js';
import { bindingOrigin, propertyName } from './binding-origin.js';
import { isFunctionNode, type FunctionNode } from './function-nodes.js';
import { NOT_PROMISE, PROMISE, PROMISE_ARRAY, eitherShape, type PromiseShape } from './promise-shape.js';
import { asyncExportsOf } from './visible-module-exports.js';

/** Static methods of `Promise` that return a promise. */
const PROMISE_STATICS = new Set(['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try']);

/** Global functions that return a promise. */
const PROMISE_GLOBALS = new Set(['fetch']);

// How far returns and initializers are followed.
const MAX_DEPTH = 4;

/**
 * Without type information, what syntax and scope analysis can prove about promises: calls of
 * functions declared `async` (or annotated to return a Promise) in this file or in a project file
 * it imports, `new Promise`, `Promise.all` and its siblings, `.then/.catch/.finally` chains,
 * `fetch(…)`, dynamic `import(…)`, and constants holding any of these. Anything else is assumed not
 * to be a promise: the untyped rules report less, never something unsure.
 */
export class UntypedPromises {
  /** What each imported module exports as async, looked up once per file (finding a module stats files). */
  private readonly moduleExports = new Map<string, ReadonlySet<string> | undefined>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename: string,
  ) {}

  valueShape(node: TSESTree.Node, depth = 0): PromiseShape {
    if (depth > MAX_DEPTH) return NOT_PROMISE;
    switch (node.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        return this.valueShape(node.expression, depth);
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return isPromiseTypeAnnotation(node.typeAnnotation) ? PROMISE : this.valueShape(node.expression, depth);
      case AST_NODE_TYPES.ImportExpression:
        return PROMISE;
      case AST_NODE_TYPES.NewExpression:
        return this.isGlobal(node.callee, 'Promise') ? PROMISE : NOT_PROMISE;
      case AST_NODE_TYPES.CallExpression:
        return this.callShape(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.constantShape(node, depth);
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && this.valueShape(element, depth + 1).maybe)
          ? PROMISE_ARRAY
          : NOT_PROMISE;
      case AST_NODE_TYPES.ConditionalExpression:
        return eitherShape([this.valueShape(node.consequent, depth + 1), this.valueShape(node.alternate, depth + 1)]);
      case AST_NODE_TYPES.SequenceExpression:
        return this.valueShape(node.expressions[node.expressions.length - 1]!, depth);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.valueShape(node.right, depth) : NOT_PROMISE;
      default:
        return NOT_PROMISE;
    }
  }

  /** True when calling the function value `node` returns a promise, as far as syntax shows. */
  returnsPromise(node: TSESTree.Node, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    if (isFunctionNode(node)) return this.functionReturnsPromise(node, depth);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const fn = this.localFunction(node);
      if (fn) return this.functionReturnsPromise(fn, depth);
      return this.isAsyncImport(node);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const method = this.ownMethod(node);
      if (method) return this.functionReturnsPromise(method, depth);
      return this.isAsyncImport(node);
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'bind') {
      return this.returnsPromise(node.callee.object, depth + 1);
    }
    return false;
  }

  functionReturnsPromise(fn: FunctionNode, depth = 0): boolean {
    if (fn.generator) return false;
    if (fn.async) return true;
    if (fn.returnType && isPromiseTypeAnnotation(fn.returnType.typeAnnotation)) return true;
    if (!fn.body) return false;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return this.valueShape(fn.body, depth + 1).maybe;
    return returnArguments(this.sourceCode, fn.body).some((argument) => this.valueShape(argument, depth + 1).maybe);
  }

  private callShape(call: TSESTree.CallExpression, depth: number): PromiseShape {
    const callee = call.callee;
    if (isFunctionNode(callee)) return this.functionReturnsPromise(callee, depth) ? PROMISE : NOT_PROMISE;
    if (callee.type === AST_NODE_TYPES.Identifier && PROMISE_GLOBALS.has(callee.name) && this.isGlobal(callee, callee.name)) return PROMISE;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method === 'then') return PROMISE;
      if (method === 'catch' || method === 'finally') return this.valueShape(callee.object, depth + 1);
      if (method && PROMISE_STATICS.has(method) && this.isGlobal(callee.object, 'Promise')) return PROMISE;
    }
    return this.returnsPromise(callee, depth + 1) ? PROMISE : NOT_PROMISE;
  }

  /** A `const` (or never reassigned `let`) holding a promise. */
  private constantShape(identifier: TSESTree.Identifier, depth: number): PromiseShape {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return NOT_PROMISE;
    const annotation = definition.node.id.typeAnnotation?.typeAnnotation;
    if (annotation) return isPromiseTypeAnnotation(annotation) ? PROMISE : NOT_PROMISE;
    const init = definition.node.init;
    const reassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
    return init && !reassigned ? this.valueShape(init, depth + 1) : NOT_PROMISE;
  }

  /** A function declared in this file under the identifier's name (declaration or `const` initializer). */
  private localFunction(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!definition) return undefined;
    if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
    if (definition.type === 'Variable' && definition.node.init && isFunctionNode(definition.node.init)) {
      const reassigned = variable!.references.some((reference) => reference.isWrite() && !reference.init);
      return reassigned ? undefined : definition.node.init;
    }
    return undefined;
  }

  /** `this.name` inside a class whose method `name` is declared in the same class body. */
  private ownMethod(member: TSESTree.MemberExpression): FunctionNode | undefined {
    if (member.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name = propertyName(member);
    if (name === undefined) return undefined;
    for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
      if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) {
        // A plain function rebinds `this` unless it is a class method.
        if (node.parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
      }
      if (node.type === AST_NODE_TYPES.ClassBody) {
        for (const element of node.body) {
          if (
            element.type === AST_NODE_TYPES.MethodDefinition &&
            element.kind === 'method' &&
            !element.computed &&
            element.key.type === AST_NODE_TYPES.Identifier &&
            element.key.name === name &&
            element.value.type === AST_NODE_TYPES.FunctionExpression
          ) {
            return element.value;
          }
        }
        return undefined;
      }
    }
    return undefined;
  }

  /** A function imported from a project file that declares it `async` (or returning a Promise). */
  private isAsyncImport(node: TSESTree.Node): boolean {
    const origin = bindingOrigin(this.sourceCode, node);
    if (!origin || !origin.module.startsWith('.') || origin.path.length > 1) return false;
    if (!this.moduleExports.has(origin.module)) this.moduleExports.set(origin.module, asyncExportsOf(this.filename, origin.module));
    const names = this.moduleExports.get(origin.module);
    return names?.has(origin.path[0] ?? 'default') === true;
  }

  /** True when `node` is the global `name`, not a local binding that shadows it. */
  isGlobal(node: TSESTree.Node, name: string): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    return !variable || variable.defs.length === 0;
  }
}

/** `Promise<…>` or `PromiseLike<…>` written as a type. */
export function isPromiseTypeAnnotation(type: TSESTree.TypeNode): boolean {
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    (type.typeName.name === 'Promise' || type.typeName.name === 'PromiseLike')
  );
}

/** The expressions a function body returns, not counting nested functions and classes. */
export function returnArguments(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.BlockStatement): TSESTree.Expression[] {
  const found: TSESTree.Expression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
    forEachChildNode(sourceCode, node, visit);
  };
  visit(body);
  return found;
}
