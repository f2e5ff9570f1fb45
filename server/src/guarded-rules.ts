import type { Rule } from 'eslint';

/** A rule that threw while linting one file: its findings for that file are dropped. */
export interface RuleFailure {
  ruleId: string;
  error: unknown;
}

/**
 * Wraps every rule so that an exception inside it costs only that rule's findings for the file
 * being linted. ESLint itself aborts the whole run when any rule throws; the editor would then
 * lose every diagnostic of the file because of one faulty rule.
 */
export class GuardedRules {
  readonly rules: Record<string, Rule.RuleModule>;
  private failures: RuleFailure[] = [];

  constructor(prefix: string, rules: Record<string, Rule.RuleModule>) {
    this.rules = Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [name, this.guard(`${prefix}/${name}`, rule)]),
    );
  }

  /** Starts a run; returns the failures of the previous run. */
  takeFailures(): RuleFailure[] {
    const failures = this.failures;
    this.failures = [];
    return failures;
  }

  private guard(ruleId: string, rule: Rule.RuleModule): Rule.RuleModule {
    const failed = (error: unknown): void => {
      this.failures.push({ ruleId, error });
    };
    const hasFailed = (): boolean => this.failures.some((failure) => failure.ruleId === ruleId);
    return {
      ...rule,
      create(context) {
        let listeners: Rule.RuleListener;
        try {
          listeners = rule.create(context);
        } catch (error) {
          failed(error);
          return {};
        }
        const guarded: Rule.RuleListener = {};
        for (const [selector, listener] of Object.entries(listeners)) {
          if (typeof listener !== 'function') continue;
          guarded[selector] = (...args: unknown[]) => {
            if (hasFailed()) return;
            try {
              (listener as (...a: unknown[]) => void)(...args);
            } catch (error) {
              failed(error);
            }
          };
        }
        return guarded;
      },
    };
  }
}
