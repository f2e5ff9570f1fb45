// Side-by-side benchmark of the async-guard runtime against the libraries it replaces.
//
//   npm --prefix bench/runtime install && npm run build -w runtime && node --expose-gc bench/runtime/run.mjs
//
// Environment: BENCH_TASKS (default 1,000,000), BENCH_ROUNDS (default 5), BENCH_ONLY
// (comma-separated case names), BENCH_CALLS (per-call overhead loop, default 200,000).
//
// Method. Every case runs in this one process, once per round, in interleaved order, after a
// forced GC. Throughput = tasks / wall time from the first submission to the last result.
// Peak heap = the highest `process.memoryUsage().heapUsed` seen minus the heapUsed measured
// right after the GC; it is sampled right after all tasks are submitted (when the queue is
// longest) and inside every 1,024th task (a timer could not fire: the run is one long chain of
// microtasks). The median over the rounds is reported. Per-call overhead runs the helper
// around an already-resolved promise, one call after another, minus the same loop without it.

import { Sema } from 'async-sema';
import { Semaphore as AsyncMutexSemaphore } from 'async-mutex';
import pLimit from 'p-limit';
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import pTimeout from 'p-timeout';
import { cpus } from 'node:os';
import { Semaphore, mapLimit, retry, withTimeout } from '../../runtime/dist/esm/index.js';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc so every case starts from a collected heap.');
  process.exit(1);
}

const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const ONLY = process.env.BENCH_ONLY?.split(',');
const CONCURRENCY = [1, 8, 64];
// async-mutex dequeues with Array#shift, which copies the whole array once it is large: a
// million waiters would take hours. It runs a tenth of the tasks, which flatters it.
const TASKS_FOR = { 'async-mutex': Math.min(TASKS, 100_000) };
const tasksFor = (name) => TASKS_FOR[name] ?? TASKS;

let peak = 0;
const sample = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peak) peak = used;
};
// The work every limiter runs: as small as an async task gets, so the limiter's own cost shows.
const task = async (i) => {
  if ((i & 1023) === 0) sample();
  return i;
};
const items = Array.from({ length: TASKS }, (_, i) => i);

// Each case submits all tasks at once, as `Promise.all(items.map(...))` code does.
const submitAll = (start, n = TASKS) => {
  const promises = new Array(n);
  for (let i = 0; i < n; i++) promises[i] = start(i);
  sample();
  return Promise.all(promises);
};
const limiters = {
  'p-limit': (c) => {
    const limit = pLimit(c);
    return submitAll((i) => limit(() => task(i)));
  },
  'async-sema': (c) => {
    const sema = new Sema(c);
    const run = async (i) => {
      await sema.acquire();
      try {
        return await task(i);
      } finally {
        sema.release();
      }
    };
    return submitAll(run);
  },
  'async-mutex': (c) => {
    const semaphore = new AsyncMutexSemaphore(c);
    return submitAll((i) => semaphore.runExclusive(() => task(i)), tasksFor('async-mutex'));
  },
  'p-queue': (c) => {
    const queue = new PQueue({ concurrency: c });
    return submitAll((i) => queue.add(() => task(i)));
  },
  'Semaphore#run': (c) => {
    const semaphore = new Semaphore(c);
    return submitAll((i) => semaphore.run(() => task(i)));
  },
  mapLimit: (c) => mapLimit(items, c, task),
};

async function measureLimiter(name, c) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  peak = base;
  const start = performance.now();
  const results = await limiters[name](c);
  const ms = performance.now() - start;
  const n = tasksFor(name);
  let sum = 0;
  for (const value of results) sum += value;
  if (sum !== (n * (n - 1)) / 2) throw new Error(`${name} returned wrong results`);
  return { throughput: (n / ms) * 1000, peakHeap: peak - base };
}

const calls = {
  'withTimeout(promise)': (i) => withTimeout(Promise.resolve(i), 1_000),
  'withTimeout(fn)': (i) => withTimeout(() => Promise.resolve(i), 1_000),
  'p-timeout': (i) => pTimeout(Promise.resolve(i), { milliseconds: 1_000 }),
  retry: (i) => retry(() => Promise.resolve(i)),
  'p-retry': (i) => pRetry(() => Promise.resolve(i)),
  baseline: (i) => Promise.resolve(i),
};

async function measureCall(name) {
  globalThis.gc();
  const call = calls[name];
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += await call(i);
  const ms = performance.now() - start;
  if (sum !== (CALLS * (CALLS - 1)) / 2) throw new Error(`${name} returned wrong results`);
  return (ms * 1e6) / CALLS; // ns per call
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const wanted = (name) => !ONLY || ONLY.includes(name);

const limiterRuns = new Map();
const callRuns = new Map();
for (let round = 1; round <= ROUNDS; round++) {
  for (const c of CONCURRENCY) {
    for (const name of Object.keys(limiters)) {
      if (!wanted(name)) continue;
      const key = `${name}@${c}`;
      const run = await measureLimiter(name, c);
      if (!limiterRuns.has(key)) limiterRuns.set(key, []);
      limiterRuns.get(key).push(run);
      process.stderr.write(`round ${round} ${key}: ${(run.throughput / 1e3).toFixed(0)}k tasks/s, ${(run.peakHeap / 2 ** 20).toFixed(0)} MiB\n`);
    }
  }
  for (const name of Object.keys(calls)) {
    if (!wanted(name)) continue;
    if (!callRuns.has(name)) callRuns.set(name, []);
    callRuns.get(name).push(await measureCall(name));
  }
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`Node ${process.version}, ${cpus()[0]?.model}, ${cpus().length} cores`);
console.log(`${fmt(TASKS)} tasks per run, ${ROUNDS} rounds, medians\n`);
const ours = ['mapLimit', 'Semaphore#run'];
const peers = ['p-limit', 'async-sema', 'async-mutex', 'p-queue'];
for (const c of CONCURRENCY) {
  const stats = {};
  for (const name of Object.keys(limiters)) {
    const runs = limiterRuns.get(`${name}@${c}`);
    if (!runs) continue;
    stats[name] = {
      throughput: median(runs.map((run) => run.throughput)),
      peakHeap: median(runs.map((run) => run.peakHeap)),
    };
  }
  console.log(`### Concurrency ${c}\n`);
  const present = peers.filter((peer) => stats[peer]);
  console.log(`| limiter | tasks/s | peak heap (MiB) | ${present.map((peer) => `vs ${peer}`).join(' | ')} |`);
  console.log(`| --- | ---: | ---: |${present.map(() => ' ---: |').join('')}`);
  for (const name of Object.keys(stats)) {
    const { throughput, peakHeap } = stats[name];
    const ratios = ours.includes(name)
      ? present.map((peer) => `${fmt(throughput / stats[peer].throughput, 2)}×`)
      : present.map(() => '');
    const label = tasksFor(name) === TASKS ? name : `${name} (${fmt(tasksFor(name))} tasks)`;
    console.log(`| ${label} | ${fmt(throughput)} | ${fmt(peakHeap / 2 ** 20)} | ${ratios.join(' | ')} |`);
  }
  console.log('');
}
if (callRuns.size > 0) {
  const base = callRuns.has('baseline') ? median(callRuns.get('baseline')) : 0;
  console.log(`### Overhead per call (${fmt(CALLS)} sequential calls, minus a plain await)\n`);
  console.log('| helper | ns per call | overhead (ns) |');
  console.log('| --- | ---: | ---: |');
  for (const name of Object.keys(calls)) {
    if (!callRuns.has(name) || name === 'baseline') continue;
    const ns = median(callRuns.get(name));
    console.log(`| ${name} | ${fmt(ns)} | ${fmt(ns - base)} |`);
  }
}
