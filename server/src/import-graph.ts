import ts from 'typescript';

type ModuleLookup = (specifier: ts.StringLiteralLike, file: ts.SourceFile) => string | undefined;

/**
 * Which of `candidates` import `changed`, directly or through other modules (a re-export passes
 * types on just as well). Used to re-lint open documents after a file they depend on changed.
 */
export function importersOf(program: ts.Program, changed: string, candidates: readonly string[]): string[] {
  const lookup = moduleLookup(program);
  const reaches = (start: string): boolean => {
    const seen = new Set([start]);
    const pending = [start];
    while (pending.length > 0) {
      const file = program.getSourceFile(pending.pop()!);
      if (!file) continue;
      for (const specifier of moduleSpecifiers(file)) {
        const target = lookup(specifier, file);
        if (target === undefined || seen.has(target)) continue;
        if (target === changed) return true;
        seen.add(target);
        const targetFile = program.getSourceFile(target);
        if (targetFile && !program.isSourceFileFromExternalLibrary(targetFile)) pending.push(target);
      }
    }
    return false;
  };
  return candidates.filter((candidate) => candidate !== changed && reaches(candidate));
}

/** The module specifiers of import and export declarations (and `import x = require()`). */
function moduleSpecifiers(file: ts.SourceFile): ts.StringLiteralLike[] {
  const specifiers: ts.StringLiteralLike[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteralLike(expression)) specifiers.push(expression);
    }
  }
  return specifiers;
}

/**
 * Resolves a specifier to a file name. The program's own resolution table is not public API,
 * so it is used when present and the checker (public, a little slower) otherwise.
 */
function moduleLookup(program: ts.Program): ModuleLookup {
  const internal = program as ts.Program & {
    getResolvedModuleFromModuleSpecifier?: (
      specifier: ts.StringLiteralLike,
      file: ts.SourceFile,
    ) => { resolvedModule?: { resolvedFileName: string } } | undefined;
  };
  if (typeof internal.getResolvedModuleFromModuleSpecifier === 'function') {
    return (specifier, file) => internal.getResolvedModuleFromModuleSpecifier!(specifier, file)?.resolvedModule?.resolvedFileName;
  }
  const checker = program.getTypeChecker();
  return (specifier) => checker.getSymbolAtLocation(specifier)?.valueDeclaration?.getSourceFile().fileName;
}
