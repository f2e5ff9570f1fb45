import type ts from 'typescript';
import type { TypeFactStore } from '../../rules/src/analysis/type-fact-store.js';

/** The function body that consecutive narrowed lints re-check, in the coordinates of the reference text. */
interface Region {
  start: number;
  referenceEnd: number;
  /** Where the body ends in the text being linted now. */
  currentEnd: number;
}

/**
 * The rules' facts about one open document's declarations, kept while its edits stay inside one
 * function body whose outside view does not change (see `TypedBaselines`). Keys are positions in
 * the text of the last whole-file lint (the reference): a node before the edited body keeps its
 * offsets, a node after it is moved back by what the body has grown since, and nodes in the body
 * get no key at all. Declarations in other files keep their own offsets: any change to another
 * file makes the next lint a whole-file one, which starts the facts afresh.
 */
export class DocumentTypeFacts implements TypeFactStore {
  private readonly facts = new Map<string, unknown>();
  private region: Region | undefined;

  constructor(private readonly fileName: string) {}

  /** A whole-file lint follows: nothing learnt before is certain, and its text becomes the reference. */
  restart(): void {
    this.facts.clear();
    this.region = undefined;
  }

  /**
   * A lint narrowed to the body [start, end) of the text follows; `endBefore` is where that body
   * ended in the previous text. Facts carry over while it is the same body as before.
   */
  narrowTo(start: number, end: number, endBefore: number): void {
    if (this.region && this.region.start !== start) this.restart();
    this.region ??= { start, referenceEnd: endBefore, currentEnd: endBefore };
    this.region.currentEnd = end;
  }

  keyOf(node: ts.Node): string | undefined {
    const sourceFile = node.getSourceFile();
    if (sourceFile.fileName !== this.fileName) return `${sourceFile.fileName}@${node.pos}:${node.end}`;
    const region = this.region;
    if (!region || node.end <= region.start) return `@${node.pos}:${node.end}`;
    if (node.pos < region.currentEnd) return undefined;
    const moved = region.currentEnd - region.referenceEnd;
    return `@${node.pos - moved}:${node.end - moved}`;
  }

  get(key: string): unknown {
    return this.facts.get(key);
  }

  set(key: string, value: unknown): void {
    this.facts.set(key, value);
  }
}
