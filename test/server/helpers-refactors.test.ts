import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsAt, applyWorkspaceEdit, helperProject, helperSession, ofRule, titled, typeErrors } from './helpers-harness.js';
import type { LspSession } from './lsp-session.js';

const LOADER = `export async function loadUser(id: string): Promise<string> {
  return id;
}
`;

const AWAITED = `${LOADER}
export async function profile(id: string): Promise<string> {
  const user = await loadUser(id);
  return user.toUpperCase();
}
`;

const MAPPED = `${LOADER}
export async function loadAll(ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map((id) => loadUser(id)));
}
`;

const SHARED = `${LOADER}
let visits = 0;

export async function countVisit(id: string): Promise<number> {
  const seen = visits;
  await loadUser(id);
  visits = seen + 1;
  return visits;
}
`;

const REFACTOR = 'refactor.rewrite';

function titles(actions: CodeAction[]): string[] {
  return actions.filter((action) => action.kind === REFACTOR).map((action) => action.title);
}

for (const vendored of [false, true]) {
  describe(`refactors at the cursor (${vendored ? 'helpers vendored' : 'helpers from the package'})`, () => {
    let workspace: string;
    let session: LspSession;
    let counter = 0;
    const from = vendored ? './async-helpers' : 'async-guard';

    beforeAll(async () => {
      workspace = helperProject({ dependency: !vendored });
      session = await helperSession(workspace, { resolve: vendored });
    });
    afterAll(async () => {
      await session.stop();
    });

    /** Opens a new file of the project and returns the refactors at `marker`. */
    async function refactorsIn(text: string, marker: string, only: string[] | undefined = ['refactor']): Promise<{ uri: string; actions: CodeAction[] }> {
      const uri = await session.open(`src/refactor-${counter++}.ts`, text);
      await session.diagnostics(uri);
      return { uri, actions: await actionsAt(session, uri, marker, only) };
    }

    async function apply(action: CodeAction): Promise<void> {
      const complete = vendored ? await session.resolve(action) : action;
      expect(complete.edit, `the edit of "${action.title}"`).toBeDefined();
      await applyWorkspaceEdit(session, complete.edit!);
    }

    it('offers a timeout and a retry on an awaited call, and nothing that does not apply there', async () => {
      const { actions } = await refactorsIn(AWAITED, 'loadUser(id)');
      expect(titles(actions)).toEqual(['Add a timeout', 'Retry with exponential backoff']);
    });

    it('offers nothing where no awaited call stands, and nothing when only quick fixes are asked for', async () => {
      expect(titles((await refactorsIn(AWAITED, 'user.toUpperCase()')).actions)).toEqual([]);
      expect(titles((await refactorsIn(AWAITED, 'loadUser(id)', ['quickfix'])).actions)).toEqual([]);
    });

    it('"Add a timeout" wraps the call in withTimeout', async () => {
      const { uri, actions } = await refactorsIn(AWAITED, 'loadUser(id)', undefined);
      await apply(titled(actions, /^Add a timeout$/));
      expect(session.text(uri)).toContain('const user = await withTimeout(loadUser(id), 10000);');
      expect(session.text(uri)).toContain(`import { withTimeout } from '${from}';`);
    });

    it('"Retry with exponential backoff" wraps the call in retry', async () => {
      const { uri, actions } = await refactorsIn(AWAITED, 'await loadUser');
      await apply(titled(actions, /^Retry with exponential backoff$/));
      expect(session.text(uri)).toContain('const user = await retry(() => loadUser(id), { retries: 3 });');
      expect(session.text(uri)).toContain(`import { retry } from '${from}';`);
    });

    it('"Limit concurrency" turns Promise.all(items.map(fn)) into mapLimit', async () => {
      const { uri, actions } = await refactorsIn(MAPPED, 'Promise.all');
      expect(titles(actions)).toEqual(['Limit concurrency']);
      await apply(titled(actions, /^Limit concurrency$/));
      expect(session.text(uri)).toContain('return mapLimit(ids, 8, (id) => loadUser(id));');
      expect(session.text(uri)).toContain(`import { mapLimit } from '${from}';`);
    });

    it('"Guard with a mutex" holds a lock from the read to the write, and the lost update is gone', async () => {
      const { uri, actions } = await refactorsIn(SHARED, 'const seen = visits;');
      expect(titles(actions)).toEqual(['Guard with a mutex']);
      await apply(titled(actions, /^Guard with a mutex$/));
      expect(session.text(uri)).toContain('.runExclusive(async () => {');
      expect(session.text(uri)).toContain(`import { Mutex } from '${from}';`);
      expect(ofRule(await session.diagnostics(uri), 'no-unguarded-shared-mutation')).toEqual([]);
    });

    it('leaves a project that type-checks (strict)', () => {
      const helperFiles = fs.readdirSync(path.join(workspace, 'src')).filter((name) => name.startsWith('async-helpers'));
      expect(helperFiles).toEqual(vendored ? ['async-helpers.ts'] : []);
      if (vendored) {
        const helpers = fs.readFileSync(path.join(workspace, 'src/async-helpers.ts'), 'utf8');
        for (const declaration of ['function withTimeout<', 'async function retry<', 'function mapLimit<', 'class Mutex ', 'class Semaphore ']) {
          expect(helpers.split(`export ${declaration}`).length - 1, declaration).toBe(1);
        }
      }
      expect(typeErrors(workspace)).toEqual([]);
    });
  });
}
