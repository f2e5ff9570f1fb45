// Lints one prepared corpus with one set of rules and prints rule times and findings as JSON.
// Run in a process of its own per rule set, so each starts from a fresh program and type checker.
//   node lint-corpus.mjs <corpus dir> <ours|typescript-eslint> <include glob> <ignore glob>...
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { calleeFloor } from './callee-floor.mjs';
import { censusChecker, censusReport } from './checker-census.mjs';

const require = createRequire(import.meta.url);
// RULES_DIST names another build of the rules (to compare two builds on the same corpus).
const asyncGuard = require(process.env.RULES_DIST ?? '../../rules/dist/index.js');

const [corpusDir, ruleSet, include, ...ignores] = process.argv.slice(2);

// CPU time per rule, next to ESLint's wall-clock timing: on a shared machine other processes
// stretch wall time, while the CPU time a rule's own code (and the checker work it triggers) takes
// stays put.
const cpuMs = {};
const fileCpuMs = {};
const slowMs = process.env.BENCH_SLOW_MS ? Number(process.env.BENCH_SLOW_MS) : undefined;
const slowInstantiations = process.env.BENCH_SLOW_INSTANTIATIONS ? Number(process.env.BENCH_SLOW_INSTANTIATIONS) : undefined;
// BENCH_BY_SELECTOR=1 prints the CPU time per rule listener (selector) at the end, largest first.
const selectorCpuMs = {};
// The checkers the rules asked: how many types and instantiations they built is a count of the
// type-checking work the rules caused that does not move with the machine's load.
const checkers = new Set();
// Per file (BENCH_ALL_FILES=1): the instantiations made while it was linted, counted from one
// file's first rule to the next file's.
const fileInstantiations = {};
let counted = { file: undefined, at: 0, checker: undefined };
function noteFileWork(file, checker) {
  if (counted.file === file || !checker) return;
  if (counted.file !== undefined && counted.checker === checker) fileInstantiations[counted.file] = checker.getInstantiationCount() - counted.at;
  counted = { file, at: checker.getInstantiationCount(), checker };
}
function cpuTimed(plugin, prefix) {
  const rules = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const id = `${prefix}/${name}`;
    let file = '';
    const charge = (start) => {
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      cpuMs[id] = (cpuMs[id] ?? 0) + ms;
      fileCpuMs[file] = (fileCpuMs[file] ?? 0) + ms;
      return ms;
    };
    rules[name] = {
      ...rule,
      create(context) {
        file = path.relative(corpusDir, context.filename);
        const checker = context.sourceCode.parserServices?.program?.getTypeChecker();
        if (checker) checkers.add(checker);
        if (process.env.BENCH_CHECKER_CALLS) censusChecker(checker);
        noteFileWork(file, checker);
        const start = process.cpuUsage();
        const listeners = rule.create(context);
        charge(start);
        const timed = {};
        for (const [selector, listener] of Object.entries(listeners)) {
          timed[selector] = (...args) => {
            const instantiationsBefore = checker?.getInstantiationCount() ?? 0;
            const begin = process.cpuUsage();
            try {
              return listener(...args);
            } finally {
              const spent = charge(begin);
              const instantiations = (checker?.getInstantiationCount() ?? 0) - instantiationsBefore;
              selectorCpuMs[`${id} ${selector}`] = (selectorCpuMs[`${id} ${selector}`] ?? 0) + spent;
              // BENCH_SLOW_MS=200 names the single listener calls that cost more than that;
              // BENCH_SLOW_INSTANTIATIONS=10000 those that made the checker instantiate more types.
              if ((slowMs !== undefined && spent > slowMs) || (slowInstantiations !== undefined && instantiations > slowInstantiations)) {
                const node = args[0];
                const text = context.sourceCode.getText(node).slice(0, 100).replace(/\s+/g, ' ');
                process.stderr.write(`${Math.round(spent)} ms ${instantiations} inst. ${id} ${selector} ${file}:${node.loc?.start.line} ${text}\n`);
              }
            }
          };
        }
        return timed;
      },
    };
  }
  return { ...plugin, rules };
}

export const RULE_SETS = {
  ours: {
    'async-guard/no-floating-promise': 'error',
    'async-guard/no-misused-promise': 'error',
  },
  'typescript-eslint': {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
  },
  // What only finding the callees of the calls the rules must judge costs (see callee-floor.mjs).
  'floor-checker': { 'callee-floor/checker': 'error' },
  'floor-declared': { 'callee-floor/declared': 'error' },
};

const eslint = new ESLint({
  cwd: corpusDir,
  overrideConfigFile: true,
  stats: true,
  overrideConfig: [
    { ignores },
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: corpusDir },
      },
      plugins: { 'async-guard': cpuTimed(asyncGuard, 'async-guard'), '@typescript-eslint': cpuTimed(tseslint.plugin, '@typescript-eslint'), 'callee-floor': cpuTimed(calleeFloor, 'callee-floor') },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: RULE_SETS[ruleSet],
    },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles([include]);
const wallMs = performance.now() - started;

const ruleMs = {};
let parseMs = 0;
const findings = [];
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
  }
  const file = path.relative(corpusDir, result.filePath);
  for (const message of result.messages) {
    findings.push({ file, line: message.line, column: message.column, rule: message.ruleId, messageId: message.messageId ?? null, message: message.message });
  }
}

noteFileWork(undefined, counted.checker); // the last file's count
if (process.env.BENCH_CHECKER_CALLS) process.stderr.write(`${censusReport()}\n`);
if (process.env.BENCH_BY_SELECTOR) {
  const rows = Object.entries(selectorCpuMs).sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [selector, ms] of rows) process.stderr.write(`${Math.round(ms)} ms ${selector}\n`);
}
process.stdout.write(
  JSON.stringify({
    files: results.length,
    wallMs,
    parseMs,
    ruleMs,
    cpuMs,
    // BENCH_ALL_FILES=1 lists every file's CPU time instead of the 15 slowest.
    slowestFiles: Object.entries(fileCpuMs).sort((a, b) => b[1] - a[1]).slice(0, process.env.BENCH_ALL_FILES ? undefined : 15),
    checkerWork: [...checkers].reduce(
      (sum, checker) => ({ types: sum.types + checker.getTypeCount(), instantiations: sum.instantiations + checker.getInstantiationCount() }),
      { types: 0, instantiations: 0 },
    ),
    ...(process.env.BENCH_ALL_FILES ? { fileInstantiations } : {}),
    findings, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
