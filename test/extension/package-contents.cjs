// Checks the packaged .vsix: what it holds, what it must not hold, and that it stays under 3 MB.
// Usage: node package-contents.cjs path/to/async-guard.vsix
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const vsix = process.argv[2];
const LIMIT = 3 * 1024 * 1024;
const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
const size = fs.statSync(vsix).size;

const checks = [
  [`is under 3 MB (${(size / 1024 / 1024).toFixed(2)} MB, ${files.length} files)`, size < LIMIT],
  ['holds the bundled client and server', files.includes('extension/dist/extension.js') && files.includes('extension/dist/server.js')],
  ['holds TypeScript with its standard library', files.includes('extension/dist/typescript/typescript.js') && files.includes('extension/dist/typescript/lib.es2024.d.ts')],
  ['holds the runtime sources and map used for vendoring helpers', files.includes('extension/runtime/helpers.json') && files.includes('extension/runtime/src/map-limit.ts')],
  ['holds the marketplace README, its screenshot and the rule docs', files.includes('extension/readme.md') && files.includes('extension/images/screenshot.png') && files.includes('extension/rules/docs/rules/no-blocking-in-async.md')],
  ['holds no sources, tests, source maps or node_modules', !files.some((file) => /\/node_modules\/|^extension\/(client|server|test|bench|scripts|examples)\/|\.map$/.test(file) || (file.endsWith('.ts') && !file.startsWith('extension/runtime/src/') && !file.startsWith('extension/dist/typescript/')))],
];

let passed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? 'ok' : 'not ok'} - the .vsix ${name}`);
  if (ok) passed++;
}
console.log(`${passed} passed, ${checks.length - passed} failed`);
process.exit(passed === checks.length ? 0 : 1);
