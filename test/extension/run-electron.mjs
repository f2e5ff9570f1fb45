// Runs the extension test suite in VS Code downloaded by @vscode/test-electron. Machines that
// cannot reach VS Code's download servers get a clear message; `npm run test:e2e` runs the same
// suite in code-server instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '../..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'async-guard-vscode-'));
fs.cpSync(path.join(root, 'test/fixtures/vscode-workspace'), workspace, { recursive: true });
fs.mkdirSync(path.join(workspace, 'node_modules'));
fs.symlinkSync(path.join(root, 'node_modules/@types'), path.join(workspace, 'node_modules/@types'));

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: 'stable', timeout: 30_000 });
} catch (error) {
  console.error(`Cannot download VS Code here (${error instanceof Error ? error.message : String(error)}).`);
  console.error('Run the same suite in code-server instead: npm run test:e2e');
  process.exit(1);
}

try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist/test/suite.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
