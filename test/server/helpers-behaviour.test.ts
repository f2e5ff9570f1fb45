import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWorkspaceEdit, compileAndRun, helperProject, helperSession, ofRule, titled } from './helpers-harness.js';
import type { LspSession } from './lsp-session.js';

// Fifty loads, each waiting for a timer, against a counter of the loads running at once.
const CONCURRENCY = `import { loadAll } from './limited.js';
let running = 0;
let most = 0;
const results = await loadAll(Array.from({ length: 50 }, (_, id) => id), async (id) => {
  running++;
  most = Math.max(most, running);
  await new Promise((resolve) => setTimeout(resolve, 1));
  running--;
  return id * 2;
});
console.log(JSON.stringify({ most, inOrder: results.every((value, index) => value === index * 2), count: results.length }));
`;

// Ten withdrawals of 5 from 100 at once.
const WITHDRAWALS = `import { Wallet } from './wallet.js';
const wallet = new Wallet();
await Promise.all(Array.from({ length: 10 }, () => wallet.withdraw(5)));
console.log(wallet.balance);
`;

for (const vendored of [true, false]) {
  describe(`the fixed code does what the fix promises (${vendored ? 'vendored helpers' : 'the async-guard package'})`, () => {
    let workspace: string;
    let session: LspSession;

    beforeAll(async () => {
      workspace = helperProject({ dependency: !vendored, nodenext: true });
      session = await helperSession(workspace);
    });
    afterAll(async () => {
      await session.stop();
    });

    async function applySuggestion(file: string, rule: string, title: RegExp): Promise<void> {
      const uri = await session.open(file);
      const [diagnostic] = ofRule(await session.diagnostics(uri), rule);
      expect(diagnostic, `a ${rule} finding in ${file}`).toBeDefined();
      await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), title).edit!);
    }

    it('before the fixes, all loads run at once and withdrawals are lost', () => {
      expect(JSON.parse(compileAndRun(workspace, CONCURRENCY))).toEqual({ most: 50, inOrder: true, count: 50 });
      expect(compileAndRun(workspace, WITHDRAWALS).trim()).toBe('95');
    });

    it('after the mapLimit fix, no more than 8 loads ever run at once, and the results keep their order', async () => {
      await applySuggestion('src/limited.ts', 'no-unbounded-concurrency', /mapLimit/);
      expect(JSON.parse(compileAndRun(workspace, CONCURRENCY))).toEqual({ most: 8, inOrder: true, count: 50 });
    });

    it('after the mutex fix, every withdrawal counts', async () => {
      await applySuggestion('src/wallet.ts', 'no-unguarded-shared-mutation', /lock/);
      expect(compileAndRun(workspace, WITHDRAWALS).trim()).toBe('50');
    });
  });
}
