import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const RUN = path.resolve(import.meta.dirname, 'neovim/run.sh');
const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe('Neovim (0.7, headless) as a second LSP client', () => {
  // CI installs Neovim; elsewhere the test says why it did not run instead of failing.
  it.skipIf(!hasNeovim && !process.env.CI)('opens a file, receives diagnostics, applies a code action and sees the result', () => {
    const result = spawnSync('bash', [RUN], { encoding: 'utf8', timeout: 170_000 });
    const transcript = `${result.stdout}\n${result.stderr}`;
    expect(result.status, transcript).toBe(0);
    expect(result.stdout).toMatch(/^DIAG 4:16 async-guard /m);
    expect(result.stdout).toMatch(/^APPLIED .*readFile/m);
    expect(result.stdout).toMatch(/^FIXED$/m);
    expect(result.stdout).toMatch(/^PASS$/m);
  }, 180_000);
});
