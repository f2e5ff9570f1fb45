import * as path from 'node:path';
import { countBySeverity, type FileReport } from './file-report.js';

/**
 * The familiar ESLint "stylish" layout: a file name, then one aligned line per finding, then a
 * summary. Colours only when writing to a terminal.
 */
export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const report of reports) {
    if (report.messages.length === 0) continue;
    lines.push('', paint(4, path.relative(process.cwd(), report.fileName) || report.fileName));
    const rows = report.messages.map((message) => [
      `${message.line}:${message.column}`,
      message.severity === 2 ? 'error' : 'warning',
      message.message,
      message.ruleId ?? '',
    ]);
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const [position, severity, text, ruleId] of rows) {
      const label = paint(severity === 'error' ? 31 : 33, severity!.padEnd(widths[1]!));
      lines.push(`  ${paint(2, position!.padEnd(widths[0]!))}  ${label}  ${text}  ${paint(2, ruleId!)}`);
    }
  }
  const { errors, warnings, fixable } = countBySeverity(reports);
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push('', paint(errors > 0 ? 31 : 33, `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`));
  if (fixable > 0) lines.push(paint(2, `  ${plural(fixable, 'problem')} can be fixed with the \`--fix\` option.`));
  return `${lines.join('\n')}\n`;
}
