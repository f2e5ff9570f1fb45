import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isGuardedBy, type ConditionNode } from './condition-scope.js';
import { isPartOf, type SharedLocation } from './shared-location.js';

type Variable = TSESLint.Scope.Variable;
type Segment = TSESLint.CodePathSegment;

/** Where a value comes from: shared reads inside it (by node) and the function's locals it uses. */
export interface ValueSources {
  readonly reads: readonly TSESTree.Node[];
  readonly locals: readonly Variable[];
  /** The value is one source as it is (`x = saved`), not something computed from it. */
  readonly exact: boolean;
}

/** What happens, in order, along a code path segment of an async function. */
export type FlowEvent =
  /** An expression starts: reads recorded inside it on an earlier loop iteration no longer count. */
  | { readonly kind: 'forget'; readonly within: TSESTree.Node }
  | { readonly kind: 'read'; readonly node: TSESTree.Node; readonly location: SharedLocation }
  /** `await`, `yield`, a `for await` step: other code runs before the function goes on. */
  | { readonly kind: 'suspend'; readonly node: TSESTree.Node }
  | { readonly kind: 'define'; readonly variable: Variable; readonly sources: ValueSources }
  /**
   * `sources` is absent when the written value cannot be stale (`push`, `add`, `delete`);
   * `constant` marks a plain assignment of a literal (`this.connecting = true`).
   */
  | { readonly kind: 'write'; readonly node: TSESTree.Node; readonly location: SharedLocation; readonly sources?: ValueSources; readonly constant?: boolean }
  | { readonly kind: 'check'; readonly condition: ConditionNode; readonly sources: ValueSources };

export interface Finding {
  readonly kind: 'lostUpdate' | 'checkThenAct';
  readonly write: TSESTree.Node;
  /** The place as the write names it. */
  readonly location: SharedLocation;
  /** The read the written value (or the check) rests on. */
  readonly read: TSESTree.Node;
  /** The first suspension between that read and the write. */
  readonly suspension: TSESTree.Node;
}

/** A value that came from reading a shared place, and whether the function has waited since. */
interface ValueToken {
  readonly read: TSESTree.Node;
  readonly location: SharedLocation;
  readonly suspension: TSESTree.Node | undefined;
  readonly exact: boolean;
  /** The function itself wrote the place after this read (`finally { x = saved }` restores). */
  readonly overwritten: boolean;
}

/** A check on a shared place whose outcome still steers the code that runs. */
interface CheckToken {
  readonly read: TSESTree.Node;
  readonly location: SharedLocation;
  readonly condition: ConditionNode;
  readonly suspension: TSESTree.Node | undefined;
}

interface State {
  /** Values of reads inside the expression being evaluated, by read node. */
  readonly temps: Map<TSESTree.Node, Set<ValueToken>>;
  readonly locals: Map<Variable, Set<ValueToken>>;
  readonly checks: Set<CheckToken>;
  /**
   * Guard flags this path holds, by place, with the condition that tested them: a flag checked and
   * set with no suspension in between (`if (busy) return; busy = true;`) keeps other runs out
   * until it is written again, so what the function read from that check on is not stale.
   */
  readonly flags: Map<string, ConditionNode>;
}

// Abandon pathological functions rather than stall the editor; findings so far stay valid.
const MAX_SEGMENT_VISITS = 20_000;

/**
 * A forward may-analysis over ESLint's code path graph of one function. ESLint's graph already
 * models every branch, loop back edge, `try`/`finally` and short-circuit, so following its segments
 * gives real paths without a control-flow graph of our own. Values carry tokens naming the shared
 * read they came from; a suspension marks every live token stale; a write whose value carries a
 * stale token for the same place is a lost update, and a write steered by a stale check on it is a
 * check-then-act. Tokens are joined where paths meet, so a finding means "on some path".
 */
export function findStaleWrites(initial: Segment, eventsOf: (segment: Segment) => readonly FlowEvent[]): Finding[] {
  const analysis = new Analysis(eventsOf);
  analysis.run(initial);
  return [...analysis.findings.values()];
}

class Analysis {
  readonly findings = new Map<TSESTree.Node, Finding>();
  readonly #values = new Map<string, ValueToken>();
  readonly #checkTokens = new Map<string, CheckToken>();
  readonly #ids = new WeakMap<object, number>();
  #nextId = 0;

  constructor(private readonly eventsOf: (segment: Segment) => readonly FlowEvent[]) {}

  run(initial: Segment): void {
    const out = new Map<Segment, State>();
    const queue: Segment[] = [initial];
    const queued = new Set<Segment>(queue);
    for (let visits = 0; queue.length > 0 && visits < MAX_SEGMENT_VISITS; visits++) {
      const segment = queue.shift()!;
      queued.delete(segment);
      const state = joined(segment.prevSegments.flatMap((previous) => out.get(previous) ?? []));
      for (const event of this.eventsOf(segment)) this.#apply(state, event);
      const before = out.get(segment);
      if (before && sameState(before, state)) continue;
      out.set(segment, state);
      for (const next of segment.nextSegments) {
        if (!queued.has(next)) {
          queued.add(next);
          queue.push(next);
        }
      }
    }
  }

  #apply(state: State, event: FlowEvent): void {
    switch (event.kind) {
      case 'forget':
        for (const node of state.temps.keys()) {
          if (node.range[0] >= event.within.range[0] && node.range[1] <= event.within.range[1]) state.temps.delete(node);
        }
        return;
      case 'read':
        state.temps.set(event.node, new Set([this.#value(event.node, event.location, undefined, true, false)]));
        return;
      case 'suspend':
        this.#suspend(state, event.node);
        return;
      case 'define': {
        const tokens = this.#sourceTokens(state, event.sources);
        if (tokens.size === 0) state.locals.delete(event.variable);
        else state.locals.set(event.variable, tokens);
        return;
      }
      case 'write':
        this.#write(state, event.node, event.location, event.sources, event.constant === true);
        return;
      case 'check': {
        const all = [...this.#sourceTokens(state, event.sources)];
        // A condition that reads a place now (`this.state === seen`) checks its current value,
        // whatever older values it compares it with.
        const freshKeys = new Set(all.filter((token) => !token.suspension).map((token) => token.location.key));
        const tokens = all.filter((token) => !token.suspension || !freshKeys.has(token.location.key));
        // A new look at a place replaces what earlier checks of it said.
        const looked = new Set(tokens.map((token) => token.location.key));
        for (const check of state.checks) if (looked.has(check.location.key)) state.checks.delete(check);
        for (const token of tokens) state.checks.add(this.#check(token.read, token.location, event.condition, token.suspension));
        return;
      }
    }
  }

  #suspend(state: State, node: TSESTree.Node): void {
    const stale = (tokens: Set<ValueToken>) =>
      new Set([...tokens].map((token) => (token.suspension ? token : this.#value(token.read, token.location, node, token.exact, token.overwritten))));
    for (const [key, tokens] of state.temps) state.temps.set(key, stale(tokens));
    for (const [key, tokens] of state.locals) state.locals.set(key, stale(tokens));
    for (const check of [...state.checks]) {
      if (check.suspension) continue;
      state.checks.delete(check);
      state.checks.add(this.#check(check.read, check.location, check.condition, node));
    }
  }

  #write(state: State, node: TSESTree.Node, location: SharedLocation, sources: ValueSources | undefined, constant: boolean): void {
    // Writing a held flag again releases it; checking a flag and setting it to a constant takes it.
    for (const key of [...state.flags.keys()]) if (key === location.key) state.flags.delete(key);
    const taken = constant ? [...state.checks].find((check) => !check.suspension && check.location.key === location.key && isGuardedBy(check.condition, node)) : undefined;
    if (taken) state.flags.set(location.key, taken.condition);

    // A check of the place made after the last suspension and steering this write means the code
    // looked again before acting (`if (this.state === seen) this.state = next`).
    const revalidated = [...state.checks].some((check) => !check.suspension && isPartOf(check.location, location) && isGuardedBy(check.condition, node));
    if (sources && !revalidated) {
      for (const token of this.#sourceTokens(state, sources)) {
        if (!token.suspension || !isPartOf(token.location, location)) continue;
        // `const saved = x; x = temporary; … await …; x = saved` puts back a value on purpose.
        if (token.exact && token.overwritten) continue;
        this.#record(state, { kind: 'lostUpdate', write: node, location, read: token.read, suspension: token.suspension });
      }
    }
    for (const check of [...state.checks]) {
      if (!isPartOf(check.location, location)) continue;
      if (check.suspension && isGuardedBy(check.condition, node)) {
        this.#record(state, { kind: 'checkThenAct', write: node, location, read: check.read, suspension: check.suspension });
      }
      // Acting on the place settles that check: later writes no longer rest on it.
      state.checks.delete(check);
    }
    const overwrite = (tokens: Set<ValueToken>) =>
      new Set([...tokens].map((token) => (!token.overwritten && isPartOf(token.location, location) ? this.#value(token.read, token.location, token.suspension, token.exact, true) : token)));
    for (const [key, tokens] of state.temps) state.temps.set(key, overwrite(tokens));
    for (const [key, tokens] of state.locals) state.locals.set(key, overwrite(tokens));
  }

  /** Keeps one finding per write: a lost update over a check, then the earliest read. */
  #record(state: State, finding: Finding): void {
    for (const condition of state.flags.values()) if (condition.range[0] <= finding.read.range[0]) return;
    const existing = this.findings.get(finding.write);
    if (existing) {
      if (existing.kind === 'lostUpdate' && finding.kind === 'checkThenAct') return;
      if (existing.kind === finding.kind && existing.read.range[0] <= finding.read.range[0]) return;
    }
    this.findings.set(finding.write, finding);
  }

  #sourceTokens(state: State, sources: ValueSources): Set<ValueToken> {
    const tokens = new Set<ValueToken>();
    const add = (set: Set<ValueToken> | undefined) => {
      for (const token of set ?? []) tokens.add(sources.exact ? token : this.#value(token.read, token.location, token.suspension, false, token.overwritten));
    };
    for (const read of sources.reads) add(state.temps.get(read));
    for (const local of sources.locals) add(state.locals.get(local));
    return tokens;
  }

  #value(read: TSESTree.Node, location: SharedLocation, suspension: TSESTree.Node | undefined, exact: boolean, overwritten: boolean): ValueToken {
    const key = `${this.#id(read)}:${this.#id(location)}:${suspension ? this.#id(suspension) : '-'}:${exact ? 1 : 0}:${overwritten ? 1 : 0}`;
    let token = this.#values.get(key);
    if (!token) {
      token = { read, location, suspension, exact, overwritten };
      this.#values.set(key, token);
    }
    return token;
  }

  #check(read: TSESTree.Node, location: SharedLocation, condition: ConditionNode, suspension: TSESTree.Node | undefined): CheckToken {
    const key = `${this.#id(read)}:${this.#id(location)}:${this.#id(condition)}:${suspension ? this.#id(suspension) : '-'}`;
    let token = this.#checkTokens.get(key);
    if (!token) {
      token = { read, location, condition, suspension };
      this.#checkTokens.set(key, token);
    }
    return token;
  }

  #id(value: object): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(value, id);
    }
    return id;
  }
}

/**
 * Where paths meet: the union of what each brought. Token sets are never changed in place once
 * made (events replace them), so a set that only one path brings is shared, not copied.
 */
function joined(states: State[]): State {
  const [first, ...rest] = states;
  if (!first) return { temps: new Map(), locals: new Map(), checks: new Set(), flags: new Map() };
  const state: State = { temps: new Map(first.temps), locals: new Map(first.locals), checks: new Set(first.checks), flags: new Map(first.flags) };
  for (const other of rest) {
    joinMap(state.temps, other.temps);
    joinMap(state.locals, other.locals);
    for (const check of other.checks) state.checks.add(check);
    // A flag protects only if every path into here holds it.
    for (const [key, condition] of state.flags) {
      const there = other.flags.get(key);
      if (!there) state.flags.delete(key);
      else if (there.range[0] > condition.range[0]) state.flags.set(key, there);
    }
  }
  return state;
}

function joinMap<K, T>(target: Map<K, Set<T>>, source: Map<K, Set<T>>): void {
  for (const [key, tokens] of source) {
    const existing = target.get(key);
    if (!existing || existing === tokens) target.set(key, tokens);
    else if (![...tokens].every((token) => existing.has(token))) target.set(key, new Set([...existing, ...tokens]));
  }
}

function sameState(a: State, b: State): boolean {
  return sameMap(a.temps, b.temps) && sameMap(a.locals, b.locals) && sameSet(a.checks, b.checks) && sameFlags(a.flags, b.flags);
}

function sameMap<K, T>(a: Map<K, Set<T>>, b: Map<K, Set<T>>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, tokens] of a) {
    const other = b.get(key);
    if (!other || !sameSet(tokens, other)) return false;
  }
  return true;
}

function sameFlags(a: Map<string, ConditionNode>, b: Map<string, ConditionNode>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, condition] of a) if (b.get(key) !== condition) return false;
  return true;
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}
