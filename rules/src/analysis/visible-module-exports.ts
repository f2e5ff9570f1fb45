import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * Without type information: the names a project file exports as promise-returning functions
 * (`export async function send`, `export const send = async () => …`, `export function send():
 * Promise<void>`, `exports.send = async …`). Reads and parses the file on disk, once per change.
 */
export function asyncExportsOf(importer: string, specifier: string): ReadonlySet<string> | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const file = resolveRelative(path.dirname(importer), specifier);
  if (!file) return undefined;
  const mtimeMs = statOf(file)?.mtimeMs;
  if (mtimeMs === undefined) return undefined;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.names;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const names = asyncExportNames(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file)));
  cache.set(file, { mtimeMs, names });
  return names;
}

const cache = new Map<string, { mtimeMs: number; names: ReadonlySet<string> }>();

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** `./send.js` may be written for `send.ts` (TypeScript's ESM convention), `./send` for `send.ts` or `send/index.ts`. */
function resolveRelative(directory: string, specifier: string): string | undefined {
  const base = path.resolve(directory, specifier);
  const withoutJs = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [
    base,
    ...EXTENSIONS.map((extension) => withoutJs + extension),
    ...EXTENSIONS.map((extension) => path.join(base, `index${extension}`)),
  ];
  return candidates.find((candidate) => statOf(candidate)?.isFile() === true);
}

/** A missing file is the common answer here, and exceptions are slow: ask without one. */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // not a directory on the way, no permission
  }
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.(c|m)?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function asyncExportNames(file: ts.SourceFile): ReadonlySet<string> {
  const asyncLocals = new Set<string>();
  const exported = new Set<string>();
  const reexports: [local: string, name: string][] = [];
  for (const statement of file.statements) {
    const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && returnsPromiseSyntactically(statement)) {
      const name = statement.name?.text;
      if (name) asyncLocals.add(name);
      if (isExported) exported.add(isDefault ? 'default' : (name ?? 'default'));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const initializer = declaration.initializer;
        if ((ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && returnsPromiseSyntactically(initializer)) {
          asyncLocals.add(declaration.name.text);
          if (isExported) exported.add(declaration.name.text);
        }
      }
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) reexports.push([(element.propertyName ?? element.name).getText(file), element.name.text]);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      reexports.push([statement.expression.text, 'default']);
    } else if (ts.isExpressionStatement(statement)) {
      const name = commonJsExportName(statement.expression);
      if (name) exported.add(name);
    }
  }
  for (const [local, name] of reexports) if (asyncLocals.has(local)) exported.add(name);
  return exported;
}

/** `exports.send = async …` or `module.exports.send = async …`. */
function commonJsExportName(expression: ts.Expression): string | undefined {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const { left, right } = expression;
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  const target = left.expression.getText();
  if (target !== 'exports' && target !== 'module.exports') return undefined;
  const isFunction = ts.isArrowFunction(right) || ts.isFunctionExpression(right);
  return isFunction && returnsPromiseSyntactically(right) ? left.name.text : undefined;
}

function returnsPromiseSyntactically(fn: ts.FunctionLikeDeclaration): boolean {
  if (fn.asteriskToken) return false;
  if (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) return true;
  return fn.type !== undefined && ts.isTypeReferenceNode(fn.type) && /^(Promise|PromiseLike)$/.test(fn.type.typeName.getText());
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}
