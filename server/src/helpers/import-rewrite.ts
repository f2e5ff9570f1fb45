import ts from 'typescript';
import { applyFixes, type Fix } from '../text-fixes.js';
import { scriptKindOf } from './module-statements.js';

/** A document's edit whose helper imports now point at the vendored file. */
export interface RewrittenFix {
  /** One edit of the document's text that does everything the fixes did. */
  fix: Fix;
  /** The helpers the document now imports from the vendored file that the fixes added. */
  helpers: string[];
}

interface Binding {
  imported: string;
  local: string;
  typeOnly: boolean;
}

/** `import { a, b as c } from 'm'` or `const { a, b: c } = require('m')` at the top level. */
interface BindingStatement {
  node: ts.Statement;
  syntax: 'import' | 'require';
  module: ts.StringLiteral;
  list: ts.NamedImports | ts.ObjectBindingPattern;
  bindings: Binding[];
}

/**
 * Points the helper imports that `fixes` add at the vendored file instead of the package.
 *
 * The rules' fixes import helpers from `async-guard` (they cannot know the project), and ESLint
 * merges each suggestion into one edit. Rather than lint again with a per-document module, the
 * server reads the result: the bindings of the package modules that the fixes added move into
 * the import of `specifier` (merged into one that exists), and a name the fix had to alias
 * (`mapLimitAsync`, because `mapLimit` came from the vendored file) takes the existing binding.
 * Undefined when the fixes add no helper binding.
 */
export function rewriteHelperImports(
  text: string,
  fileName: string,
  fixes: readonly Fix[],
  packageModules: ReadonlySet<string>,
  specifier: string,
): RewrittenFix | undefined {
  const before = bindingStatements(text, fileName);
  const known = new Set(before.flatMap((statement) => statement.bindings.map((binding) => keyOf(statement.module.text, binding))));
  const vendoredBefore = before.filter((statement) => sameModule(statement.module.text, specifier)).flatMap((statement) => statement.bindings);

  const addedIn = (statements: BindingStatement[]) =>
    statements
      .filter((statement) => packageModules.has(statement.module.text))
      .map((statement) => ({ statement, added: statement.bindings.filter((binding) => !known.has(keyOf(statement.module.text, binding))) }))
      .filter(({ added }) => added.length > 0);

  let edited = applyFixes(text, fixes).text;
  let after = bindingStatements(edited, fileName);
  let additions = addedIn(after);
  if (additions.length === 0) return undefined;

  // A fresh alias of a helper the vendored file already gives becomes that binding's name.
  const renames = new Map<string, string>();
  for (const { added } of additions) {
    for (const binding of added) {
      const existing = vendoredBefore.find((candidate) => candidate.imported === binding.imported && !candidate.typeOnly);
      if (existing && existing.local !== binding.local) renames.set(binding.local, existing.local);
    }
  }
  if (renames.size > 0) {
    edited = applyFixes(text, fixes.map((fix) => ({ ...fix, text: renamed(fix.text, renames) }))).text;
    after = bindingStatements(edited, fileName);
    additions = addedIn(after);
  }

  const edits: Fix[] = [];
  const moved: Binding[] = [];
  let target = after.find((statement) => sameModule(statement.module.text, specifier));
  let targetBindings = target ? [...target.bindings] : [];
  let insertAfter: BindingStatement | undefined;
  for (const { statement, added } of additions) {
    moved.push(...added);
    const kept = statement.bindings.filter((binding) => !added.includes(binding));
    if (kept.length > 0) {
      edits.push(listEdit(statement, kept));
      insertAfter ??= statement;
    } else if (!target) {
      // The fix's own new import becomes the vendored file's import.
      target = statement;
      targetBindings = [];
      const quote = statement.module.getText()[0];
      edits.push({ range: [statement.module.getStart(), statement.module.end], text: `${quote}${specifier}${quote}` });
    } else {
      edits.push(removal(edited, statement.node));
    }
  }
  for (const binding of moved) {
    if (!targetBindings.some((existing) => existing.local === binding.local)) targetBindings.push(binding);
  }
  if (target) {
    edits.push(listEdit(target, targetBindings));
  } else if (insertAfter) {
    const quote = insertAfter.module.getText()[0];
    const list = listText(insertAfter.syntax, targetBindings);
    const statement =
      insertAfter.syntax === 'import' ? `import ${list} from ${quote}${specifier}${quote};` : `const ${list} = require(${quote}${specifier}${quote});`;
    edits.push({ range: [insertAfter.node.end, insertAfter.node.end], text: `\n${statement}` });
  }

  const final = applyFixes(edited, edits).text;
  return { fix: difference(text, final), helpers: [...new Set(moved.map((binding) => binding.imported))] };
}

function keyOf(module: string, binding: Binding): string {
  return `${module}\0${binding.imported}\0${binding.local}`;
}

/** Whether two relative specifiers name the same file (`./a`, `./a.js`, `./a.ts`). */
export function sameModule(a: string, b: string): boolean {
  const strip = (specifier: string) => specifier.replace(/\.[mc]?[jt]s$/, '');
  return strip(a) === strip(b);
}

function renamed(text: string, renames: ReadonlyMap<string, string>): string {
  let result = text;
  for (const [from, to] of renames) result = result.replace(new RegExp(`(?<![\\w$.])${escape(from)}(?![\\w$])`, 'g'), to);
  // `mapLimit as mapLimit` reads better as `mapLimit`.
  return result.replace(/\b([\w$]+) as \1\b/g, '$1');
}

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}

function listEdit(statement: BindingStatement, bindings: readonly Binding[]): Fix {
  return { range: [statement.list.getStart(), statement.list.end], text: listText(statement.syntax, bindings) };
}

function listText(syntax: 'import' | 'require', bindings: readonly Binding[]): string {
  const parts = bindings.map((binding) => {
    const name = binding.imported === binding.local ? binding.imported : `${binding.imported}${syntax === 'import' ? ' as ' : ': '}${binding.local}`;
    return binding.typeOnly && syntax === 'import' ? `type ${name}` : name;
  });
  return `{ ${parts.join(', ')} }`;
}

/** Removes a statement and the line break after it. */
function removal(text: string, node: ts.Statement): Fix {
  const start = node.getStart();
  let end = node.end;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text.startsWith('\n', end)) end += 1;
  return { range: [start, end], text: '' };
}

/** One edit from `before` to `after`: the changed middle between their common start and end. */
function difference(before: string, after: string): Fix {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: [start, before.length - end], text: after.slice(start, after.length - end) };
}

function bindingStatements(text: string, fileName: string): BindingStatement[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const statements: BindingStatement[] = [];
  for (const node of file.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const list = clause?.namedBindings;
      if (!clause || clause.isTypeOnly || clause.name || !list || !ts.isNamedImports(list) || !ts.isStringLiteral(node.moduleSpecifier)) continue;
      const bindings = list.elements.map((element) => ({
        imported: (element.propertyName ?? element.name).text,
        local: element.name.text,
        typeOnly: element.isTypeOnly,
      }));
      statements.push({ node, syntax: 'import', module: node.moduleSpecifier, list, bindings });
    } else if (ts.isVariableStatement(node) && node.declarationList.declarations.length === 1) {
      const declaration = node.declarationList.declarations[0]!;
      const init = declaration.initializer;
      const module = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' ? init.arguments[0] : undefined;
      const pattern = declaration.name;
      if (!module || !ts.isStringLiteral(module) || !ts.isObjectBindingPattern(pattern)) continue;
      const bindings: Binding[] = [];
      for (const element of pattern.elements) {
        const property = element.propertyName ?? element.name;
        if (element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name) || !ts.isIdentifier(property)) break;
        bindings.push({ imported: property.text, local: element.name.text, typeOnly: false });
      }
      if (bindings.length === pattern.elements.length) statements.push({ node, syntax: 'require', module, list: pattern, bindings });
    }
  }
  return statements;
}
