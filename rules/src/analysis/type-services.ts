import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';

/**
 * The type information of the current file, or undefined when the file was parsed without a
 * program (plain JavaScript, espree, or typescript-eslint without `project`/`projectService`).
 * Rules use it when present and fall back to syntax and scope analysis otherwise.
 */
export function typeServicesOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ParserServicesWithTypeInformation | undefined {
  const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return services as ParserServicesWithTypeInformation;
}
