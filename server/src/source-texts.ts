import ts from 'typescript';
import { TextSnapshot } from './text-snapshot.js';

interface Entry {
  snapshot: TextSnapshot;
  /** Changes whenever the text may have changed; what the LanguageService compares. */
  version: string;
  /** The editor's version while the file is open in the editor; undefined for disk text. */
  documentVersion: number | undefined;
}

/**
 * The text of every source file the projects see: open documents overlay the file system. Disk
 * text is read once and kept until a watched-file event (or closing the document) says it may
 * have changed, so a lint never reads the disk for files that did not change, and never uses
 * stale text for files that did.
 */
export class SourceTexts {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;
  /** Text changes seen, in all and per file: tells whether anything but one file changed since. */
  private changes = 0;
  private readonly changesByPath = new Map<string, number>();
  /** Called with the file's path after any change to its text. */
  onChange: (path: string) => void = () => {};

  open(path: string, text: string, documentVersion: number): void {
    this.set(path, text, documentVersion);
  }

  change(path: string, text: string, documentVersion: number): void {
    this.set(path, text, documentVersion);
  }

  /** The editor let the file go: from now on its text is the one on disk. */
  close(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    this.remember(path, entry.snapshot);
    this.changed(path);
  }

  /** A watched-file event: the disk text may differ now (open documents keep the editor's text). */
  diskChanged(path: string): void {
    const entry = this.entries.get(path);
    if (entry?.documentVersion !== undefined) return;
    this.entries.delete(path);
    if (entry) this.remember(path, entry.snapshot);
    this.changed(path);
  }

  /** How many text changes other files have had; equal counts mean only `path` changed in between. */
  changesOutside(path: string): number {
    return this.changes - (this.changesByPath.get(path) ?? 0);
  }

  isOpen(path: string): boolean {
    return this.entries.get(path)?.documentVersion !== undefined;
  }

  documentVersion(path: string): number | undefined {
    return this.entries.get(path)?.documentVersion;
  }

  openPaths(): string[] {
    return [...this.entries].filter(([, entry]) => entry.documentVersion !== undefined).map(([path]) => path);
  }

  snapshot(path: string): TextSnapshot | undefined {
    return this.entry(path)?.snapshot;
  }

  version(path: string): string {
    return this.entry(path)?.version ?? 'missing';
  }

  text(path: string): string | undefined {
    return this.entry(path)?.snapshot.text;
  }

  exists(path: string): boolean {
    return this.entries.has(path) || ts.sys.fileExists(path);
  }

  private changed(path: string): void {
    this.changes++;
    this.changesByPath.set(path, (this.changesByPath.get(path) ?? 0) + 1);
    this.onChange(path);
  }

  private readonly previous = new Map<string, TextSnapshot>();

  /** Keeps the replaced snapshot so the next one can describe its change range against it. */
  private remember(path: string, snapshot: TextSnapshot): void {
    this.previous.set(path, snapshot);
  }

  private entry(path: string): Entry | undefined {
    const existing = this.entries.get(path);
    if (existing) return existing;
    const text = ts.sys.readFile(path);
    if (text === undefined) return undefined;
    const entry = { snapshot: this.snapshotFrom(path, text), version: String(++this.counter), documentVersion: undefined };
    this.entries.set(path, entry);
    return entry;
  }

  private set(path: string, text: string, documentVersion: number): void {
    const old = this.entries.get(path);
    if (old && old.snapshot.text === text) {
      old.documentVersion = documentVersion;
      return;
    }
    if (old) this.remember(path, old.snapshot);
    this.entries.set(path, { snapshot: this.snapshotFrom(path, text), version: String(++this.counter), documentVersion });
    this.changed(path);
  }

  private snapshotFrom(path: string, text: string): TextSnapshot {
    const previous = this.previous.get(path);
    this.previous.delete(path);
    return new TextSnapshot(text, previous);
  }
}
