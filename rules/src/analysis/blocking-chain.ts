import type { TSESTree } from '@typescript-eslint/utils';
import type { BlockingApi } from '../catalogue/blocking-apis.js';

/** One call on the way from async code to a blocking call. */
export interface ChainStep {
  /** The callee as written: `readConfigFile`, `fs.readFileSync`. */
  readonly label: string;
  readonly filename: string;
  readonly loc: TSESTree.SourceLocation;
}

export interface BlockingChain {
  /** The calls inside the followed functions; the last one is the blocking call. */
  readonly steps: readonly ChainStep[];
  readonly api: BlockingApi;
}

/** What a call inside a followed function leads to. */
export type FollowedCall<Fn> = ChainStep & {
  readonly leadsTo: { readonly kind: 'blocking'; readonly api: BlockingApi } | { readonly kind: 'function'; readonly fn: Fn } | undefined;
};

/** The calls a synchronous function makes while it runs, resolved. */
export type CallsOf<Fn> = (fn: Fn) => readonly FollowedCall<Fn>[];

/**
 * Finds a chain of synchronous calls from `start` to a blocking call, at most `depth` functions
 * deep. Prefers the shortest chain; recursion and cycles end the search down that path, and
 * results are remembered per function and depth, so each function is scanned once per run.
 */
export class BlockingChainFinder<Fn extends object> {
  private readonly memo = new WeakMap<Fn, Map<number, BlockingChain | null>>();
  private readonly onStack = new Set<Fn>();
  private readonly callCache = new WeakMap<Fn, readonly FollowedCall<Fn>[]>();

  constructor(private readonly callsOf: CallsOf<Fn>) {}

  find(start: Fn, depth: number): BlockingChain | undefined {
    if (depth <= 0 || this.onStack.has(start)) return undefined;
    const known = this.memo.get(start)?.get(depth);
    if (known !== undefined) return known ?? undefined;

    this.onStack.add(start);
    const calls = this.calls(start);
    let found: BlockingChain | undefined;
    for (const call of calls) {
      if (call.leadsTo?.kind === 'blocking') {
        found = { steps: [stepOf(call)], api: call.leadsTo.api };
        break;
      }
    }
    if (!found) {
      for (const call of calls) {
        if (call.leadsTo?.kind !== 'function') continue;
        const rest = this.find(call.leadsTo.fn, depth - 1);
        if (rest) {
          found = { steps: [stepOf(call), ...rest.steps], api: rest.api };
          break;
        }
      }
    }
    this.onStack.delete(start);

    const byDepth = this.memo.get(start) ?? new Map<number, BlockingChain | null>();
    byDepth.set(depth, found ?? null);
    this.memo.set(start, byDepth);
    return found;
  }

  private calls(fn: Fn): readonly FollowedCall<Fn>[] {
    let calls = this.callCache.get(fn);
    if (!calls) {
      calls = this.callsOf(fn);
      this.callCache.set(fn, calls);
    }
    return calls;
  }
}

function stepOf(call: ChainStep): ChainStep {
  return { label: call.label, filename: call.filename, loc: call.loc };
}
