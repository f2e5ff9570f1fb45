/** Offsets of a piece of text. */
export interface Span {
  start: number;
  end: number;
}

/** One edit between two texts: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
}

/** The part of a list of sibling spans (statements) that one edit reached, before and after it. */
export interface EditedRegion<T extends Span> {
  /** [from, to) in old offsets; [from, to + delta) in new ones. */
  from: number;
  to: number;
  oldHit: T[];
  newHit: T[];
}

/**
 * The region an edit reached among sibling spans: grown from the changed text until it holds
 * every span it touches on either side (typing `= g` after `const addresses ` touches no old
 * statement, but the new one starts before the edit). Undefined when the spans outside it are not
 * the same as before, at the same places (moved by the edit when after it).
 */
export function editedRegion<T extends Span>(old: readonly T[], now: readonly T[], change: TextChange): EditedRegion<T> | undefined {
  let from = change.start;
  let to = change.oldEnd;
  for (;;) {
    const [regionStart, regionEnd] = [from, to];
    const oldHit = old.filter((span) => span.start <= regionEnd && regionStart <= span.end);
    const newHit = now.filter((span) => span.start <= regionEnd + change.delta && regionStart <= span.end);
    const grownFrom = Math.min(from, ...oldHit.map((span) => span.start), ...newHit.map((span) => span.start));
    const grownTo = Math.max(to, ...oldHit.map((span) => span.end), ...newHit.map((span) => span.end - change.delta));
    if (grownFrom === from && grownTo === to) {
      const others = (list: readonly T[], hit: T[], shift: number): string =>
        list.filter((span) => !hit.includes(span)).map((span) => (span.start >= change.start ? `${span.start + shift}-${span.end + shift}` : `${span.start}-${span.end}`)).join(',');
      if (others(old, oldHit, change.delta) !== others(now, newHit, 0)) return undefined;
      return { from, to, oldHit, newHit };
    }
    [from, to] = [grownFrom, grownTo];
  }
}
