import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra fields every Async Guard rule declares in `meta.docs`. */
export interface AsyncGuardDocs {
  description: string;
  /** True when the rule is noticeably more precise with type information (it still runs without). */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE = 'https://github.com/async-guard/async-guard/blob/main/rules/docs/rules/';

export const ruleDocsUrl = (name: string): string => `${DOCS_BASE}${name}.md`;

export const createRule = ESLintUtils.RuleCreator<AsyncGuardDocs>(ruleDocsUrl);
