/** Severity as users write it in settings (ESLint's words and numbers). */
export type Severity = 'off' | 'warn' | 'error';

/** A rule's setting: a severity, or a severity followed by the rule's options. */
export type RuleSetting = Severity | [Severity, ...unknown[]];

export interface Settings {
  enable: boolean;
  /** Per rule, by name with or without the `async-guard/` prefix; over `recommended-type-checked`. */
  rules: Record<string, RuleSetting>;
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Glob patterns (matched against the workspace-relative and the absolute path) never linted. */
  exclude: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Report `eslint-disable` comments for Async Guard rules that suppress nothing. */
  reportUnusedDisableDirectives: Severity;
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Where quick fixes take the helpers they insert from. */
  helpers: HelperSettings;
}

export interface HelperSettings {
  /** `auto`: the package when the project depends on it, else a vendored file. */
  mode: 'auto' | 'package' | 'vendor';
  /** Workspace-relative path of the vendored helper file; empty: beside the project's sources. */
  path: string;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  run: 'onType',
  exclude: [],
  maxFileSize: 1_000_000,
  reportUnusedDisableDirectives: 'off',
  trace: { server: 'off' },
  helpers: { mode: 'auto', path: '' },
};

const SEVERITIES: Record<string, Severity> = { off: 'off', warn: 'warn', error: 'error', 0: 'off', 1: 'warn', 2: 'error' };

export interface ReadSettings {
  settings: Settings;
  /** What was wrong, one line per problem; empty when everything was understood. */
  problems: string[];
}

/**
 * Turns what the client sent under `asyncGuard` into settings. Anything unknown or malformed is
 * named in `problems` and replaced by its default, so a typo never stops the server.
 */
export function readSettings(raw: unknown): ReadSettings {
  const problems: string[] = [];
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    rules: {},
    exclude: [],
    trace: { ...DEFAULT_SETTINGS.trace },
    helpers: { ...DEFAULT_SETTINGS.helpers },
  };
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isObject(raw)) return { settings, problems: ['asyncGuard must be an object'] };

  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'enable':
        if (typeof value === 'boolean') settings.enable = value;
        else problems.push('asyncGuard.enable must be true or false');
        break;
      case 'run':
        if (value === 'onType' || value === 'onSave') settings.run = value;
        else problems.push('asyncGuard.run must be "onType" or "onSave"');
        break;
      case 'exclude':
        if (Array.isArray(value) && value.every((item) => typeof item === 'string')) settings.exclude = value;
        else problems.push('asyncGuard.exclude must be a list of glob patterns');
        break;
      case 'maxFileSize':
        if (typeof value === 'number' && Number.isFinite(value) && value > 0) settings.maxFileSize = value;
        else problems.push('asyncGuard.maxFileSize must be a positive number of bytes');
        break;
      case 'reportUnusedDisableDirectives': {
        const severity = severityOf(value);
        if (severity) settings.reportUnusedDisableDirectives = severity;
        else problems.push('asyncGuard.reportUnusedDisableDirectives must be "off", "warn" or "error"');
        break;
      }
      case 'trace': {
        const server = isObject(value) ? value.server : undefined;
        if (server === 'off' || server === 'messages' || server === 'verbose') settings.trace = { server };
        else problems.push('asyncGuard.trace.server must be "off", "messages" or "verbose"');
        break;
      }
      case 'rules':
        readRules(value, settings.rules, problems);
        break;
      case 'helpers':
        readHelpers(value, settings.helpers, problems);
        break;
      default:
        problems.push(`asyncGuard.${key} is not a setting`);
    }
  }
  return { settings, problems };
}

function readRules(value: unknown, into: Record<string, RuleSetting>, problems: string[]): void {
  if (!isObject(value)) {
    problems.push('asyncGuard.rules must map rule names to severities');
    return;
  }
  for (const [name, entry] of Object.entries(value)) {
    const severity = severityOf(Array.isArray(entry) ? entry[0] : entry);
    if (!severity) {
      problems.push(`asyncGuard.rules["${name}"] must be "off", "warn", "error" or [severity, options]`);
      continue;
    }
    into[name] = Array.isArray(entry) ? [severity, ...entry.slice(1)] : severity;
  }
}

function readHelpers(value: unknown, into: HelperSettings, problems: string[]): void {
  if (!isObject(value)) {
    problems.push('asyncGuard.helpers must be an object with "mode" and "path"');
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'mode') {
      if (entry === 'auto' || entry === 'package' || entry === 'vendor') into.mode = entry;
      else problems.push('asyncGuard.helpers.mode must be "auto", "package" or "vendor"');
    } else if (key === 'path') {
      if (typeof entry === 'string' && isHelperFilePath(entry)) into.path = entry;
      else problems.push('asyncGuard.helpers.path must be a workspace-relative .ts or .js file path (or empty)');
    } else {
      problems.push(`asyncGuard.helpers.${key} is not a setting`);
    }
  }
}

/** Empty, or a relative path inside the workspace ending in a TypeScript or JavaScript extension. */
function isHelperFilePath(value: string): boolean {
  if (value === '') return true;
  const normalised = value.replaceAll('\\', '/');
  if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised) || normalised.split('/').includes('..')) return false;
  return /\.(?:ts|mts|cts|js|mjs|cjs)$/.test(normalised);
}

export function severityOf(value: unknown): Severity | undefined {
  return typeof value === 'string' || typeof value === 'number' ? SEVERITIES[String(value)] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
