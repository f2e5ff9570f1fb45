import type { Rule } from 'eslint';

/**
 * A rule that throws on any identifier named `explode`. It is added only when the environment
 * variable ASYNC_GUARD_FAULTY_RULE is 1, so the test suite can prove through the real server
 * that a throwing rule costs only its own findings and is logged once.
 */
export const faultyRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Throws on `explode` (tests only).' }, schema: [] },
  create(context) {
    return {
      Identifier(node) {
        if (node.name === 'explode') throw new Error(`faulty rule met 'explode' in ${context.filename}`);
      },
    };
  },
};

export const FAULTY_RULE_ENABLED = process.env.ASYNC_GUARD_FAULTY_RULE === '1';
