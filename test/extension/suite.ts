// The extension's tests, run inside a real VS Code extension host: by @vscode/test-electron on
// machines that can download VS Code (`npm run test:vscode`) and by code-server here
// (`npm run test:e2e`). The host calls `run()` and fails the run when it rejects.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const SOURCE = 'async-guard';

interface Test {
  name: string;
  fn: () => Promise<void>;
}

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>): void => {
  tests.push({ name, fn });
};

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Our diagnostics only: the built-in TypeScript support reports on the same files. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The rule name of a diagnostic, whose code is the full rule id (`async-guard/<rule>`). */
function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  const id = typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
  return id?.replace(/^async-guard\//, '');
}

async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('asyncGuard').update(key, value, vscode.ConfigurationTarget.Workspace);
}

test('shows a blocking call as an Async Guard diagnostic with its rule and documentation link', async () => {
  const document = await open('src/report.ts');
  const [diagnostic] = await waitFor('a diagnostic in report.ts', () => {
    const found = ours(document.uri);
    return found.length > 0 ? found : undefined;
  });
  assert.equal(ruleOf(diagnostic!), 'no-blocking-in-async');
  assert.equal(diagnostic!.range.start.line, 3);
  assert.match(diagnostic!.message, /readFileSync.*blocks the event loop/);
  const code = diagnostic!.code as { target: vscode.Uri };
  assert.match(code.target.toString(), /no-blocking-in-async\.md$/);
});

const RULE_FILES: Record<string, string> = {
  'no-blocking-in-async': 'src/report.ts',
  'no-floating-promise': 'src/floating.ts',
  'no-misused-promise': 'src/misused.ts',
  'no-unguarded-shared-mutation': 'src/shared.ts',
  'no-unbounded-concurrency': 'src/concurrency.ts',
  // Only in `strict`: the fixture's workspace settings turn it on.
  'no-sequential-await': 'src/sequential.ts',
  'require-timeout': 'src/timeout.ts',
  'no-retry-without-backoff': 'src/retry.ts',
};

for (const [rule, file] of Object.entries(RULE_FILES)) {
  test(`${rule} reports its pattern in ${file}`, async () => {
    const document = await open(file);
    const found = await waitFor(`a ${rule} diagnostic`, () => ours(document.uri).find((diagnostic) => ruleOf(diagnostic) === rule));
    assert.ok(found.message.length > 40, `a message that explains: ${found.message}`);
  });
}

test('a quick fix rewrites the call and the diagnostic disappears', async () => {
  const document = await open('src/report.ts');
  const diagnostic = await waitFor('the blocking diagnostic', () => ours(document.uri)[0]);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
    10, // resolve the edits of the first actions: the server computes them lazily
  );
  const fix = actions.find((action) => action.title.includes('await readFile('));
  assert.ok(fix, `a fix among: ${actions.map((action) => action.title).join(' | ')}`);
  if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  assert.match(document.getText(), /await readFile\(path, 'utf8'\)/);
  await waitFor('the diagnostic to go away', () => (ours(document.uri).length === 0 ? true : undefined));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('a fix that needs a helper writes it into the project and imports it', async () => {
  const document = await open('src/concurrency.ts');
  const diagnostic = await waitFor('the unbounded concurrency diagnostic', () =>
    ours(document.uri).find((candidate) => ruleOf(candidate) === 'no-unbounded-concurrency'),
  );
  const before = new Set((await vscode.workspace.findFiles('**/*.ts', '**/node_modules/**')).map((uri) => uri.toString()));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
    10,
  );
  const fix = actions.find((action) => /mapLimit/.test(action.title));
  assert.ok(fix, `a mapLimit fix among: ${actions.map((action) => action.title).join(' | ')}`);
  assert.ok(fix.edit, 'the fix carries its edit');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  const after = await vscode.workspace.findFiles('**/*.ts', '**/node_modules/**');
  const created = after.filter((uri) => !before.has(uri.toString()));
  assert.equal(created.length, 1, `one helper file created: ${created.map((uri) => uri.path).join(', ')}`);
  const helperText = (await vscode.workspace.openTextDocument(created[0]!)).getText();
  assert.match(helperText, /export (async )?function mapLimit\b/);
  assert.match(document.getText(), /import \{ mapLimit \} from '\.\/[\w.-]+(\.js)?'/);
  await waitFor('the diagnostic to go away', () =>
    ours(document.uri).some((candidate) => ruleOf(candidate) === 'no-unbounded-concurrency') ? undefined : true,
  );
  await vscode.workspace.saveAll(false);
});

test('Insert Helper makes a runtime helper importable in the current file', async () => {
  const document = await open('src/timeout.ts');
  const result = await vscode.commands.executeCommand<{ from: string } | undefined>('asyncGuard.insertHelper', 'sleep');
  assert.ok(result, 'the server answered');
  await waitFor('the import of sleep', () => (/import \{[^}]*\bsleep\b[^}]*\} from/.test(document.getText()) ? true : undefined));
  await vscode.workspace.saveAll(false);
});

test('Lint Workspace reports problems in files that were never opened', async () => {
  const uri = workspaceFile('src/never-opened.ts');
  assert.equal(ours(uri).length, 0);
  const result = await vscode.commands.executeCommand<{ files: number; problems: number }>('asyncGuard.lintWorkspace');
  assert.ok(result && result.files >= 2, `linted ${result?.files} files`);
  const found = await waitFor('diagnostics of never-opened.ts', () => (ours(uri).length > 0 ? ours(uri) : undefined));
  assert.equal(ruleOf(found[0]!), 'no-blocking-in-async');
});

test('changing a rule severity in settings changes the diagnostics without a restart', async () => {
  const document = await open('src/report.ts');
  await waitFor('an error diagnostic', () => ours(document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
  const original = vscode.workspace.getConfiguration('asyncGuard').get<Record<string, unknown>>('rules') ?? {};
  await updateSetting('rules', { ...original, 'no-blocking-in-async': 'warn' });
  await waitFor('a warning diagnostic', () => ours(document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  await updateSetting('rules', { ...original, 'no-blocking-in-async': 'off' });
  await waitFor('no diagnostics', () => (ours(document.uri).length === 0 ? true : undefined));
  await updateSetting('rules', original);
  await waitFor('the error again', () => ours(document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
});

test('turning asyncGuard.enable off clears the diagnostics, and on brings them back', async () => {
  const document = await open('src/report.ts');
  await waitFor('a diagnostic', () => ours(document.uri)[0]);
  await updateSetting('enable', false);
  await waitFor('no diagnostics', () => (ours(document.uri).length === 0 ? true : undefined));
  await updateSetting('enable', undefined);
  await waitFor('the diagnostic again', () => ours(document.uri)[0]);
});

export async function run(): Promise<void> {
  // The extension activates on the first TypeScript file; make sure it has before the first test.
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'async-guard-vscode');
  assert.ok(extension, 'the Async Guard extension is installed');
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.error(`not ok - ${name}\n${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  const summary = `${passed} passed, ${failed} failed`;
  console.log(summary);
  const report = process.env.ASYNC_GUARD_TEST_REPORT;
  if (report) fs.writeFileSync(path.resolve(report), `${summary}\n`);
  if (failed > 0) throw new Error(summary);
}
