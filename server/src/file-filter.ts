import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from './settings.js';

const LINTED_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Why a file is not linted, in words for the user; undefined when it is linted. */
export type SkipReason = { kind: 'excluded' | 'unsupported' | 'too-large' | 'binary'; message: string };

/** Decides which files the rules look at: supported, not excluded, not huge, not binary. */
export class FileFilter {
  private matchers: picomatch.Matcher[] = [];
  private maxFileSize: number;

  constructor(
    settings: Pick<Settings, 'exclude' | 'maxFileSize'>,
    private readonly roots: readonly string[],
  ) {
    this.matchers = settings.exclude.map((glob) => picomatch(glob, { dot: true }));
    this.maxFileSize = settings.maxFileSize;
  }

  skipReason(fileName: string, text: string): SkipReason | undefined {
    if (!LINTED_EXTENSIONS.has(path.extname(fileName).toLowerCase())) {
      return { kind: 'unsupported', message: `${path.basename(fileName)} is not a JavaScript or TypeScript file.` };
    }
    if (this.isExcluded(fileName)) return { kind: 'excluded', message: `${fileName} is excluded by asyncGuard.exclude.` };
    const size = Buffer.byteLength(text, 'utf8');
    if (size > this.maxFileSize) {
      return {
        kind: 'too-large',
        message: `${path.basename(fileName)} is not checked: it has ${size} bytes, over asyncGuard.maxFileSize (${this.maxFileSize}).`,
      };
    }
    // Source text never holds NUL; a file that does is binary (or not text we understand).
    if (text.slice(0, 8000).includes('\0')) {
      return { kind: 'binary', message: `${path.basename(fileName)} is not checked: it looks like a binary file.` };
    }
    return undefined;
  }

  isExcluded(fileName: string): boolean {
    if (this.matchers.length === 0) return false;
    const candidates = [fileName, ...this.roots.map((root) => path.relative(root, fileName)).filter((rel) => !rel.startsWith('..'))];
    return candidates.some((candidate) => this.matchers.some((matches) => matches(candidate.replaceAll('\\', '/'))));
  }
}
