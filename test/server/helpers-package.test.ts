import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWorkspaceEdit, helperProject, helperSession, ofRule, titled, typeErrors } from './helpers-harness.js';
import type { LspSession } from './lsp-session.js';

const SUGGESTIONS: [file: string, rule: string, title: RegExp, helper: string][] = [
  ['src/prices.ts', 'no-unbounded-concurrency', /mapLimit/, 'mapLimit'],
  ['src/release.ts', 'require-timeout', /withTimeout/, 'withTimeout'],
  ['src/upload.ts', 'no-retry-without-backoff', /retry/, 'retry'],
  ['src/wallet.ts', 'no-unguarded-shared-mutation', /lock/, 'Mutex'],
  ['src/save.ts', 'no-sequential-await', /mapLimit/, 'mapLimit'],
];

for (const nodenext of [false, true]) {
  describe(`helpers imported from async-guard in a project that depends on it (${nodenext ? 'nodenext' : 'bundler'} resolution)`, () => {
    let workspace: string;
    let session: LspSession;

    beforeAll(async () => {
      workspace = helperProject({ dependency: true, nodenext });
      session = await helperSession(workspace, { settings: { rules: { 'no-sequential-await': 'warn' } } });
    });
    afterAll(async () => {
      await session.stop();
    });

    for (const [file, rule, title, helper] of SUGGESTIONS) {
      it(`${rule}: the suggestion imports ${helper} from the package and the finding goes`, async () => {
        const uri = await session.open(file);
        const before = ofRule(await session.diagnostics(uri), rule);
        const diagnostic = before[0];
        expect(diagnostic, `a ${rule} finding`).toBeDefined();
        const action = titled(await session.codeActions(uri, [diagnostic!]), title);
        // One edit of the document itself: nothing is created or written elsewhere.
        expect(action.edit!.documentChanges!.map((change) => ('textDocument' in change ? change.textDocument.uri : change.kind))).toEqual([uri]);
        await applyWorkspaceEdit(session, action.edit!);
        expect(session.text(uri)).toContain(`import { ${helper} } from 'async-guard';`);
        expect(ofRule(await session.diagnostics(uri), rule)).toHaveLength(before.length - 1);
      });
    }

    it('writes no helper file, and the project type-checks against the package (strict)', () => {
      expect(fs.readdirSync(path.join(workspace, 'src')).filter((name) => name.startsWith('async-helpers'))).toEqual([]);
      expect(typeErrors(workspace)).toEqual([]);
    });
  });
}

describe('helpers.mode', () => {
  it('"vendor" writes the helper file although the project depends on the package', async () => {
    const workspace = helperProject({ dependency: true });
    const session = await helperSession(workspace, { settings: { helpers: { mode: 'vendor' } } });
    try {
      const uri = await session.open('src/prices.ts');
      const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
      await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
      expect(session.text(uri)).toContain("import { mapLimit } from './async-helpers';");
      expect(fs.existsSync(path.join(workspace, 'src/async-helpers.ts'))).toBe(true);
    } finally {
      await session.stop();
    }
  });

  it('"package" imports from the package although the project does not depend on it', async () => {
    const workspace = helperProject();
    const session = await helperSession(workspace, { settings: { helpers: { mode: 'package' } } });
    try {
      const uri = await session.open('src/prices.ts');
      const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
      await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
      expect(session.text(uri)).toContain("import { mapLimit } from 'async-guard';");
      expect(fs.readdirSync(path.join(workspace, 'src')).filter((name) => name.startsWith('async-helpers'))).toEqual([]);
    } finally {
      await session.stop();
    }
  });

  it('"path" names the helper file, relative to the workspace folder', async () => {
    const workspace = helperProject();
    const session = await helperSession(workspace, { settings: { helpers: { mode: 'auto', path: 'lib/concurrency.ts' } } });
    try {
      const uri = await session.open('src/prices.ts');
      const [diagnostic] = ofRule(await session.diagnostics(uri), 'no-unbounded-concurrency');
      await applyWorkspaceEdit(session, titled(await session.codeActions(uri, [diagnostic!]), /mapLimit/).edit!);
      expect(session.text(uri)).toContain("import { mapLimit } from '../lib/concurrency';");
      expect(fs.readFileSync(path.join(workspace, 'lib/concurrency.ts'), 'utf8')).toContain('export function mapLimit<');
    } finally {
      await session.stop();
    }
  });
});
