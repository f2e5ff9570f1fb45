import ts from 'typescript';
import { GLOBAL_MODULE, normaliseModuleName, packageOfFile, type ModuleOrigin } from './module-origin.js';

/** A function of the program's own source files, which a call chain may be followed into. */
export interface LocalFunction {
  readonly kind: 'local';
  readonly declaration: ts.FunctionLikeDeclaration;
}

export type SymbolTarget = ({ readonly kind: 'module' } & ModuleOrigin) | LocalFunction;

/**
 * Follows a symbol through aliases (renamed imports, namespace imports, `require`, re-exports) to
 * the declaration that defines it, and names where that declaration lives.
 */
export function symbolTarget(program: ts.Program, checker: ts.TypeChecker, symbol: ts.Symbol): SymbolTarget | undefined {
  const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = resolved.declarations?.[0];
  if (!declaration) return undefined;

  const path = [resolved.name];
  for (let node: ts.Node = declaration.parent; ; node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      if (node.flags & ts.NodeFlags.GlobalAugmentation) return { kind: 'module', module: GLOBAL_MODULE, path };
      if (ts.isStringLiteral(node.name)) {
        return { kind: 'module', module: normaliseModuleName(node.name.text), path: withoutExportEquals(checker, node, path) };
      }
      path.unshift(node.name.text);
    } else if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
      path.unshift(node.name.text);
    } else if (ts.isSourceFile(node)) {
      return targetInFile(program, checker, node, declaration, path);
    }
  }
}

function targetInFile(
  program: ts.Program,
  checker: ts.TypeChecker,
  file: ts.SourceFile,
  declaration: ts.Declaration,
  path: string[],
): SymbolTarget | undefined {
  if (program.isSourceFileDefaultLibrary(file)) return { kind: 'module', module: GLOBAL_MODULE, path };
  const packageName = packageOfFile(file.fileName);
  if (packageName) return { kind: 'module', module: normaliseModuleName(packageName), path: withoutExportEquals(checker, file, path) };
  if (file.isDeclarationFile) {
    return ts.isExternalModule(file) ? undefined : { kind: 'module', module: GLOBAL_MODULE, path };
  }
  const fn = functionOfDeclaration(declaration);
  return fn ? { kind: 'local', declaration: fn } : undefined;
}

/**
 * Drops the leading name of a namespace or variable that is the module's `export =` target
 * (`declare namespace glob { function sync() } export = glob`): it is the module itself, and
 * `import glob from 'glob'; glob.sync()` names it without that extra step.
 */
function withoutExportEquals(checker: ts.TypeChecker, moduleNode: ts.Node, path: string[]): string[] {
  if (path.length < 2) return path;
  const moduleSymbol = checker.getSymbolAtLocation(ts.isSourceFile(moduleNode) ? moduleNode : (moduleNode as ts.ModuleDeclaration).name);
  const exportEquals = moduleSymbol?.exports?.get(ts.InternalSymbolName.ExportEquals);
  if (!exportEquals) return path;
  const target = exportEquals.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exportEquals) : exportEquals;
  return target.name === path[0] ? path.slice(1) : path;
}

function functionOfDeclaration(declaration: ts.Declaration): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) {
    return declaration.body ? declaration : undefined;
  }
  if (
    (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) &&
    declaration.initializer &&
    (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
  ) {
    return declaration.initializer;
  }
  return undefined;
}
