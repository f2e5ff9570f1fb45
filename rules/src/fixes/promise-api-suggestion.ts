import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ModuleOrigin } from '../analysis/module-origin.js';
import { FS_PROMISES_TWINS, type BlockingApi } from '../catalogue/blocking-apis.js';
import { awaitedReplacement } from './await-text.js';
import { bindModuleExport, type ModuleBinding } from './module-binding.js';

export interface PromiseApiSuggestion {
  /** What the call becomes, for the suggestion's title: `await readFile(…)`. */
  readonly replacement: string;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * Rewrites a blocking call into its promise-based twin, awaited, with whatever import the twin
 * needs. Only offered where `await` is legal and the twin's result has the same type.
 */
export function promiseApiSuggestion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  api: BlockingApi,
  origin: ModuleOrigin,
): PromiseApiSuggestion | undefined {
  const replacement = api.replacement;
  const name = origin.path[origin.path.length - 1];
  if (!replacement || !name || call.optional || call.parent.type === AST_NODE_TYPES.ChainExpression) return undefined;
  const namespace = namespaceText(sourceCode, call, origin);
  const args = argumentsText(sourceCode, call);
  const bindings: ModuleBinding[] = [];
  const bind = (module: string, exportName: string): string | undefined => {
    const binding = bindModuleExport(sourceCode, call, module, exportName);
    if (binding) bindings.push(binding);
    return binding?.localName;
  };

  // The callee of the rewritten call, and what follows its argument list.
  let head: string | undefined;
  let tail = '';
  let resultProperty: string | undefined;
  switch (replacement.kind) {
    case 'fs-promises':
    case 'fs-exists': {
      const exists = name === 'existsSync';
      const twin = exists ? 'access' : withoutSync(name);
      if (!twin || !FS_PROMISES_TWINS.has(twin)) return undefined;
      head = namespace !== undefined ? `${namespace}.promises.${twin}` : bind('fs/promises', twin);
      if (exists) tail = '.then(() => true, () => false)';
      break;
    }
    case 'same-module-async': {
      const twin = replacement.names?.[name] ?? withoutSync(name);
      head = twin && (namespace !== undefined ? `${namespace}.${twin}` : bind(origin.module, twin));
      break;
    }
    case 'promisify': {
      const twin = replacement.twin[name] ?? withoutSync(name);
      const promisify = bind('util', 'promisify');
      const fn = twin && (namespace !== undefined ? `${namespace}.${twin}` : bind(origin.module, twin));
      head = promisify && fn && `${promisify}(${fn})`;
      resultProperty = replacement.resultProperty;
      break;
    }
    case 'atomics-wait-async':
      head = namespace === 'Atomics' ? 'Atomics.waitAsync' : undefined;
      tail = '.value';
      break;
  }
  if (!head) return undefined;

  const finish = (expression: string, node: TSESTree.CallExpression | undefined): string => {
    if (resultProperty) return `(await ${expression}).${resultProperty}`;
    return node ? awaitedReplacement(node, expression) : `await ${expression}`;
  };
  const text = finish(`${head}(${args})${tail}`, call);
  return {
    replacement: finish(`${head}(…)${tail}`, undefined),
    fix: (fixer) => [fixer.replaceText(call, text), ...bindings.flatMap((binding) => binding.fixes(fixer))],
  };
}

function withoutSync(name: string): string | undefined {
  return name.endsWith('Sync') && name.length > 4 ? name.slice(0, -4) : undefined;
}

/**
 * The text of the module object when the call is `ns.readFileSync(…)` on a whole-module binding
 * (`import * as ns`, default import, `require`), so the twin can be reached as `ns.promises.x`.
 */
function namespaceText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, origin: ModuleOrigin): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  // `Atomics.wait` is the one global whose container is part of the catalogue entry.
  if (origin.path.length !== 1 && !(origin.module === 'global' && origin.path[0] === 'Atomics')) return undefined;
  return sourceCode.getText(callee.object);
}

/** The arguments exactly as written, comments and line breaks included. */
function argumentsText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string {
  const open = sourceCode.getTokenAfter(call.typeArguments ?? call.callee, ASTUtils.isOpeningParenToken);
  const close = sourceCode.getLastToken(call);
  if (!open || !close) return call.arguments.map((argument) => sourceCode.getText(argument)).join(', ');
  return sourceCode.text.slice(open.range[1], close.range[0]);
}
