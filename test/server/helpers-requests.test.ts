import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWorkspaceEdit, helperProject, helperSession, ofRule, readWorkspaceFile, titled, typeErrors } from './helpers-harness.js';
import { LspSession } from './lsp-session.js';

interface HelperInfo {
  name: string;
  description: string;
}

interface StatusParams {
  state: 'ready' | 'linting' | 'problem';
  message?: string;
}

const RUNTIME_EXPORTS = ['Semaphore', 'Mutex', 'mapLimit', 'withTimeout', 'TimeoutError', 'retry', 'sleep', 'AsyncQueue', 'QueueClosedError', 'TaskGroup', 'onShutdown'];

describe('asyncGuard/listHelpers', () => {
  it('lists every helper of the runtime with the first words of its documentation', async () => {
    const session = await helperSession(helperProject());
    try {
      const helpers = await session.connection.sendRequest<HelperInfo[]>('asyncGuard/listHelpers', {});
      expect(helpers.map((helper) => helper.name)).toEqual(RUNTIME_EXPORTS);
      for (const helper of helpers) expect(helper.description.length, helper.name).toBeGreaterThan(20);
      expect(helpers.find((helper) => helper.name === 'mapLimit')!.description).toMatch(/^Calls fn for every item with at most limit calls running at once/);
    } finally {
      await session.stop();
    }
  });
});

for (const vendored of [true, false]) {
  describe(`asyncGuard/insertHelper (${vendored ? 'vendored' : 'from the package'})`, () => {
    let workspace: string;
    let session: LspSession;
    let uri: string;
    const from = vendored ? './async-helpers' : 'async-guard';

    beforeAll(async () => {
      workspace = helperProject({ dependency: !vendored });
      session = await helperSession(workspace);
      uri = await session.open('src/jobs.ts', "import { readFile } from 'node:fs/promises';\n\nexport const jobsFile = readFile;\n");
    });
    afterAll(async () => {
      await session.stop();
    });

    async function insert(helper: string): Promise<{ from: string }> {
      return session.connection.sendRequest<{ from: string }>('asyncGuard/insertHelper', { textDocument: { uri }, helper });
    }

    it('adds the import after the others and answers where the helper comes from', async () => {
      expect(await insert('Semaphore')).toEqual({ from });
      expect(session.text(uri)).toBe(`import { readFile } from 'node:fs/promises';\nimport { Semaphore } from '${from}';\n\nexport const jobsFile = readFile;\n`);
    });

    it('changes nothing for a helper that is imported already', async () => {
      const before = session.text(uri);
      expect(await insert('Semaphore')).toEqual({ from });
      expect(session.text(uri)).toBe(before);
    });

    it('merges a second helper into the same import', async () => {
      expect(await insert('TaskGroup')).toEqual({ from });
      expect(session.text(uri)).toContain(`import { Semaphore, TaskGroup } from '${from}';`);
    });

    it('imports onShutdown from the Node entry', async () => {
      expect(await insert('onShutdown')).toEqual({ from: vendored ? from : 'async-guard/node' });
      expect(session.text(uri)).toContain(vendored ? `import { Semaphore, TaskGroup, onShutdown } from '${from}';` : "import { onShutdown } from 'async-guard/node';");
    });

    it('refuses a name that is not a helper, with a message that lists the helpers', async () => {
      await expect(insert('mapAll')).rejects.toThrow(/no helper named 'mapAll'.*mapLimit/);
    });

    it('leaves a project that type-checks, with each helper written once', () => {
      expect(typeErrors(workspace)).toEqual([]);
      const helperFile = path.join(workspace, 'src/async-helpers.ts');
      expect(fs.existsSync(helperFile)).toBe(vendored);
      if (vendored) {
        const helpers = fs.readFileSync(helperFile, 'utf8');
        for (const declaration of ['class Semaphore ', 'class TaskGroup ', 'function onShutdown(']) expect(helpers.split(`export ${declaration}`).length - 1, declaration).toBe(1);
        // Both files keep their own Symbol.dispose fallback keys: written once.
        expect(helpers.split('const disposeKey').length - 1).toBe(1);
      }
    });
  });
}

describe('a client that cannot create files', () => {
  let workspace: string;
  let session: LspSession;

  beforeAll(async () => {
    workspace = helperProject();
    session = await helperSession(workspace, { createFiles: false });
  });
  afterAll(async () => {
    await session.stop();
  });

  it('gets the package import and one message that says why and what to do', async () => {
    const uri = await session.open('src/prices.ts');
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
    const action = titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/);
    await applyWorkspaceEdit(session, action.edit!);
    expect(session.text(uri)).toContain("import { mapLimit } from 'async-guard';");
    const told = session.shown.filter((message) => /cannot create files/.test(message.message));
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toContain('src/async-helpers.ts');
    expect(fs.existsSync(path.join(workspace, 'src/async-helpers.ts'))).toBe(false);
  });

  it('writes into the helper file once it exists', async () => {
    fs.writeFileSync(path.join(workspace, 'src/async-helpers.ts'), '');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: session.uri('src/async-helpers.ts'), type: 1 }] });
    const uri = await session.open('src/release.ts');
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'require-timeout');
    await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /withTimeout/).edit!);
    expect(session.text(uri)).toContain("import { withTimeout } from './async-helpers';");
    expect(readWorkspaceFile(workspace, 'src/async-helpers.ts')).toContain('export function withTimeout<');
  });
});

describe('asyncGuard/status and the helper settings', () => {
  let session: LspSession;
  const statuses: StatusParams[] = [];

  beforeAll(async () => {
    session = await helperSession(helperProject());
    session.connection.onNotification('asyncGuard/status', (params: StatusParams) => {
      statuses.push(params);
    });
  });
  afterAll(async () => {
    await session.stop();
  });

  const lastStatus = (): StatusParams | undefined => statuses.at(-1);

  it('reports linting while a file is linted, then ready', async () => {
    const start = statuses.length;
    await session.diagnostics(await session.open('src/prices.ts'));
    await session.waitFor(() => lastStatus()?.state === 'ready', 'ready');
    expect(statuses.slice(start).map((status) => status.state)).toEqual(['linting', 'ready']);
  });

  it('warns once about an invalid helpers.mode, reports a problem, and keeps working with the default', async () => {
    await session.changeSettings({ helpers: { mode: 'bundled' } });
    const problem = await session.waitFor(() => (lastStatus()?.state === 'problem' ? lastStatus() : undefined), 'a problem status');
    expect(problem!.message).toContain('asyncGuard.helpers.mode must be "auto", "package" or "vendor"');
    await session.changeSettings({ helpers: { mode: 'bundled' }, run: 'onType' });
    await session.diagnostics(await session.open('src/release.ts'));
    const warnings = session.shown.filter((message) => message.message.includes('asyncGuard.helpers.mode'));
    expect(warnings).toHaveLength(1);
    // The default (auto) applies: this project does not depend on the package, so the helper is vendored.
    const uri = session.uri('src/prices.ts');
    const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
    await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
    expect(session.text(uri)).toContain("import { mapLimit } from './async-helpers';");
  });

  it('is ready again once the settings are valid', async () => {
    await session.changeSettings({ helpers: { mode: 'auto', path: '' } });
    await session.waitFor(() => lastStatus()?.state === 'ready', 'ready after valid settings');
  });

  it('warns about a helper path outside the workspace', async () => {
    await session.changeSettings({ helpers: { path: '../elsewhere/helpers.ts' } });
    const problem = await session.waitFor(() => (lastStatus()?.state === 'problem' ? lastStatus() : undefined), 'a problem status');
    expect(problem!.message).toContain('asyncGuard.helpers.path must be a workspace-relative .ts or .js file path');
  });
});
