// Opens code-server's workbench in headless Chromium with the extension development and tests
// paths in the URL payload; the extension host runs the suite's run() and reports its exit code
// through window.codeAutomationExit (available with --vscode-option enable-smoke-test-driver).
// Usage: node host-tests.cjs PORT EXTENSION_PATH SUITE_PATH WORKSPACE
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [port, extensionPath, suitePath, workspace] = process.argv.slice(2);
const TIMEOUT_MS = 300_000;

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'async-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (args ?? []).map(String).join(' ');
      if (/^(ok|not ok) - |passed, .* failed|Error|at /.test(text)) console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${suitePath}`],
    ];
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
    console.log(`extension host exited with ${code}`);
    return code === 0 ? 0 : 1;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
