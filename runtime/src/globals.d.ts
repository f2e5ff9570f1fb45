// The few web-platform globals the main entry relies on. Node, browsers, Deno, Bun and edge
// runtimes all provide them. Declaring exactly these (instead of pulling in lib "DOM" or
// @types/node) makes the compiler reject any API that one of those runtimes lacks.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: any;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  abort(reason?: any): AbortSignal;
  timeout(milliseconds: number): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: any): void;
}
declare var AbortController: {
  prototype: AbortController;
  new (): AbortController;
};

/** A timer handle: a number in browsers, an object in Node. Only ever passed back to clearTimeout. */
type TimerHandle = unknown;
declare function setTimeout(callback: () => void, milliseconds?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle): void;
