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

  /** Lints the current text of the file with types from its project. */
  lintTyped(fileName: string): FileLint | undefined {
    const text = this.texts.text(fileName);
    if (text === undefined) return undefined;
    const program = this.projects.projectFor(fileName).program();
    return { ...this.linter.lint(text, fileName, program), fileName, text, documentVersion: this.texts.documentVersion(fileName) };
  }

  /** Lints the current text without types: the rules' syntactic answers, at parse cost only. */
  lintSyntactic(fileName: string): FileLint | undefined {
    const text = this.texts.text(fileName);
    if (text === undefined) return undefined;
    return { ...this.linter.lint(text, fileName), fileName, text, documentVersion: this.texts.documentVersion(fileName) };
  }
}
