import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, UsageError, USAGE, type CliOptions } from './cli-args.js';
import { Engine } from './engine.js';
import { FileFilter } from './file-filter.js';
import { countBySeverity, type FileReport } from './formats/file-report.js';
import { formatJson } from './formats/json.js';
import { formatSarif } from './formats/sarif.js';
import { formatStylish } from './formats/stylish.js';
import { pluginRules } from './linter.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { applyFixes } from './text-fixes.js';
import { sourceFilesUnder } from './workspace-files.js';

/** ESLint's own limit: fixes that keep producing fixes stop after this many passes. */
const MAX_FIX_PASSES = 10;

/** `async-guard [paths…]`: the language server's engine on files, with exit codes for CI. */
function main(argv: readonly string[]): number {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`async-guard: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const engine = new Engine({ warn: (message) => process.stderr.write(`async-guard: warning: ${message}\n`) });
  if (options.version) {
    process.stdout.write(`${pluginVersion()}\n`);
    return 0;
  }

  const problems = engine.linter.configure(options.rules, 'off', options.preset);
  if (problems.length > 0) {
    process.stderr.write(`async-guard: ${problems.join('\n')}\n`);
    return 2;
  }
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const missing = paths.filter((entry) => !fs.existsSync(entry));
  if (missing.length > 0) {
    process.stderr.write(`async-guard: no such file or folder: ${missing.join(', ')}\n`);
    return 2;
  }

  const filter = new FileFilter(DEFAULT_SETTINGS, [process.cwd()]);
  const reports: FileReport[] = [];
  for (const fileName of sourceFilesUnder(paths, () => false)) {
    const text = engine.texts.text(fileName);
    if (text === undefined) continue;
    const skip = filter.skipReason(fileName, text);
    if (skip) {
      if (skip.kind === 'too-large' || skip.kind === 'binary') process.stderr.write(`async-guard: ${skip.message}\n`);
      continue;
    }
    const report = options.fix ? lintAndFix(engine, fileName, text) : lintOnce(engine, fileName);
    if (report) reports.push(report);
  }

  process.stdout.write(render(options, reports));
  const { errors, warnings } = countBySeverity(reports);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings && options.format === 'stylish') {
    process.stderr.write(`async-guard: too many warnings (${warnings}, at most ${options.maxWarnings} allowed).\n`);
  }
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function lintOnce(engine: Engine, fileName: string): FileReport | undefined {
  const lint = engine.lintTyped(fileName);
  if (!lint) return undefined;
  if (lint.parseError) return { fileName, messages: [parseErrorMessage(lint.parseError)], related: [] };
  return { fileName, messages: lint.messages, related: lint.related };
}

/**
 * Applies the fixes of one lint, hands the new text to the project (so the next pass has types
 * for exactly that text) and lints again, until nothing more is fixed. Suggestions are never
 * applied: they may change what the code means.
 */
function lintAndFix(engine: Engine, fileName: string, original: string): FileReport | undefined {
  let text = original;
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const lint = engine.lintTyped(fileName);
    if (!lint) return undefined;
    if (lint.parseError) return { fileName, messages: [parseErrorMessage(lint.parseError)], related: [] };
    const fixed = applyFixes(text, lint.messages.flatMap((message) => (message.fix ? [message.fix] : [])));
    if (fixed.applied.length === 0 || pass === MAX_FIX_PASSES) {
      if (text !== original) fs.writeFileSync(fileName, text);
      return { fileName, messages: lint.messages, related: lint.related, ...(text !== original ? { output: text } : {}) };
    }
    text = fixed.text;
    engine.texts.change(fileName, text, pass);
  }
  return undefined;
}

function parseErrorMessage(message: string) {
  return { ruleId: null, severity: 2 as const, message, line: 1, column: 1, fatal: true as const };
}

function render(options: CliOptions, reports: FileReport[]): string {
  switch (options.format) {
    case 'json':
      return `${formatJson(reports)}\n`;
    case 'sarif':
      return `${formatSarif(reports, pluginRules, pluginVersion())}\n`;
    case 'stylish':
      return formatStylish(reports, process.stdout.isTTY === true && !process.env.NO_COLOR);
  }
}

function pluginVersion(): string {
  try {
    const manifest = path.join(__dirname, '..', 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`async-guard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
