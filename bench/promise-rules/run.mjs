// Rule time and findings of async-guard's no-floating-promise + no-misused-promise against
// typescript-eslint's no-floating-promises + no-misused-promises, on real code bases.
//   npm run build -w rules && node bench/promise-rules/run.mjs [small] [medium] [large] [--runs N] [--floor]
// Each rule set lints each corpus in a process of its own (fresh program and checker, as the
// editor gets on every edit); rule time is ESLint's own per-rule timing (`stats: true`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpora, prepareCorpus, workDir } from './corpora.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAIRS = [
  ['async-guard/no-floating-promise', '@typescript-eslint/no-floating-promises'],
  ['async-guard/no-misused-promise', '@typescript-eslint/no-misused-promises'],
];

function lint(corpusDir, corpus, ruleSet) {
  const output = execFileSync(
    process.execPath,
    ['--max-old-space-size=8192', path.join(here, 'lint-corpus.mjs'), corpusDir, ruleSet, corpus.include[0], ...corpus.exclude],
    { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
  );
  return JSON.parse(output);
}

const key = (finding) => `${finding.file}:${finding.line}:${finding.column}`;

function compare(ours, theirs) {
  return PAIRS.map(([ourRule, theirRule]) => {
    const mine = ours.findings.filter((finding) => finding.rule === ourRule);
    const peer = theirs.findings.filter((finding) => finding.rule === theirRule);
    const peerKeys = new Set(peer.map(key));
    const mineKeys = new Set(mine.map(key));
    return {
      ours: ourRule,
      theirs: theirRule,
      ourCount: mine.length,
      theirCount: peer.length,
      same: mine.filter((finding) => peerKeys.has(key(finding))).length,
      onlyOurs: mine.filter((finding) => !peerKeys.has(key(finding))),
      onlyTheirs: peer.filter((finding) => !mineKeys.has(key(finding))),
    };
  });
}

const sum = (times, rules) => rules.reduce((total, rule) => total + (times[rule] ?? 0), 0);

// `--runs N` lints each corpus N times with each rule set, alternating, and reports the pair with
// the median CPU ratio: on a shared machine the speed drifts from minute to minute, and the two
// runs of one pair see nearly the same machine.
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const requested = args.filter((arg, index) => !arg.startsWith('--') && (runsAt < 0 || index !== runsAt + 1));
// `--floor` also lints with the callee-floor rules (callee-floor.mjs) in each run: what finding
// only the callees of the calls the rules must judge costs, against typescript-eslint's two.
const withFloor = args.includes('--floor');
const floorCpu = (result) => Object.values(result.cpuMs).reduce((total, value) => total + value, 0);
const names = requested.length > 0 ? requested : ['small', 'medium'];
const rows = [];
for (const name of names) {
  const corpus = corpora[name];
  const corpusDir = prepareCorpus(name);
  const pairs = [];
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`${name} (${run}/${runs}): linting with typescript-eslint's rules…\n`);
    const theirs = lint(corpusDir, corpus, 'typescript-eslint');
    process.stderr.write(`${name} (${run}/${runs}): linting with async-guard's rules…\n`);
    const ours = lint(corpusDir, corpus, 'ours');
    const ourMs = sum(ours.ruleMs, PAIRS.map(([rule]) => rule));
    const theirMs = sum(theirs.ruleMs, PAIRS.map(([, rule]) => rule));
    const ourCpu = sum(ours.cpuMs, PAIRS.map(([rule]) => rule));
    const theirCpu = sum(theirs.cpuMs, PAIRS.map(([, rule]) => rule));
    const floor = {};
    for (const side of withFloor ? ['checker', 'declared'] : []) {
      process.stderr.write(`${name} (${run}/${runs}): finding callees only (${side})…\n`);
      const result = lint(corpusDir, corpus, `floor-${side}`);
      floor[side] = { ratio: floorCpu(result) / theirCpu, work: result.checkerWork };
    }
    pairs.push({ ours, theirs, ourMs, theirMs, ourCpu, theirCpu, ratio: ourCpu / theirCpu, floor });
  }
  const ratios = pairs.map((pair) => pair.ratio);
  const median = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor((pairs.length - 1) / 2)];
  const comparison = compare(median.ours, median.theirs);
  fs.writeFileSync(path.join(workDir, `results-${name}.json`), JSON.stringify({ ours: median.ours, theirs: median.theirs, comparison, ratios }, null, 2));
  rows.push({ name, corpus, files: median.ours.files, ...median, comparison, ratios, floors: pairs.map((pair) => pair.floor) });
}

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
console.log('| corpus | files | rule CPU time: typescript-eslint (floating + misused) | rule CPU time: async-guard (floating + misused) | CPU ratio | CPU ratio of each run | ESLint TIMING (wall): theirs / ours | wall ratio | findings floating; misused (ours / theirs / same) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const counts = row.comparison.map((pair) => `${pair.ourCount} / ${pair.theirCount} / ${pair.same}`).join('; ');
  const split = (times, side) => row.comparison.map((pair) => ms(times[pair[side]] ?? 0)).join(' + ');
  console.log(
    `| ${row.name} (${row.corpus.package}) | ${row.files} | ${ms(row.theirCpu)} (${split(row.theirs.cpuMs, 'theirs')}) | ${ms(row.ourCpu)} (${split(row.ours.cpuMs, 'ours')}) | ${(row.ourCpu / row.theirCpu).toFixed(3)}× | ${row.ratios.map((ratio) => ratio.toFixed(3)).join(', ')} | ${ms(row.theirMs)} / ${ms(row.ourMs)} | ${(row.ourMs / row.theirMs).toFixed(3)}× | ${counts} |`,
  );
}
const count = (value) => value.toLocaleString('en-US');
// The type-checking work each rule set caused, counted by the checker: unlike time, the same in every run.
console.log('\n| corpus | types built: typescript-eslint / async-guard | ratio | instantiations: typescript-eslint / async-guard | ratio |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const [theirs, ours] = [row.theirs.checkerWork, row.ours.checkerWork];
  console.log(
    `| ${row.name} (${row.corpus.package}) | ${count(theirs.types)} / ${count(ours.types)} | ${(ours.types / theirs.types).toFixed(3)}× | ${count(theirs.instantiations)} / ${count(ours.instantiations)} | ${(ours.instantiations / theirs.instantiations).toFixed(3)}× |`,
  );
}
if (withFloor) {
  console.log('\n| corpus | callees only, checker: CPU ratio of each run | callees only, declared types: CPU ratio of each run | async-guard: CPU ratio of each run | instantiations: checker / declared / async-guard |');
  console.log('|---|---|---|---|---|');
  const list = (values) => values.map((value) => value.toFixed(3)).join(', ');
  for (const row of rows) {
    const work = row.floors[0];
    console.log(
      `| ${row.name} (${row.corpus.package}) | ${list(row.floors.map((floor) => floor.checker.ratio))} | ${list(row.floors.map((floor) => floor.declared.ratio))} | ${list(row.ratios)} | ${count(work.checker.work.instantiations)} / ${count(work.declared.work.instantiations)} / ${count(row.ours.checkerWork.instantiations)} |`,
    );
  }
}
for (const row of rows) {
  for (const pair of row.comparison) {
    if (pair.onlyOurs.length === 0 && pair.onlyTheirs.length === 0) continue;
    console.log(`\n${row.name}, ${pair.ours} vs ${pair.theirs}:`);
    for (const finding of pair.onlyOurs) console.log(`  only ours   ${key(finding)} ${finding.messageId}`);
    for (const finding of pair.onlyTheirs) console.log(`  only theirs ${key(finding)} ${finding.messageId}`);
  }
}
