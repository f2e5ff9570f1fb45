import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, linesOf, LspSession } from './lsp-session.js';

const BLOCKING = "import { readFileSync } from 'node:fs';\n\nexport async function load(path: string): Promise<string> {\n  const text = readFileSync(path, 'utf8');\n  return text;\n}\n";
const UNUSED = "// eslint-disable-next-line async-guard/no-blocking-in-async\nexport const a = 1;\n// eslint-disable-next-line async-guard/no-blocking-in-async\nexport const b = 2;\n";

function titled(actions: CodeAction[], pattern: RegExp): CodeAction {
  const action = actions.find((candidate) => pattern.test(candidate.title));
  if (!action) throw new Error(`no action matching ${pattern}; got ${actions.map((candidate) => candidate.title).join(' | ')}`);
  return action;
}

for (const resolve of [false, true]) {
  describe(`language server: code actions (${resolve ? 'edits resolved lazily' : 'edits included'})`, () => {
    let session: LspSession;
    let counter = 0;

    beforeAll(async () => {
      session = await LspSession.start({ workspace: copyFixture('workspace'), resolve, settings: { reportUnusedDisableDirectives: 'warn' } });
    });
    afterAll(async () => {
      await session.stop();
    });

    /** Opens a fresh document and returns it with its complete diagnostics. */
    async function openFresh(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
      const uri = await session.open(`src/actions-${counter++}.ts`, text);
      return { uri, diagnostics: await session.diagnostics(uri) };
    }

    async function apply(action: CodeAction): Promise<void> {
      const complete = resolve ? await session.resolve(action) : action;
      if (resolve) expect(action.edit).toBeUndefined();
      expect(complete.edit).toBeDefined();
      await session.applyEdit(complete.edit!);
    }

    it('offers the rule suggestion, which replaces the blocking call and removes the diagnostic', async () => {
      const { uri, diagnostics } = await openFresh(BLOCKING);
      expect(linesOf(diagnostics)).toEqual([3]);
      const actions = await session.codeActions(uri, diagnostics);
      await apply(titled(actions, /readFile/));
      expect(session.text(uri)).toContain('await readFile(path');
      expect(linesOf(await session.diagnostics(uri))).toEqual([]);
    });

    it('disables the rule for one line with a comment above it', async () => {
      const { uri, diagnostics } = await openFresh(BLOCKING);
      await apply(titled(await session.codeActions(uri, diagnostics), /for this line/));
      expect(session.text(uri)).toContain('  // eslint-disable-next-line async-guard/no-blocking-in-async\n  const text = readFileSync');
      expect(await session.diagnostics(uri)).toEqual([]);
    });

    it('disables the rule for the whole file with a comment at the top', async () => {
      const { uri, diagnostics } = await openFresh(BLOCKING);
      await apply(titled(await session.codeActions(uri, diagnostics), /entire file/));
      expect(session.text(uri).startsWith('/* eslint-disable async-guard/no-blocking-in-async */\n')).toBe(true);
      expect(await session.diagnostics(uri)).toEqual([]);
    });

    it('shows the rule documentation through a command the server carries out', async () => {
      const { uri, diagnostics } = await openFresh(BLOCKING);
      const action = titled(await session.codeActions(uri, diagnostics), /Show documentation/);
      expect(action.command?.arguments?.[0]).toBe(diagnostics[0]!.codeDescription!.href);
      const shown: unknown[] = [];
      session.connection.onRequest('window/showDocument', (params: unknown) => {
        shown.push(params);
        return { success: true };
      });
      await session.connection.sendRequest('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
      expect(shown).toEqual([{ uri: diagnostics[0]!.codeDescription!.href, external: true }]);
    });

    it("prefers the finding's own fix: an unused disable comment is removed", async () => {
      const { uri, diagnostics } = await openFresh(UNUSED);
      expect(diagnostics).toHaveLength(2);
      expect(diagnostics[0]!.tags).toEqual([1]); // Unnecessary
      const fix = titled(await session.codeActions(uri, [diagnostics[0]!]), /Remove the unused/);
      expect(fix.isPreferred).toBe(true);
      await apply(fix);
      expect(session.text(uri)).toBe('export const a = 1;\n// eslint-disable-next-line async-guard/no-blocking-in-async\nexport const b = 2;\n');
      expect(await session.diagnostics(uri)).toHaveLength(1);
    });

    it('fixes every finding of the same kind in the file at once', async () => {
      const { uri, diagnostics } = await openFresh(UNUSED);
      await apply(titled(await session.codeActions(uri, [diagnostics[0]!]), /Remove all unused/));
      expect(session.text(uri)).toBe('export const a = 1;\nexport const b = 2;\n');
      expect(await session.diagnostics(uri)).toEqual([]);
    });

    it('fixes everything fixable through source.fixAll', async () => {
      const { uri } = await openFresh(`${UNUSED}${BLOCKING.replace("import { readFileSync } from 'node:fs';\n", '')}`.replace(/^/, "import { readFileSync } from 'node:fs';\n"));
      const actions = await session.codeActions(uri, [], ['source.fixAll']);
      expect(actions.map((action) => action.kind)).toEqual(['source.fixAll.asyncGuard']);
      await apply(actions[0]!);
      expect(session.text(uri)).not.toContain('eslint-disable');
      // The blocking call has no automatic fix (only a suggestion), so it stays.
      expect(linesOf(await session.diagnostics(uri))).toHaveLength(1);
    });

    it('returns no edit for a diagnostic of an older document version', async () => {
      const { uri, diagnostics } = await openFresh(BLOCKING);
      await session.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
      await session.diagnostics(uri);
      const actions = await session.codeActions(uri, diagnostics, ['quickfix']);
      expect(actions.filter((action) => action.edit || action.data)).toEqual([]);
    });
  });
}
