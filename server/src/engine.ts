import type ts from 'typescript';
import type { Focus } from './focused-rules.js';
import { RuleLinter, type LintRun } from './linter.js';
import { ProjectSet, type ProjectEvents } from './project-set.js';
import { scopeLibraries } from './scope-libraries.js';
import { SourceTexts } from './source-texts.js';

/** A lint of one exact text of a file. */
export interface FileLint extends LintRun {
  fileName: string;
  text: string;
  /** The editor's version of the document, when it is open. */
  documentVersion: number | undefined;
}

/**
 * The headless core shared by the language server and the CLI: texts, projects and the rules.
 * Every typed lint uses the program of the file's project, which holds the same text.
 */
export class Engine {
  readonly texts = new SourceTexts();
  readonly projects: ProjectSet;
  readonly linter = new RuleLinter();

  constructor(events: ProjectEvents) {
    this.projects = new ProjectSet(this.texts, events);
    this.texts.onChange = () => this.projects.textsChanged();
  }

  /**
   * Lints the file's current text without types and without bringing its program up to date:
   * the quick first answer to an edit. The syntax tree is built from the last one, converting
   * only what the edit changed.
   */
  syntactic(fileName: string): FileLint | undefined {
    const text = this.texts.text(fileName);
    if (text === undefined) return undefined;
    const lib = scopeLibraries(this.projects.projectFor(fileName).compilerOptions);
    return { ...this.linter.lintSyntactic(text, fileName, lib), fileName, text, documentVersion: this.texts.documentVersion(fileName) };
  }

  /**
   * Readies the typed lint of the file's current text: its program is brought up to date once
   * for however many typed lints (narrowed ones first) it takes.
   */
  prepare(fileName: string): PreparedLint | undefined {
    const text = this.texts.text(fileName);
    if (text === undefined) return undefined;
    const program = this.projects.projectFor(fileName).program();
    const documentVersion = this.texts.documentVersion(fileName);
    const run = (focus?: readonly Focus[]): FileLint => ({
      ...this.linter.lint(text, fileName, program, focus),
      fileName,
      text,
      documentVersion,
    });
    return { program, typed: run };
  }

  /** Lints the current text of the file with types from its project. */
  lintTyped(fileName: string): FileLint | undefined {
    return this.prepare(fileName)?.typed();
  }
}

/** The typed lint of one text. */
export interface PreparedLint {
  /** The program the lint uses; it holds exactly the text being linted. */
  program: ts.Program;
  /**
   * Rules with the program's types: the complete result. With `focus`, the focusable rules
   * look only at those parts of the text (see `TypedBaselines`).
   */
  typed(focus?: readonly Focus[]): FileLint;
}
