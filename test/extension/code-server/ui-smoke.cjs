// A smoke test through the UI of the installed extension: the squiggle under a blocking call, the
// Problems panel, the quick-fix menu on Ctrl+. and a screenshot for the README.
// Usage: node ui-smoke.cjs URL WORKSPACE   (env SCREENSHOT = where the PNG goes)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [url, workspace] = process.argv.slice(2);
const screenshot = process.env.SCREENSHOT || path.join(os.tmpdir(), 'async-guard-screenshot.png');
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'async-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    log('workbench loaded');
    await page.keyboard.press('Control+P');
    await page.keyboard.type('report.ts');
    // Enter only once the file is listed: the list fills in after the typing.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'report.ts' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
    log('report.ts open');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 90_000 });
    log('error squiggle shown');

    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'blocks the event loop' }).first().waitFor({ timeout: 30_000 });
    log('Problems panel lists the finding');
    await page.screenshot({ path: screenshot });
    log(`screenshot saved to ${screenshot}`);

    const fix = page.locator('.action-widget').getByText(/await readFile\(/);
    for (let attempt = 1; ; attempt++) {
      await page.locator('.monaco-editor .view-line', { hasText: 'readFileSync(path' }).first()
        .locator('span', { hasText: 'readFileSync' }).last().click();
      await page.waitForTimeout(400);
      await page.keyboard.press('Control+Period');
      try {
        await fix.first().waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        log(`quick-fix menu not shown yet (attempt ${attempt})`);
        if (attempt >= 5) throw error;
        await page.keyboard.press('Escape');
      }
    }
    log('quick-fix menu offers the rewrite');
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-quick-fix.png') });
    await fix.first().click();
    await page.locator('.monaco-editor .view-line', { hasText: 'await readFile(path' }).first().waitFor({ timeout: 15_000 });
    log('quick fix applied');
    return true;
  } catch (error) {
    log(`FAILED: ${error.message}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png') }).catch(() => {});
    return false;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then((ok) => {
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
});
