import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

interface Entry {
  mtimeMs: number;
  text: string;
}

/** A file cache that re-reads a file when it changed on disk. */
export class FileCache {
  private readonly entries = new Map<string, Entry>();

  async get(path: string): Promise<string> {
    // statSync blocks for a disk round trip on every lookup, even on a cache hit.
    const { mtimeMs } = statSync(path);
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.text;
    const text = await readFile(path, 'utf8');
    this.entries.set(path, { mtimeMs, text });
    return text;
  }
}
