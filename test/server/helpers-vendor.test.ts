import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWorkspaceEdit, helperProject, helperSession, ofRule, readWorkspaceFile, titled, typeErrors, uriIn } from './helpers-harness.js';
import type { LspSession } from './lsp-session.js';

const HELPER_FILE = 'src/async-helpers.ts';

function occurrences(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** The resource operations and edited files of a code action's edit, in order. */
function changesOf(action: CodeAction): string[] {
  return (action.edit?.documentChanges ?? []).map((change) =>
    'kind' in change ? `${change.kind} ${(change as CreateFile).uri.split('/').pop()}` : `edit ${(change as TextDocumentEdit).textDocument.uri.split('/').pop()}`,
  );
}

describe('helpers vendored into a TypeScript project that does not depend on async-guard', () => {
  let workspace: string;
  let session: LspSession;

  beforeAll(async () => {
    workspace = helperProject();
    session = await helperSession(workspace, { settings: { rules: { 'no-sequential-await': 'warn' } } });
  });
  afterAll(async () => {
    await session.stop();
  });

  /** Opens a fixture file, applies the suggestion of `rule` whose title matches, returns the action. */
  async function applySuggestion(file: string, rule: string, title: RegExp): Promise<{ uri: string; action: CodeAction }> {
    const uri = await session.open(file);
    const [diagnostic] = ofRule(await session.diagnostics(uri), rule);
    expect(diagnostic, `a ${rule} finding in ${file}`).toBeDefined();
    const action = titled(await session.codeActions(uri, [diagnostic!]), title);
    await applyWorkspaceEdit(session, action.edit!);
    return { uri, action };
  }

  it('creates the helper file with CreateFile for the first helper, and imports it from there', async () => {
    const { uri, action } = await applySuggestion('src/prices.ts', 'no-unbounded-concurrency', /mapLimit/);
    expect(changesOf(action)).toEqual(['create async-helpers.ts', 'edit async-helpers.ts', 'edit prices.ts']);
    expect(session.text(uri)).toMatch(/^import \{ mapLimit \} from '\.\/async-helpers';\n/);
    expect(session.text(uri)).toContain('return mapLimit(skus, 8, async (sku) => fetchPrice(sku));');
    const helpers = readWorkspaceFile(workspace, HELPER_FILE);
    expect(helpers).toMatch(/^\/\/ Helpers from async-guard \d+\.\d+\.\d+/);
    expect(occurrences(helpers, /export function mapLimit</)).toBe(1);
    // The other Promise.all of the file is still reported; this one is gone.
    expect(ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency')).toHaveLength(1);
  });

  it('uses the file as it is for a helper it already holds: no second import, no second copy', async () => {
    const uri = uriIn(workspace, 'src/prices.ts');
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
    const action = titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/);
    expect(changesOf(action)).toEqual(['edit prices.ts']);
    await applyWorkspaceEdit(session, action.edit!);
    expect(occurrences(session.text(uri), /import /)).toBe(1);
    expect(session.text(uri)).toContain('return mapLimit(skus, 8, async (sku) => fetchPrice(`stock:${sku}`));');
    expect(ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency')).toEqual([]);
    expect(occurrences(readWorkspaceFile(workspace, HELPER_FILE), /export function mapLimit</)).toBe(1);
  });

  it('extends the file with withTimeout and TimeoutError for a timeout', async () => {
    const { uri, action } = await applySuggestion('src/release.ts', 'require-timeout', /withTimeout/);
    expect(changesOf(action)).toEqual(['edit async-helpers.ts', 'edit release.ts']);
    expect(session.text(uri)).toContain("import { withTimeout } from './async-helpers';");
    expect(session.text(uri)).toContain("await withTimeout((signal) => fetch('https://example.com/releases/latest', { signal }), 10000);");
    expect(ofRule(await session.diagnostics(uri), 'require-timeout')).toEqual([]);
    const helpers = readWorkspaceFile(workspace, HELPER_FILE);
    expect(occurrences(helpers, /export class TimeoutError /)).toBe(1);
    expect(occurrences(helpers, /export function withTimeout</)).toBe(1);
    expect(occurrences(helpers, /export function mapLimit</)).toBe(1);
  });

  it('extends the file with retry (and the sleep it needs) for a retry loop', async () => {
    const { uri } = await applySuggestion('src/upload.ts', 'no-retry-without-backoff', /retry/);
    expect(session.text(uri)).toContain("import { retry } from './async-helpers';");
    expect(ofRule(await session.diagnostics(uri), 'no-retry-without-backoff')).toEqual([]);
    const helpers = readWorkspaceFile(workspace, HELPER_FILE);
    expect(occurrences(helpers, /export async function retry</)).toBe(1);
    expect(occurrences(helpers, /export function sleep\(/)).toBe(1);
    // sleep and withTimeout each clamp long delays with the same constant: it is written once.
    expect(occurrences(helpers, /const MAX_DELAY = /)).toBe(1);
  });

  it('extends the file with Mutex (and the Semaphore under it) for a lost update', async () => {
    const { uri } = await applySuggestion('src/wallet.ts', 'no-unguarded-shared-mutation', /lock/);
    expect(session.text(uri)).toContain("import { Mutex } from './async-helpers';");
    expect(session.text(uri)).toContain('.runExclusive(async () => {');
    expect(ofRule(await session.diagnostics(uri), 'no-unguarded-shared-mutation')).toEqual([]);
    const helpers = readWorkspaceFile(workspace, HELPER_FILE);
    expect(occurrences(helpers, /export class Mutex /)).toBe(1);
    expect(occurrences(helpers, /export class Semaphore /)).toBe(1);
  });

  it('reuses mapLimit for a sequential loop', async () => {
    const before = readWorkspaceFile(workspace, HELPER_FILE);
    const { uri, action } = await applySuggestion('src/save.ts', 'no-sequential-await', /mapLimit/);
    expect(changesOf(action)).toEqual(['edit save.ts']);
    expect(session.text(uri)).toContain("import { mapLimit } from './async-helpers';");
    expect(ofRule(await session.diagnostics(uri), 'no-sequential-await')).toEqual([]);
    expect(readWorkspaceFile(workspace, HELPER_FILE)).toBe(before);
  });

  it('leaves a project that type-checks (strict), with a helper file that has no findings of its own', async () => {
    expect(typeErrors(workspace)).toEqual([]);
    const helpers = await session.open(HELPER_FILE);
    expect(await session.diagnostics(helpers)).toEqual([]);
  });
});

describe('helpers vendored into a project with Node 16+ module resolution', () => {
  let workspace: string;
  let session: LspSession;

  beforeAll(async () => {
    workspace = helperProject({ nodenext: true });
    session = await helperSession(workspace);
  });
  afterAll(async () => {
    await session.stop();
  });

  it('imports the helper file with the .js extension, and the project type-checks', async () => {
    const uri = await session.open('src/prices.ts');
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
    await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
    expect(session.text(uri)).toMatch(/^import \{ mapLimit \} from '\.\/async-helpers\.js';\n/);
    const wallet = await session.open('src/wallet.ts');
    const [lostUpdate] = ofRule(await session.diagnostics(wallet), 'no-unguarded-shared-mutation');
    await applyWorkspaceEdit(session, titled(await session.codeActions(wallet, [lostUpdate!]), /lock/).edit!);
    expect(session.text(wallet)).toContain("import { Mutex } from './async-helpers.js';");
    expect(ofRule(await session.diagnostics(wallet), 'no-unguarded-shared-mutation')).toEqual([]);
    expect(typeErrors(workspace)).toEqual([]);
  });
});
