import type ts from 'typescript';
import type { Focus } from './focused-rules.js';
import { RuleLinter, type LintRun } from './linter.js';
import { ProjectSet, type ProjectEvents } from './project-set.js';
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
   * Readies both lints of the file's current text: the program is brought up to date once and
   * the text parsed once; the syntactic lint (rules without types) and the typed lint share both.
   */
  prepare(fileName: string): PreparedLint | undefined {
    const text = this.texts.text(fileName);
    if (text === undefined) return undefined;
    const program = this.projects.projectFor(fileName).program();
    const documentVersion = this.texts.documentVersion(fileName);
    const run = (withTypes: boolean, focus?: readonly Focus[]): FileLint => ({
      ...this.linter.lint(text, fileName, program, withTypes, focus),
      fileName,
      text,
      documentVersion,
    });
    return { program, syntactic: () => run(false), typed: (focus) => run(true, focus) };
  }

  /** Lints the current text of the file with types from its project. */
  lintTyped(fileName: string): FileLint | undefined {
    return this.prepare(fileName)?.typed();
  }
}

/** The two lints of one text. */
export interface PreparedLint {
  /** The program both lints use; it holds exactly the text being linted. */
  program: ts.Program;
  /** Rules without type information: syntax and scope only. */
  syntactic(): FileLint;
  /**
   * Rules with the program's types: the complete result. With `focus`, the focusable rules
   * look only at those parts of the text (see `TypedBaselines`).
   */
  typed(focus?: readonly Focus[]): FileLint;
}
