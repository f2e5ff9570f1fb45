import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { GLOBAL_MODULE, normaliseModuleName, type ModuleOrigin } from './module-origin.js';

/**
 * Without type information: follows an expression back through import and require bindings,
 * destructuring, `const` aliases and property access to the module it comes from, by scope
 * analysis of the current file. `fs.readFileSync` after `import * as fs from 'node:fs'` is
 * `{ module: 'fs', path: ['readFileSync'] }`; a global such as `Atomics.wait` is in `global`.
 */
export function bindingOrigin(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
): ModuleOrigin | undefined {
  return originOf(sourceCode, expression, 0);
}

// Bounds alias chains such as `const a = b; const b = a;` that never reach a module.
const MAX_ALIAS_DEPTH = 8;

function originOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): ModuleOrigin | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierOrigin(sourceCode, node, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node);
      if (name === undefined) return undefined;
      const object = originOf(sourceCode, node.object, depth + 1);
      return object && { module: object.module, path: [...object.path, name] };
    }
    case AST_NODE_TYPES.CallExpression:
      return requiredModule(sourceCode, node);
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
      return originOf(sourceCode, node.expression, depth + 1);
    default:
      return undefined;
  }
}

function identifierOrigin(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
  depth: number,
): ModuleOrigin | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length === 0) return { module: GLOBAL_MODULE, path: [identifier.name] };
  const definition = variable.defs[0];
  if (!definition || variable.defs.length > 1) return undefined;

  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const module = normaliseModuleName(declaration.source.value);
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = specifier.imported;
      const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
      return name === 'default' ? { module, path: [] } : { module, path: [name] };
    }
    // A default or namespace import stands for the whole module (CommonJS interop).
    return { module, path: [] };
  }

  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (!declarator.init || !isNeverReassigned(variable)) return undefined;
    const source = originOf(sourceCode, declarator.init, depth + 1);
    if (!source) return undefined;
    const inPattern = patternPath(declarator.id, identifier.name);
    return inPattern && { module: source.module, path: [...source.path, ...inPattern] };
  }
  return undefined;
}

function isNeverReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/** The property path to `name` inside a destructuring pattern: `{ promises: { readFile } }`. */
function patternPath(pattern: TSESTree.Node, name: string): string[] | undefined {
  if (pattern.type === AST_NODE_TYPES.Identifier) return pattern.name === name ? [] : undefined;
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = property.computed ? undefined : keyName(property.key);
    if (key === undefined) continue;
    const rest = patternPath(property.value, name);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

function keyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}

export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return keyName(member.property);
}

/** `require('node:fs')` with the global `require` is the module `fs`. */
function requiredModule(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): ModuleOrigin | undefined {
  const [argument] = call.arguments;
  if (
    call.callee.type !== AST_NODE_TYPES.Identifier ||
    call.callee.name !== 'require' ||
    call.arguments.length !== 1 ||
    argument?.type !== AST_NODE_TYPES.Literal ||
    typeof argument.value !== 'string'
  ) {
    return undefined;
  }
  const variable = ASTUtils.findVariable(sourceCode.getScope(call), call.callee);
  if (variable && variable.defs.length > 0) return undefined;
  return { module: normaliseModuleName(argument.value), path: [] };
}
