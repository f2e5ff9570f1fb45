import ts from 'typescript';

/**
 * An immutable text given to the LanguageService. It knows the snapshot it replaced, so
 * `getChangeRange` lets TypeScript re-parse only the edited span instead of the whole file.
 */
export class TextSnapshot implements ts.IScriptSnapshot {
  constructor(
    readonly text: string,
    private previous?: TextSnapshot,
  ) {
    // Only one step back is ever asked for: do not keep every version of the file alive.
    if (previous) previous.previous = undefined;
  }

  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }

  getLength(): number {
    return this.text.length;
  }

  getChangeRange(oldSnapshot: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    // Only a direct predecessor is described; anything else makes TypeScript parse in full.
    if (oldSnapshot !== this.previous || !(oldSnapshot instanceof TextSnapshot)) return undefined;
    return changeRangeBetween(oldSnapshot.text, this.text);
  }
}

/** The smallest single span that turns `before` into `after` (common prefix and suffix kept). */
export function changeRangeBetween(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - end - start), after.length - end - start);
}
