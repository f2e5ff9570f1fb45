import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { bindingOrigin } from '../analysis/binding-origin.js';
import { normaliseModuleName } from '../analysis/module-origin.js';

/** Node's built-in modules that suggestions may import with the `node:` prefix. */
const BUILTIN_MODULES = new Set(['fs', 'fs/promises', 'child_process', 'crypto', 'zlib', 'util']);

/** A name a fix can use at a given place, and the edits (if any) that make it available. */
export interface ModuleBinding {
  readonly localName: string;
  readonly fixes: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * Makes the export `name` of `module` available under a local name at `at`: reuses a binding that
 * already refers to it, merges into an existing `import { … } from` or `const { … } = require(…)`
 * of that module, or adds a new import (ES modules) or require (CommonJS) next to the others.
 * Picks `<name>Async` when `name` is already taken by something else; undefined when that is
 * taken too.
 */
export function bindModuleExport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  at: TSESTree.Node,
  module: string,
  name: string,
): ModuleBinding | undefined {
  const wanted = normaliseModuleName(module);
  const scope = sourceCode.getScope(at);
  for (const localName of [name, `${name}Async`]) {
    const variable = ASTUtils.findVariable(scope, localName);
    const identifier = variable?.identifiers[0];
    if (!variable || variable.defs.length === 0) {
      return { localName, fixes: (fixer) => [addBinding(sourceCode, fixer, wanted, name, localName)] };
    }
    const origin = identifier && bindingOrigin(sourceCode, identifier);
    if (origin && origin.module === wanted && origin.path.length === 1 && origin.path[0] === name) {
      return { localName, fixes: () => [] };
    }
  }
  return undefined;
}

function specifierFor(module: string): string {
  return BUILTIN_MODULES.has(module) ? `node:${module}` : module;
}

function importedName(name: string, localName: string): string {
  return name === localName ? name : `${name} as ${localName}`;
}

function addBinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  module: string,
  name: string,
  localName: string,
): TSESLint.RuleFix {
  const body = sourceCode.ast.body;
  const imports = body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const requires = body.filter(isTopLevelRequire);
  const useRequire = imports.length === 0 && (requires.length > 0 || sourceCode.ast.sourceType === 'script');

  if (!useRequire) {
    const sameModule = imports.find(
      (declaration) =>
        normaliseModuleName(declaration.source.value) === module &&
        declaration.importKind !== 'type' &&
        declaration.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
    );
    if (sameModule) {
      const last = sameModule.specifiers[sameModule.specifiers.length - 1]!;
      return fixer.insertTextAfter(last, `, ${importedName(name, localName)}`);
    }
    const text = `import { ${importedName(name, localName)} } from '${specifierFor(module)}';\n`;
    const lastImport = imports[imports.length - 1];
    return lastImport ? fixer.insertTextAfter(lastImport, `\n${text.trimEnd()}`) : insertAtTop(sourceCode, fixer, text);
  }

  const property = name === localName ? name : `${name}: ${localName}`;
  for (const statement of requires) {
    const declarator = statement.declarations[0]!;
    const required = declarator.init as TSESTree.CallExpression;
    const source = (required.arguments[0] as TSESTree.StringLiteral).value;
    if (normaliseModuleName(source) === module && declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      const properties = declarator.id.properties;
      const last = properties[properties.length - 1];
      if (last && last.type === AST_NODE_TYPES.Property) return fixer.insertTextAfter(last, `, ${property}`);
    }
  }
  const text = `const { ${property} } = require('${specifierFor(module)}');\n`;
  const lastRequire = requires[requires.length - 1];
  return lastRequire ? fixer.insertTextAfter(lastRequire, `\n${text.trimEnd()}`) : insertAtTop(sourceCode, fixer, text);
}

/**
 * Inserts before the first statement, after any directive prologue such as `'use strict'`; a blank
 * line parts the new first import from the code, as the file's first import usually is.
 */
function insertAtTop(sourceCode: Readonly<TSESLint.SourceCode>, fixer: TSESLint.RuleFixer, text: string): TSESLint.RuleFix {
  const body = sourceCode.ast.body;
  const directives = body.filter(
    (statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
  );
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) return fixer.insertTextAfter(lastDirective, `\n${text.trimEnd()}`);
  const first = body[0];
  return first ? fixer.insertTextBefore(first, `${text}\n`) : fixer.insertTextAfterRange([0, 0], text);
}

function isTopLevelRequire(statement: TSESTree.ProgramStatement): statement is TSESTree.VariableDeclaration {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return false;
  const init = statement.declarations[0]!.init;
  return (
    init?.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof init.arguments[0].value === 'string'
  );
}
