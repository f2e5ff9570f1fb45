import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { bindModuleExport, type ModuleBinding } from './module-binding.js';

/** The package whose helpers (`mapLimit`, `withTimeout`, `retry`, …) suggestions call. */
export const DEFAULT_HELPER_MODULE = 'async-guard';

/** The `helperModule` option shared by every rule whose suggestions call a runtime helper. */
export const helperModuleSchema: JSONSchema.JSONSchema4 = {
  type: 'string',
  minLength: 1,
  description: `Module specifier that suggestions import helpers from (default "${DEFAULT_HELPER_MODULE}").`,
};

/**
 * Makes the helper `name` of `helperModule` callable at `at`: reuses an import of it that is
 * already there, or adds one (merged into an existing import of the module, or a `require` in
 * CommonJS files). Undefined when no free local name is left for it.
 */
export function bindHelper(
  sourceCode: Readonly<TSESLint.SourceCode>,
  at: TSESTree.Node,
  helperModule: string | undefined,
  name: string,
): ModuleBinding | undefined {
  return bindModuleExport(sourceCode, at, helperModule ?? DEFAULT_HELPER_MODULE, name);
}
