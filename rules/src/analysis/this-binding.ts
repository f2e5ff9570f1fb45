import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The class a `this` belongs to, and whether it is the class itself (static code) or an instance. */
export interface ThisClass {
  readonly classNode: ClassNode;
  readonly isStatic: boolean;
}

/**
 * Which class `this` stands for at `node`: the instance inside methods, accessors, constructors and
 * field initializers (arrow functions included, as they keep the outer `this`), the class itself
 * in static members. Undefined outside classes and inside plain functions, whose `this` depends on
 * how they are called.
 */
export function thisClassAt(node: TSESTree.Node): ThisClass | undefined {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
        continue;
      case AST_NODE_TYPES.FunctionExpression: {
        const owner = current.parent;
        return owner.type === AST_NODE_TYPES.MethodDefinition && owner.value === current ? classOfMember(owner) : undefined;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
        return undefined;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
        return current.value !== null && isInside(node, current.value) ? classOfMember(current) : undefined;
      case AST_NODE_TYPES.StaticBlock: {
        const classNode = current.parent.parent;
        return isClassNode(classNode) ? { classNode, isStatic: true } : undefined;
      }
      default:
        continue;
    }
  }
  return undefined;
}

function classOfMember(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
): ThisClass | undefined {
  const classNode = member.parent.parent;
  return isClassNode(classNode) ? { classNode, isStatic: member.static } : undefined;
}

function isClassNode(node: TSESTree.Node | undefined): node is ClassNode {
  return node?.type === AST_NODE_TYPES.ClassDeclaration || node?.type === AST_NODE_TYPES.ClassExpression;
}

export function isInside(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
