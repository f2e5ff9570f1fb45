// BENCH_CHECKER_CALLS=1: which checker calls the rules make, and how long they take. Every method
// of each checker the rules ask is wrapped; a call made from inside another checker call counts
// towards the outer one only. Calls are grouped by method and by the rule code that asked (the
// nearest stack frame outside TypeScript and this bench). Capturing a stack per call slows the
// run down: use it to see where the checker time goes, not to time the rules.
import * as path from 'node:path';

const wrapped = new WeakSet();
const groups = new Map();
let depth = 0;

/** Wraps the methods of `checker` once; later calls with the same checker do nothing. */
export function censusChecker(checker) {
  if (!checker || wrapped.has(checker)) return;
  wrapped.add(checker);
  for (const [name, method] of Object.entries(checker)) {
    if (typeof method !== 'function') continue;
    checker[name] = function (...args) {
      if (depth > 0) return method.apply(this, args);
      depth++;
      const started = performance.now();
      try {
        return method.apply(this, args);
      } finally {
        depth--;
        const ms = performance.now() - started;
        const asker = askingFrame();
        // The bench's own counting of the checker's work is not the rules'.
        if (!asker.includes('lint-corpus.mjs')) {
          const key = `${name} @${asker}`;
          const group = groups.get(key) ?? { calls: 0, ms: 0 };
          group.calls++;
          group.ms += ms;
          groups.set(key, group);
        }
      }
    };
  }
}

/** The rule code's frame that made the call: the first one not in TypeScript or in this file. */
function askingFrame() {
  const frames = new Error().stack.split('\n').slice(1);
  const frame = frames.find((line) => !line.includes('checker-census.mjs') && !line.includes('/typescript/lib/'));
  const location = frame?.match(/\(?([^()\s]+):(\d+):\d+\)?$/);
  const fn = frame?.trim().replace(/^at /, '');
  const name = fn?.includes(' (') ? `${fn.split(' (')[0]} ` : '';
  return location ? `${name}${path.basename(location[1])}:${location[2]}` : 'unknown';
}

/** The groups that took longest, a line each: total ms, calls, method @ asking frame. */
export function censusReport(rows = 30) {
  const total = [...groups.values()].reduce((sum, group) => sum + group.ms, 0);
  const lines = [...groups]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, rows)
    .map(([key, group]) => `${group.ms.toFixed(0).padStart(7)} ms ${String(group.calls).padStart(7)} calls  ${key}`);
  return [`checker calls: ${total.toFixed(0)} ms in ${[...groups.values()].reduce((sum, group) => sum + group.calls, 0)} calls`, ...lines].join('\n');
}
