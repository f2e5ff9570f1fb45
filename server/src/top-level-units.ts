import ts from 'typescript';
import { outerAssignedNames } from './assigned-names.js';
import { isPropertyName } from './body-statements.js';
import { declaredNames } from './declared-names.js';

/**
 * One top-level statement of a file, as the rest of the file can depend on it: through the
 * names it declares or assigns. Two units that never name each other's names (directly or
 * through a chain of inferred types) cannot change each other's types.
 */
export interface UnitPrint {
  /** From its first token to its end. */
  start: number;
  end: number;
  /** Top-level names it declares (functions, classes, variables, imports, types). */
  declares: string[];
  /** Outer names it assigns (not its own locals), and for expression statements every name it reads (`f.extra = 1` adds to `f`'s type). */
  writes: string[];
  /** Holds an ESLint directive comment, which can reach lines outside it. */
  hasDirective: boolean;
  /** Exports something (`export` on it, `export { … }`, `export default`): other files see it. */
  exports: boolean;
}

/** What a new unit reads, for following a type change through the file. */
export interface UnitReads extends UnitPrint {
  /** Every name it reads (identifiers that are not property names). */
  reads: Set<string>;
  /**
   * The names its declared types are written with, when annotations alone decide them (a
   * function with a return type, variables that are all annotated); undefined when its
   * content decides them (an inferred return type, a class, an initializer).
   */
  typeReads: Set<string> | undefined;
  /** A namespace, `declare global` or `declare module`: it may reach beyond the file. */
  augments: boolean;
}

export function unitPrints(sourceFile: ts.SourceFile): UnitPrint[] {
  return sourceFile.statements.map((statement) => unitPrint(statement, sourceFile));
}

function unitPrint(statement: ts.Statement, sourceFile: ts.SourceFile): UnitPrint {
  const start = statement.getStart(sourceFile);
  const writes = outerAssignedNames(statement);
  if (ts.isExpressionStatement(statement)) for (const name of namesRead(statement)) writes.add(name);
  return {
    start,
    end: statement.end,
    declares: declaredNames(statement),
    writes: [...writes],
    hasDirective: /eslint-(disable|enable)/.test(sourceFile.text.slice(statement.pos, statement.end)),
    exports: ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || hasExportModifier(statement),
  };
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

export function unitReads(sourceFile: ts.SourceFile): UnitReads[] {
  return sourceFile.statements.map((statement) => ({
    ...unitPrint(statement, sourceFile),
    reads: namesRead(statement),
    typeReads: typeReadsOf(statement),
    augments: ts.isModuleDeclaration(statement),
  }));
}

/** Names other files can see: exported declarations, `export { … }` lists; in a script, all of them. */
export function exportedNames(sourceFile: ts.SourceFile): Set<string> | 'all' {
  if (!ts.isExternalModule(sourceFile)) return 'all';
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause) && !statement.moduleSpecifier) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      names.add(statement.expression.text);
    } else if (hasExportModifier(statement)) {
      for (const name of declaredNames(statement)) names.add(name);
    }
  }
  return names;
}

function namesRead(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return names;
}

function typeReadsOf(statement: ts.Statement): Set<string> | undefined {
  if (ts.isFunctionDeclaration(statement)) {
    if (!statement.type) return undefined;
    const names = new Set<string>();
    for (const part of [...(statement.typeParameters ?? []), ...statement.parameters, statement.type]) for (const name of namesRead(part)) names.add(name);
    return names;
  }
  if (ts.isVariableStatement(statement)) {
    const declarations = statement.declarationList.declarations;
    if (!declarations.every((declaration) => declaration.type)) return undefined;
    const names = new Set<string>();
    for (const declaration of declarations) for (const name of namesRead(declaration.type!)) names.add(name);
    return names;
  }
  // Imports take their types from other files; an expression statement declares nothing.
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExpressionStatement(statement)) return new Set();
  return undefined;
}

/**
 * The units whose types may change when the names in `changed` change type, following the
 * chain: a unit that reads a changed name is re-checked, and when its own declared types come
 * from its content (or from annotations that name a changed name), its names are changed too.
 * Undefined when the change can reach other files (an exported name, a namespace or global
 * augmentation): then only the whole file, and its importers, give the right answer.
 */
export function unitsReached(units: readonly UnitReads[], edited: ReadonlySet<number>, changed: Iterable<string>, exported: Set<string> | 'all'): Set<number> | undefined {
  const names = new Set(changed);
  const reached = new Set(edited);
  const escapes = (): boolean => exported === 'all' ? names.size > 0 : [...names].some((name) => exported.has(name));
  for (let grown = true; grown; ) {
    grown = false;
    units.forEach((unit, index) => {
      if (reached.has(index) || !intersects(unit.reads, names)) return;
      reached.add(index);
      grown = true;
      for (const name of unit.writes) names.add(name);
      if (unit.typeReads === undefined || intersects(unit.typeReads, names)) for (const name of unit.declares) names.add(name);
    });
  }
  if (escapes() || [...reached].some((index) => units[index]!.augments)) return undefined;
  return reached;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const name of a) if (b.has(name)) return true;
  return false;
}
