// Typing-session benchmark: the Async Guard server against vscode-eslint's server, one after the
// other in the same run, on viem's zksync/actions/deposit.ts (962 lines of a 178k-line project).
// Usage: node bench/lsp/run.mjs [--steps N] [--only ours|eslint]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { prepareCorpus } from './corpus.mjs';
import { BenchServer } from './lsp-server.mjs';
import { typingSession } from './typing-session.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
// The project's own TypeScript, for a syntax check of each step's text.
const ts = createRequire(path.join(root, 'package.json'))('typescript');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const maxSteps = Number(option('--steps') ?? 300);
const only = option('--only');

const corpus = prepareCorpus();
const fileName = path.join(corpus, 'zksync/actions/deposit.ts');
const uri = pathToFileURL(fileName).href;
const original = fs.readFileSync(fileName, 'utf8');
const steps = typingSession(original, { maxSteps });
/** Whether the text after each step parses: edits mid-word leave it broken, and every server answers those fast. */
const parses = (() => {
  const flags = [];
  let text = original;
  for (const step of steps) {
    const at = (position) => text.split('\n').slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
    text = text.slice(0, at(step.range.start)) + step.text + text.slice(at(step.range.end));
    const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest);
    flags.push(sourceFile.parseDiagnostics.length === 0);
  }
  return flags;
})();

const eslintSettings = {
  validate: 'on',
  packageManager: 'npm',
  useESLintClass: false,
  experimental: { useFlatConfig: false },
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
  codeActionOnSave: { mode: 'all', rules: [] },
  format: false,
  quiet: false,
  onIgnoredFiles: 'off',
  options: {},
  rulesCustomizations: [],
  run: 'onType',
  problems: { shortenToSingleLine: false },
  nodePath: null,
  workingDirectory: { mode: 'location' },
  workspaceFolder: { uri: pathToFileURL(corpus).href, name: 'corpus' },
  silent: false,
};

const eslintServer = path.join(here, 'node_modules/vscode-langservers-extracted/lib/eslint-language-server/eslintServer.js');
const servers = [
  {
    key: 'ours',
    name: 'async-guard server (recommended-type-checked + our promise rules)',
    command: process.execPath,
    // Started as the VS Code extension starts it, with the server's Node flags.
    args: [...JSON.parse(fs.readFileSync(path.join(root, 'server/node-flags.json'), 'utf8')), path.join(root, 'dist/server.js'), '--stdio'],
    settings: { rules: { 'no-floating-promise': 'error', 'no-misused-promise': 'error' } },
    pull: false,
  },
  {
    key: 'eslint-tseslint',
    name: "vscode-eslint server, typescript-eslint's promise rules instead of ours",
    command: process.execPath,
    args: [eslintServer, '--stdio'],
    settings: eslintSettings,
    pull: true,
    env: { BENCH_PEER_RULES: 'typescript-eslint' },
  },
  {
    key: 'eslint-same',
    name: 'vscode-eslint server, the same rules as ours',
    command: process.execPath,
    args: [eslintServer, '--stdio'],
    settings: eslintSettings,
    pull: true,
    env: { BENCH_PEER_RULES: 'same' },
  },
].filter((server) => !only || only.split(',').includes(server.key));

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function measure(spec) {
  const server = new BenchServer({ ...spec, cwd: corpus });
  await server.initialize(corpus);
  let start = performance.now();
  const initial = spec.pull ? undefined : server.nextPublish(uri);
  await server.open(uri, original);
  const opened = await server.diagnostics(uri);
  const load = performance.now() - start;
  if (initial) await initial;
  const first = [];
  const complete = [];
  let unpublished = 0;
  let version = 1;
  for (const step of steps) {
    version++;
    start = performance.now();
    let firstAt;
    const published = spec.pull ? undefined : server.nextPublish(uri, version).then(() => (firstAt = performance.now()));
    await server.change(uri, version, step);
    const report = await server.diagnostics(uri);
    const doneAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5)); // a publish sent just before the answer
    complete.push(doneAt - start);
    if (spec.pull) first.push(doneAt - start);
    else if (firstAt !== undefined) first.push(firstAt - start);
    else unpublished++;
    void published;
    if (!report || !Array.isArray(report.items)) throw new Error(`${spec.name}: no diagnostics report`);
  }
  await server.stop();
  return {
    key: spec.key,
    name: spec.name,
    load,
    initialProblems: opened.items.length,
    first: { p50: percentile(first, 50), p95: percentile(first, 95), count: first.length },
    complete: { p50: percentile(complete, 50), p95: percentile(complete, 95), count: complete.length },
    completeParsing: (() => {
      const values = complete.filter((_, index) => parses[index]);
      return { p50: percentile(values, 50), p95: percentile(values, 95), count: values.length };
    })(),
    samples: complete.map((ms, index) => ({ ms: Math.round(ms), parses: parses[index] })),
    unpublished,
    peakRss: server.peakRss,
  };
}

const results = [];
for (const spec of servers) {
  process.stderr.write(`measuring ${spec.name} over ${steps.length} edits...\n`);
  results.push(await measure(spec));
}

const ms = (value) => (Number.isNaN(value) ? '–' : `${Math.round(value)} ms`);
const mb = (bytes) => `${Math.round(bytes / 2 ** 20)} MB`;
console.log(`\n${steps.length} edits on zksync/actions/deposit.ts (viem 2.57.20); ${new Date().toISOString()}; ${os.cpus()[0]?.model} × ${os.cpus().length}; Node ${process.version}\n`);
console.log('| server | open (load + first lint) | first diagnostics p50 / p95 | complete typed p50 / p95 | complete typed, texts that parse: p50 / p95 | peak RSS |');
console.log('|---|---|---|---|---|---|');
for (const result of results) {
  console.log(`| ${result.name} | ${ms(result.load)} | ${ms(result.first.p50)} / ${ms(result.first.p95)} | ${ms(result.complete.p50)} / ${ms(result.complete.p95)} | ${ms(result.completeParsing.p50)} / ${ms(result.completeParsing.p95)} (${result.completeParsing.count}) | ${mb(result.peakRss)} |`);
}
const ours = results.find((result) => result.key === 'ours');
for (const peer of results.filter((result) => result !== ours && ours)) {
  console.log(`\n${peer.name} ÷ ours: complete p50 ${(peer.complete.p50 / ours.complete.p50).toFixed(1)}×, p95 ${(peer.complete.p95 / ours.complete.p95).toFixed(1)}×; texts that parse: p50 ${(peer.completeParsing.p50 / ours.completeParsing.p50).toFixed(1)}×, p95 ${(peer.completeParsing.p95 / ours.completeParsing.p95).toFixed(1)}×; first p50 ${(peer.first.p50 / ours.first.p50).toFixed(1)}×; RSS ours ÷ peer ${(ours.peakRss / peer.peakRss).toFixed(2)}`);
}
for (const result of results) {
  if (result.unpublished) console.log(`${result.name}: ${result.unpublished} edits left the text unparseable; no new diagnostics were published for them (the last ones stay).`);
  console.log(`${result.name}: ${result.initialProblems} findings on open.`);
}
const out = path.resolve(here, '../.work/lsp');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `results-${Date.now()}.json`), JSON.stringify({ steps: steps.length, results }, null, 2));
