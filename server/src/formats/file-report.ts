import type { Linter } from 'eslint';
import type { RelatedEntry } from '../../../rules/src/related-locations.js';

/** The CLI's findings for one file, as the output formats take them. */
export interface FileReport {
  fileName: string;
  messages: readonly Linter.LintMessage[];
  related: readonly RelatedEntry[];
  /** The fixed text when `--fix` changed the file. */
  output?: string;
}

export function countBySeverity(reports: readonly FileReport[]): { errors: number; warnings: number; fixable: number } {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const report of reports) {
    for (const message of report.messages) {
      if (message.severity === 2) errors++;
      else warnings++;
      if (message.fix) fixable++;
    }
  }
  return { errors, warnings, fixable };
}
