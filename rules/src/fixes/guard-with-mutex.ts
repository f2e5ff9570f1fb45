import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { bindingOrigin } from '../analysis/binding-origin.js';
import type { FunctionNode } from '../analysis/function-nodes.js';
import { LOCK_PACKAGES } from '../analysis/lock-kind.js';
import type { Finding } from '../analysis/stale-value-flow.js';
import { exclusiveSpan, type ExclusiveSpan } from './exclusive-span.js';
import { planLock } from './lock-declaration.js';
import { bindModuleExport, type ModuleBinding } from './module-binding.js';
import { lineIndent, reindentedText } from './reindent.js';

export interface MutexSuggestion {
  /** The lock as the message names it. */
  readonly lockName: string;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * The suggestion for a finding: run the code from the stale read (or check) to the write inside
 * `await <lock>.runExclusive(async () => { … })`, with a `Mutex` declared beside the state and
 * imported from `helperModule`. Locals the span declares and later code uses come back as the
 * callback's result; a span with a `return` runs to the end of the function and returns the
 * callback's result. Undefined when no such rewrite keeps the code's meaning.
 */
export function guardWithMutex(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  finding: Finding,
  helperModule: string,
): MutexSuggestion | undefined {
  if (!fn.async) return undefined;
  const span = exclusiveSpan(sourceCode, fn, finding.read, finding.write);
  const lock = span && planLock(sourceCode, finding.location, finding.write);
  if (!span || !lock) return undefined;
  const mutex = existingMutex(sourceCode, finding.write) ?? bindModuleExport(sourceCode, finding.write, helperModule, 'Mutex');
  if (!mutex) return undefined;
  if (lock.declare && lock.declaredAt !== undefined && !isAfterRequires(sourceCode, lock.declaredAt)) return undefined;

  const first = span.statements[0]!;
  const last = span.statements[span.statements.length - 1]!;
  const replacement = wrappedText(sourceCode, span, lock.reference);
  return {
    lockName: lock.name,
    fix: (fixer) => [
      ...mutex.fixes(fixer),
      ...(lock.declare ? [lock.declare(fixer, mutex.localName)] : []),
      fixer.replaceTextRange([first.range[0], last.range[1]], replacement),
    ],
  };
}

function wrappedText(sourceCode: Readonly<TSESLint.SourceCode>, span: ExclusiveSpan, lockReference: string): string {
  const first = span.statements[0]!;
  const last = span.statements[span.statements.length - 1]!;
  const body = sourceCode.text.slice(first.range[0], last.range[1]);
  const names = span.handedBack.map((variable) => variable.name);
  const handBack = names.length === 0 ? '' : names.length === 1 ? `return ${names[0]};` : `return { ${names.join(', ')} };`;
  const keyword = span.handedBack.some((variable) => variable.reassigned) ? 'let' : 'const';
  const prefix = span.returns
    ? 'return await '
    : names.length === 0
      ? 'await '
      : names.length === 1
        ? `${keyword} ${names[0]} = await `
        : `${keyword} { ${names.join(', ')} } = await `;
  const call = `${prefix}${lockReference}.runExclusive(async () => `;

  const indent = lineIndent(sourceCode, first);
  if (indent === undefined || !body.includes('\n')) {
    // Written on one line: keep it on one line.
    return `${call}{ ${body}${handBack ? ` ${handBack}` : ''} });`;
  }
  const unit = indent.includes('\t') ? '\t' : '  ';
  const lines = reindentedText(sourceCode, [first.range[0], last.range[1]], '', unit);
  const inner = `${indent}${unit}${lines}${handBack ? `\n${indent}${unit}${handBack}` : ''}`;
  return `${call}{\n${inner}\n${indent}});`;
}

/** A `Mutex` the file already imports from a lock package (async-mutex's works the same way). */
function existingMutex(sourceCode: Readonly<TSESLint.SourceCode>, at: TSESTree.Node): ModuleBinding | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(at), 'Mutex');
  const identifier = variable?.identifiers[0];
  const origin = identifier && bindingOrigin(sourceCode, identifier);
  if (!origin || !LOCK_PACKAGES.has(origin.module) || origin.path.length !== 1 || origin.path[0] !== 'Mutex') return undefined;
  return { localName: 'Mutex', fixes: () => [] };
}

/** In a CommonJS file the `require` of `Mutex` must run before the lock is created. */
function isAfterRequires(sourceCode: Readonly<TSESLint.SourceCode>, position: number): boolean {
  const body = sourceCode.ast.body;
  if (body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration)) return true;
  const requires = body.filter(
    (statement) =>
      statement.type === AST_NODE_TYPES.VariableDeclaration &&
      statement.declarations.some((declarator) => declarator.init?.type === AST_NODE_TYPES.CallExpression && declarator.init.callee.type === AST_NODE_TYPES.Identifier && declarator.init.callee.name === 'require'),
  );
  const lastRequire = requires[requires.length - 1];
  return !lastRequire || lastRequire.range[1] <= position;
}
