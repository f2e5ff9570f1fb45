import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { bindHelper } from '../../../rules/src/fixes/index.js';
import type { Fix } from '../text-fixes.js';
import { probe } from './fix-probe.js';

export interface HelperImportEdit {
  /** The name the document can call the helper by. */
  localName: string;
  /** The edit that adds the import; undefined when the document imports it already. */
  fix: Fix | undefined;
}

/**
 * The import of helper `name` from `module` in a document, written the way the rules' fixes write
 * it: merged into an existing import of the module, a `require` in CommonJS files, after a
 * directive prologue. Undefined when the name and its fallback alias are both taken, or the text
 * does not parse.
 */
export function helperImportEdit(text: string, fileName: string, module: string, name: string): HelperImportEdit | undefined {
  const rule: Rule.RuleModule = {
    meta: { type: 'suggestion', hasSuggestions: true, schema: [] },
    create(context) {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return {
        'Program:exit'(program: unknown) {
          const ast = program as TSESTree.Program;
          // A statement, not the Program: only inside the module scope are its imports visible.
          const binding = bindHelper(sourceCode, ast.body[0] ?? ast, module, name);
          if (!binding) return;
          const fix: TSESLint.ReportFixFunction = (fixer) => binding.fixes(fixer);
          context.report({ loc: { line: 1, column: 0 }, message: binding.localName, suggest: [{ desc: `Import ${name}`, fix: fix as never }] });
        },
      } as Rule.RuleListener;
    },
  };
  const { messages, sourceCode } = probe(text, fileName, { 'async-guard-helper': { import: { rule } } });
  const message = messages.find((candidate) => candidate.ruleId === 'async-guard-helper/import');
  if (!sourceCode || !message) return undefined;
  return { localName: message.message, fix: message.suggestions?.[0]?.fix };
}
