import type { Linter } from 'eslint';
import type { RelatedEntry } from '../../rules/src/related-locations.js';
import type { Engine, FileLint, PreparedLint } from './engine.js';
import type { FileFilter, SkipReason } from './file-filter.js';
import type { RuleFailure } from './guarded-rules.js';
import { importersOf } from './import-graph.js';
import { useTypeFactStore } from '../../rules/src/analysis/type-fact-store.js';
import { DocumentTypeFacts } from './document-type-facts.js';
import { TypedBaselines, type LintContext } from './typed-baselines.js';
import { yieldToEvents, type LintReason } from './lint-queue.js';

/** The findings currently shown for one version of an open document. */
export interface DocumentResult {
  fileName: string;
  version: number;
  text: string;
  messages: readonly Linter.LintMessage[];
  related: readonly RelatedEntry[];
  /** `syntactic`: published at once, types still pending; `typed`: complete; `skipped`: not linted. */
  tier: 'syntactic' | 'typed' | 'skipped';
}

export interface DocumentLinterHost {
  filter(): FileFilter;
  publish(result: DocumentResult): void;
  /** A file is not linted, told once per file and reason. */
  skipped(fileName: string, reason: SkipReason): void;
  ruleFailed(fileName: string, failure: RuleFailure): void;
  /** A project must be loaded first, which takes a while: the client may show progress. */
  loadingProject(fileName: string, work: () => void): Promise<void>;
  trace(message: string): void;
}

/** Lints faster than this publish once; slower ones publish the syntactic findings first. */
const TWO_TIER_THRESHOLD_MS = 40;

/**
 * Lints open documents in two tiers. The syntactic tier (rules without types, parse cost only)
 * is published at once when the typed lint of the file is known to take a while; the typed tier
 * follows unless a newer edit arrived, and its result is the exact lint of that text. After an
 * edit's typed lint, open documents that import the file are queued as dependents.
 */
export class DocumentLinter {
  readonly results = new Map<string, DocumentResult>();
  /** Last lint cost per file (program update, parse, rules); unknown: the project may still have to load. */
  private readonly typedCost = new Map<string, number>();
  private readonly baselines = new TypedBaselines();
  private readonly typeFacts = new Map<string, DocumentTypeFacts>();

  constructor(
    private readonly engine: Engine,
    private readonly host: DocumentLinterHost,
    private readonly requeue: (fileName: string, reason: LintReason) => void,
  ) {}

  forget(fileName: string): void {
    this.results.delete(fileName);
    this.typedCost.delete(fileName);
    this.baselines.forget(fileName);
    this.typeFacts.delete(fileName);
    this.engine.linter.forgetParse(fileName);
  }

  async lint(fileName: string, reason: LintReason): Promise<void> {
    const texts = this.engine.texts;
    const version = texts.documentVersion(fileName);
    const text = texts.text(fileName);
    if (version === undefined || text === undefined) return;

    const skip = this.host.filter().skipReason(fileName, text);
    if (skip) {
      this.host.skipped(fileName, skip);
      this.publish({ fileName, version, text, messages: [], related: [], tier: 'skipped' });
      return;
    }

    const cost = this.typedCost.get(fileName);
    let work = 0; // milliseconds of lint work for this version, pauses not counted
    const timed = <T>(step: () => T): T => {
      const start = performance.now();
      try {
        return step();
      } finally {
        work += performance.now() - start;
      }
    };
    // The syntactic tier goes first and needs no program update: its syntax tree is built from
    // the last one, so it shows what the edit did within tens of milliseconds.
    if (reason === 'edit' && (cost === undefined || cost >= TWO_TIER_THRESHOLD_MS)) {
      const syntactic = timed(() => this.engine.syntactic(fileName));
      if (syntactic && !syntactic.parseError) this.publish(this.resultOf(syntactic, version, 'syntactic'));
      await yieldToEvents();
      if (texts.documentVersion(fileName) !== version) return; // a newer edit is queued
    }

    let prepared: PreparedLint | undefined;
    const prepare = (): void => {
      prepared = timed(() => this.engine.prepare(fileName));
    };
    // The first lint of a project builds its program, which takes a while.
    if (cost === undefined) await this.host.loadingProject(fileName, prepare);
    else prepare();
    if (!prepared) return;

    const typed = timed(() => this.typedLint(fileName, text, prepared!));
    this.typedCost.set(fileName, work);
    this.host.trace(`lint of ${fileName} v${version}: ${work.toFixed(1)} ms`);
    for (const failure of typed.failures) this.host.ruleFailed(fileName, failure);
    // A syntax error mid-typing: the last good findings stay until the text parses again.
    if (typed.parseError) {
      this.host.trace(`${fileName} v${version} does not parse (${typed.parseError}); keeping the last findings`);
      return;
    }
    this.publish(this.resultOf(typed, version, 'typed'));
    if (reason === 'edit') this.queueDependents(fileName);
  }

  /**
   * The typed lint of the text: narrowed to the edited function body when the last result of
   * the file allows it (see `TypedBaselines`), else of the whole file.
   */
  private typedLint(fileName: string, text: string, prepared: PreparedLint): FileLint {
    const context: LintContext = {
      program: prepared.program,
      outsideChanges: this.engine.texts.changesOutside(fileName),
      configVersion: this.engine.linter.configVersion,
      focusable: this.engine.linter.focusableRuleIds(),
    };
    const same = this.baselines.unchanged(fileName, text, context);
    if (same) {
      this.host.trace(`${fileName}: the same text as at the last complete lint; its findings stand`);
      return { ...same, documentVersion: this.engine.texts.documentVersion(fileName) };
    }
    let facts = this.typeFacts.get(fileName);
    if (!facts) {
      facts = new DocumentTypeFacts(fileName);
      this.typeFacts.set(fileName, facts);
    }
    useTypeFactStore(prepared.program, facts);
    // The narrowest lint the last result allows: one statement or body, else the top-level
    // statements the edit can reach; the whole file when neither holds.
    const plans = [() => this.baselines.plan(fileName, text, context), () => this.baselines.planUnits(fileName, text, context)];
    for (const make of plans) {
      const plan = make();
      if (!plan) continue;
      if (plan.body) facts.narrowTo(plan.body.before.start, plan.body.before.end + plan.delta, plan.body.before.end);
      else facts.restart();
      const narrowed = prepared.typed(plan.focus);
      if (narrowed.parseError) return narrowed;
      const merged = this.baselines.merge(plan, narrowed, prepared.program);
      if (merged) {
        const parts = plan.focus.map((part) => `${part.start}-${part.end}`).join(', ');
        this.host.trace(`${fileName}: typed rules re-run on the edited ${plan.scope === 'units' ? 'statements and what reads their names' : plan.scope} only (${parts})`);
        this.baselines.remember(merged.lint, context, { fingerprint: merged.fingerprint, signatures: plan.scope !== 'units' });
        return merged.lint;
      }
      this.host.trace(`${fileName}: the edit changed what the rest of the file sees of its function`);
    }
    facts.restart();
    const whole = prepared.typed();
    if (!whole.parseError) this.baselines.remember(whole, context);
    return whole;
  }

  private queueDependents(fileName: string): void {
    const others = this.engine.texts.openPaths().filter((path) => path !== fileName);
    if (others.length === 0) return;
    const project = this.engine.projects.projectFor(fileName);
    const sameProject = others.filter((path) => this.engine.projects.projectFor(path) === project);
    if (sameProject.length === 0) return;
    for (const importer of importersOf(project.program(), fileName, sameProject)) this.requeue(importer, 'dependent');
  }

  private resultOf(lint: FileLint, version: number, tier: 'syntactic' | 'typed'): DocumentResult {
    return { fileName: lint.fileName, version, text: lint.text, messages: lint.messages, related: lint.related, tier };
  }

  private publish(result: DocumentResult): void {
    this.results.set(result.fileName, result);
    this.host.publish(result);
  }
}
