import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { thisClassAt } from './this-binding.js';

/** What the declaration of a variable or a class member says about its value. */
export interface DeclaredValue {
  /** The value it is given once and for all (`const cache = new Map()`, `#lock = new Mutex()`). */
  readonly init?: TSESTree.Expression;
  /** Its written type annotation (`cache: Map<string, User>`), for code without type information. */
  readonly type?: TSESTree.TypeNode;
}

/**
 * Finds where a variable (`cache`) or a member of `this` (`this.cache`, `this.#lock`) is declared
 * in the current file and what that declaration says: a `const` or never-reassigned initializer,
 * a class field initializer, a `this.x = …` in the constructor, a parameter property's type.
 * Undefined when it cannot be found syntactically.
 */
export function declaredValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
): DeclaredValue | undefined {
  if (expression.type === AST_NODE_TYPES.Identifier) return declaredVariable(sourceCode, expression);
  if (expression.type === AST_NODE_TYPES.MemberExpression && expression.object.type === AST_NODE_TYPES.ThisExpression) {
    return declaredMember(expression.object, expression);
  }
  if (expression.type === AST_NODE_TYPES.TSNonNullExpression) return declaredValue(sourceCode, expression.expression);
  return undefined;
}

function declaredVariable(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): DeclaredValue | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = declarator.init && isNeverReassigned(variable) ? declarator.init : undefined;
    return { init, type: declarator.id.typeAnnotation?.typeAnnotation };
  }
  if (definition.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) {
    // A default value is only what callers get when they pass nothing: not a fact about the value.
    return { type: definition.name.typeAnnotation?.typeAnnotation };
  }
  return undefined;
}

export function isNeverReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

function declaredMember(thisNode: TSESTree.ThisExpression, member: TSESTree.MemberExpression): DeclaredValue | undefined {
  const owner = thisClassAt(thisNode);
  if (!owner || member.computed) return undefined;
  const name = member.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.property.name}` : member.property.name;
  const body = owner.classNode.body.body;

  for (const element of body) {
    if (
      (element.type === AST_NODE_TYPES.PropertyDefinition || element.type === AST_NODE_TYPES.AccessorProperty) &&
      element.static === owner.isStatic &&
      memberKeyName(element) === name
    ) {
      return { init: element.value ?? undefined, type: element.typeAnnotation?.typeAnnotation };
    }
  }
  if (owner.isStatic) return undefined;

  const constructor = body.find(
    (element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor',
  );
  if (!constructor) return undefined;
  for (const parameter of constructor.value.params) {
    if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
    const inner = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return { type: inner.typeAnnotation?.typeAnnotation };
  }
  for (const statement of constructor.value.body?.body ?? []) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const assignment = statement.expression;
    if (
      assignment.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.operator === '=' &&
      assignment.left.type === AST_NODE_TYPES.MemberExpression &&
      assignment.left.object.type === AST_NODE_TYPES.ThisExpression &&
      !assignment.left.computed &&
      memberName(assignment.left.property) === name
    ) {
      return { init: assignment.right };
    }
  }
  return undefined;
}

function memberKeyName(element: TSESTree.PropertyDefinition | TSESTree.AccessorProperty): string | undefined {
  return element.computed ? undefined : memberName(element.key);
}

function memberName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}
