import { PRESETS, type Preset } from './linter.js';
import { severityOf, type RuleSetting } from './settings.js';

export type OutputFormat = 'stylish' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  rules: Record<string, RuleSetting>;
  preset: Preset;
  maxWarnings: number | undefined;
  help: boolean;
  version: boolean;
}

/** Wrong command-line use: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: async-guard [options] [paths...]

Checks JavaScript and TypeScript files for async pitfalls, with types from each file's tsconfig.
Paths are files or folders (default: the current folder); node_modules is skipped.

Options:
  --format <name>        stylish (default), json or sarif
  --fix                  apply the rules' fixes to the files (suggestions are never applied)
  --preset <name>        the rules to start from: recommended, recommended-type-checked (default)
                         or strict (every rule, with the deeper analyses)
  --rule <name:severity> set a rule's severity (off, warn, error), or name:[severity, options] as JSON;
                         may be repeated, e.g. --rule no-blocking-in-async:warn
  --max-warnings <n>     exit with 1 when there are more than n warnings
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 wrong usage or configuration.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    paths: [],
    format: 'stylish',
    fix: false,
    rules: {},
    preset: 'recommended-type-checked',
    maxWarnings: undefined,
    help: false,
    version: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'stylish' && format !== 'json' && format !== 'sarif') {
          throw new UsageError(`unknown format "${format}" (use stylish, json or sarif)`);
        }
        options.format = format;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--preset': {
        const preset = value();
        if (!(PRESETS as readonly string[]).includes(preset)) throw new UsageError(`unknown preset "${preset}" (use ${PRESETS.join(', ')})`);
        options.preset = preset as Preset;
        break;
      }
      case '--rule': {
        const [name, setting] = parseRule(value());
        options.rules[name] = setting;
        break;
      }
      case '--max-warnings': {
        const raw = value();
        const count = Number(raw);
        if (!Number.isInteger(count) || count < 0) throw new UsageError(`--max-warnings needs a whole number, not "${raw}"`);
        options.maxWarnings = count;
        break;
      }
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  return options;
}

function parseRule(text: string): [string, RuleSetting] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--rule needs name:severity, not "${text}"`);
  const name = text.slice(0, colon);
  const rest = text.slice(colon + 1).trim();
  if (rest.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rest);
    } catch {
      throw new UsageError(`--rule ${name}: the options are not valid JSON: ${rest}`);
    }
    const severity = Array.isArray(parsed) ? severityOf(parsed[0]) : undefined;
    if (!severity) throw new UsageError(`--rule ${name}: the list must start with off, warn or error`);
    return [name, [severity, ...(parsed as unknown[]).slice(1)]];
  }
  const severity = severityOf(rest);
  if (!severity) throw new UsageError(`--rule ${name}: unknown severity "${rest}" (use off, warn or error)`);
  return [name, severity];
}
