import type { FileReport } from './file-report.js';

/** ESLint's JSON layout, so tools that read `eslint --format json` read this too. */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map((report) => {
      const severity = (level: number, fixable: boolean): number =>
        report.messages.filter((message) => message.severity === level && (!fixable || message.fix)).length;
      return {
        filePath: report.fileName,
        messages: report.messages,
        errorCount: severity(2, false),
        warningCount: severity(1, false),
        fixableErrorCount: severity(2, true),
        fixableWarningCount: severity(1, true),
        ...(report.output !== undefined ? { output: report.output } : {}),
      };
    }),
  );
}
