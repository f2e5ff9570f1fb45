import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const EXAMPLES = path.join(ROOT, 'examples');

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; column: number; message: string; fix?: unknown }[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

function run(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], cwd = ROOT): JsonResult[] {
  return JSON.parse(run(['--format', 'json', ...args], cwd).stdout) as JsonResult[];
}

function copyExamples(): string {
  const scratch = path.join(ROOT, '.tmp/server-tests');
  fs.mkdirSync(scratch, { recursive: true });
  const target = fs.mkdtempSync(path.join(scratch, 'examples-'));
  fs.cpSync(EXAMPLES, target, { recursive: true, filter: (source) => !source.includes('node_modules') });
  return target;
}

describe('CLI on examples/', { timeout: 180_000 }, () => {
  let baseline: JsonResult[];
  beforeAll(() => {
    baseline = json(['examples']);
  }, 180_000);

  it('prints stylish output: each file with findings, aligned lines, a summary; exit code 1 for errors', () => {
    const results = baseline;
    const total = results.reduce((sum, result) => sum + result.messages.length, 0);
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    expect(errors).toBeGreaterThan(0);

    const { status, stdout } = run(['examples']);
    expect(status).toBe(1);
    for (const result of results.filter((entry) => entry.messages.length > 0)) {
      expect(stdout).toContain(`\n${path.relative(ROOT, result.filePath)}\n`);
      for (const message of result.messages) {
        expect(stdout).toMatch(new RegExp(`  ${message.line}:${message.column}\\s+(error|warning)\\s+.*${message.ruleId ?? ''}`));
      }
    }
    expect(stdout).toMatch(new RegExp(`✖ ${total} problems? \\(${errors} errors?, ${total - errors} warnings?\\)`));
  });

  it('uses the tsconfig of examples/ for types (and so follows renamed imports)', () => {
    const results = baseline;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.filePath.startsWith(EXAMPLES))).toBe(true);
    // ESLint-compatible counts per file.
    for (const result of results) {
      expect(result.errorCount + result.warningCount).toBe(result.messages.length);
      expect(result.messages.every((message) => message.ruleId?.startsWith('async-guard/'))).toBe(true);
    }
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema, one result per finding', () => {
    const { status, stdout } = run(['--format', 'sarif', 'examples']);
    expect(status).toBe(1);
    const log = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const schemaPath = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/ajv/lib/refs/json-schema-draft-04.json'), 'utf8')));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    const total = baseline.reduce((sum, result) => sum + result.messages.length, 0);
    expect(sarifRun!.results).toHaveLength(total);
    for (const result of sarifRun!.results) {
      expect(sarifRun!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^examples\//);
    }
    expect(sarifRun!.tool.driver.rules.every((rule) => rule.helpUri?.endsWith(`${rule.id.replace('async-guard/', '')}.md`))).toBe(true);
  });

  it('--rule changes severities: warnings only exit 0, unless over --max-warnings', () => {
    const rules = baseline.flatMap((result) => result.messages.map((message) => message.ruleId!));
    const asWarnings = [...new Set(rules)].flatMap((ruleId) => ['--rule', `${ruleId}:warn`]);
    const warned = run([...asWarnings, '--max-warnings', String(rules.length), 'examples']);
    expect(warned.status).toBe(0);
    expect(warned.stdout).toMatch(/\(0 errors, \d+ warnings?\)/);
    const limited = run([...asWarnings, '--max-warnings', '0', 'examples']);
    expect(limited.status).toBe(1);
    expect(limited.stderr).toContain('too many warnings');
  });

  it('--preset strict starts from every rule with the deeper analyses: a longer blocking chain is found', () => {
    const key = (message: JsonResult['messages'][number], file: string) => `${file}:${message.line}:${message.column} ${message.ruleId}`;
    const keys = (results: JsonResult[]) => results.flatMap((result) => result.messages.map((message) => key(message, result.filePath)));
    const strict = keys(json(['--preset', 'strict', 'examples']));
    const defaults = keys(baseline);
    for (const finding of defaults) expect(strict).toContain(finding);
    const added = strict.filter((finding) => !defaults.includes(finding));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((finding) => finding.endsWith('async-guard/no-blocking-in-async'))).toBe(true);
  });

  it('exits 0 with no output when there is nothing to report', () => {
    const clean = run(['test/fixtures/server/workspace/src/clean.ts']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('--fix applies fixes only, never suggestions, and reports what remains', () => {
    const copy = copyExamples();
    const before = json(['.'], copy);
    const fixable = before.reduce((sum, result) => sum + result.fixableErrorCount + result.fixableWarningCount, 0);
    const files = new Map(before.map((result) => [result.filePath, fs.readFileSync(result.filePath, 'utf8')]));

    const fixed = run(['--fix', '--format', 'json', '.'], copy);
    const after = JSON.parse(fixed.stdout) as (JsonResult & { output?: string })[];
    for (const result of after) {
      const original = files.get(result.filePath)!;
      const hadFixes = before.find((entry) => entry.filePath === result.filePath)!.messages.some((message) => message.fix);
      if (!hadFixes) {
        // Suggestions (e.g. the promise API replacement) must not have been applied.
        expect(fs.readFileSync(result.filePath, 'utf8')).toBe(original);
        expect(result.output).toBeUndefined();
      } else {
        expect(fs.readFileSync(result.filePath, 'utf8')).toBe(result.output);
        expect(result.fixableErrorCount + result.fixableWarningCount).toBe(0);
      }
    }
    expect(after.map((result) => result.filePath).sort()).toEqual(before.map((result) => result.filePath).sort());
    expect(fixed.status).toBe(after.some((result) => result.errorCount > 0) ? 1 : 0);
    if (fixable === 0) expect(after.every((result) => result.output === undefined)).toBe(true);
  });
});

describe('CLI on files outside every tsconfig', () => {
  it('follows calls across files with the types of installed @types packages (the inferred project)', () => {
    const scratch = path.join(ROOT, '.tmp/server-tests');
    fs.mkdirSync(scratch, { recursive: true });
    const folder = fs.mkdtempSync(path.join(scratch, 'loose-'));
    fs.writeFileSync(
      path.join(folder, 'config.ts'),
      "import { readFileSync } from 'node:fs';\nexport function readConfig(file: string): string {\n  return readFileSync(file, 'utf8');\n}\n",
    );
    fs.writeFileSync(
      path.join(folder, 'handler.ts'),
      "import { readConfig } from './config.js';\nexport async function handle(file: string): Promise<string> {\n  return readConfig(file);\n}\n",
    );
    const results = json(['--preset', 'strict', folder]);
    const handler = results.find((result) => result.filePath.endsWith('handler.ts'))!;
    expect(handler.messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([
      expect.stringMatching(/^3:10 'readConfig\(\)' blocks the event loop inside async code: it calls readConfig\(\) → readFileSync\(\)/),
    ]);
  });
});

describe('CLI usage and configuration errors', () => {
  it.each([
    [['--format', 'xml', 'examples'], 'unknown format "xml"'],
    [['--bogus'], 'unknown option --bogus'],
    [['--rule', 'no-such-rule:error', 'examples'], 'there is no rule "no-such-rule"'],
    [['--rule', 'no-blocking-in-async:loud', 'examples'], 'unknown severity "loud"'],
    [['--rule', 'no-blocking-in-async:["error",{"followCalls":"deep"}]', 'examples'], 'options of async-guard/no-blocking-in-async are invalid'],
    [['--max-warnings', 'many', 'examples'], '--max-warnings needs a whole number'],
    [['--preset', 'loose', 'examples'], 'unknown preset "loose" (use recommended, recommended-type-checked, strict)'],
    [['does-not-exist'], 'no such file or folder: does-not-exist'],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const { status, stderr, stdout } = run(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('prints usage with --help and exits 0', () => {
    const { status, stdout } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: async-guard');
  });
});
