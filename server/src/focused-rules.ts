import type { Rule } from 'eslint';

/** A range of the linted text, as offsets. */
export interface Focus {
  start: number;
  end: number;
}

/**
 * Wraps rules so that a run can be narrowed to parts of the file: while a focus is set, the
 * rules' listeners skip every node that lies wholly outside all its parts (nodes that contain it still run,
 * so a call around an edited callback is still checked). The findings outside the focus come
 * from the previous run instead, which is only valid when nothing outside changed for the rule;
 * deciding that is the caller's part.
 */
export class FocusedRules {
  readonly rules: Record<string, Rule.RuleModule>;
  focus: readonly Focus[] | undefined;

  constructor(rules: Record<string, Rule.RuleModule>, focusable: ReadonlySet<string>) {
    this.rules = Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, focusable.has(name) ? this.narrowed(rule) : rule]));
  }

  private narrowed(rule: Rule.RuleModule): Rule.RuleModule {
    const outside = (node: unknown): boolean => {
      const focus = this.focus;
      const range = (node as { range?: [number, number] } | undefined)?.range;
      return focus !== undefined && Array.isArray(range) && focus.every((part) => range[1] <= part.start || range[0] >= part.end);
    };
    return {
      ...rule,
      create(context) {
        const listeners = rule.create(context);
        const narrowed: Rule.RuleListener = {};
        for (const [selector, listener] of Object.entries(listeners)) {
          if (typeof listener !== 'function') continue;
          narrowed[selector] = (node: unknown, ...rest: unknown[]) => {
            if (outside(node)) return;
            (listener as (...args: unknown[]) => void)(node, ...rest);
          };
        }
        return narrowed;
      },
    };
  }
}
