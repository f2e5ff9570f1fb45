import type { Rule } from 'eslint';

export type Fix = Rule.Fix;

/**
 * Applies fixes that do not overlap, in text order, the way ESLint does within one pass: a fix
 * that starts inside (or right at the end of) the previous one waits for another pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  let output = '';
  let last = -1;
  let copied = 0;
  for (const fix of sorted) {
    if (fix.range[0] <= last) continue;
    output += text.slice(copied, fix.range[0]) + fix.text;
    copied = fix.range[1];
    last = fix.range[1];
    applied.push(fix);
  }
  return { text: output + text.slice(copied), applied };
}
