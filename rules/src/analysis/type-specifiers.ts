import * as path from 'node:path';
import type { JSONSchema } from '@typescript-eslint/utils';
import ts from 'typescript';
import { packageOfFile } from './module-origin.js';

/**
 * Names a type or value, optionally with where it is declared: a plain name matches anywhere;
 * `from: 'file'` a declaration in the project's own files (under `path`, relative to the project
 * root, when given); `from: 'lib'` one of TypeScript's built-in libraries; `from: 'package'` a
 * declaration of the named npm package. The same format typescript-eslint uses, so existing
 * configurations carry over.
 */
export type TypeOrValueSpecifier =
  | string
  | { from: 'file'; name: string | string[]; path?: string }
  | { from: 'lib'; name: string | string[] }
  | { from: 'package'; name: string | string[]; package: string };

export const typeOrValueSpecifiersSchema: JSONSchema.JSONSchema4 = {
  type: 'array',
  items: {
    oneOf: [
      { type: 'string' },
      {
        type: 'object',
        properties: {
          from: { type: 'string', enum: ['file', 'lib', 'package'] },
          name: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }] },
          path: { type: 'string' },
          package: { type: 'string' },
        },
        required: ['from', 'name'],
        additionalProperties: false,
      },
    ],
  },
};

/** The names a specifier matches. */
export function specifierNames(specifier: TypeOrValueSpecifier): string[] {
  if (typeof specifier === 'string') return [specifier];
  return Array.isArray(specifier.name) ? specifier.name : [specifier.name];
}

/** True when a symbol named `name`, declared by `declarations`, is one of `specifiers`. */
export function symbolMatchesSpecifiers(
  program: ts.Program,
  name: string,
  declarations: readonly ts.Declaration[],
  specifiers: readonly TypeOrValueSpecifier[],
): boolean {
  return specifiers.some((specifier) => specifierNames(specifier).includes(name) && declaredWhere(program, declarations, specifier));
}

function declaredWhere(program: ts.Program, declarations: readonly ts.Declaration[], specifier: TypeOrValueSpecifier): boolean {
  if (typeof specifier === 'string') return true;
  const files = declarations.map((declaration) => declaration.getSourceFile());
  switch (specifier.from) {
    case 'lib':
      return files.some((file) => program.isSourceFileDefaultLibrary(file));
    case 'package':
      return (
        files.some((file) => packageOfFile(file.fileName) === specifier.package) ||
        declarations.some((declaration) => ambientModuleName(declaration) === specifier.package)
      );
    case 'file':
      return files.some((file) => {
        if (program.isSourceFileDefaultLibrary(file) || packageOfFile(file.fileName)) return false;
        if (specifier.path === undefined) return true;
        const relative = path.relative(program.getCurrentDirectory(), file.fileName).replace(/\\/g, '/');
        return relative === path.posix.normalize(specifier.path).replace(/^\.\//, '');
      });
  }
}

/** `declare module 'pkg' { … }` around a declaration. */
function ambientModuleName(declaration: ts.Node): string | undefined {
  for (let node = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return node.name.text;
  }
  return undefined;
}

/** True when `type` (every member of a union) is named by one of `specifiers`. */
export function typeMatchesSpecifiers(program: ts.Program, type: ts.Type, specifiers: readonly TypeOrValueSpecifier[]): boolean {
  if (specifiers.length === 0) return false;
  if (type.isUnion()) {
    const members = type.types.filter((member) => !(member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
    return members.length > 0 && members.every((member) => typeMatchesSpecifiers(program, member, specifiers));
  }
  const symbols = [type.aliasSymbol, type.getSymbol()].filter((symbol): symbol is ts.Symbol => symbol !== undefined);
  return symbols.some((symbol) => symbolMatchesSpecifiers(program, symbol.name, symbol.declarations ?? [], specifiers));
}
