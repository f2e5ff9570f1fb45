import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type FunctionNode } from './function-nodes.js';

type Segment = TSESLint.CodePathSegment;
type CodePath = TSESLint.CodePath;

/** The events recorded for one function, per code path segment, in evaluation order. */
export interface SegmentRecording<Event> {
  readonly fn: FunctionNode;
  readonly initialSegment: Segment;
  eventsOf(segment: Segment): readonly Event[];
}

interface Frame<Event> {
  readonly recording: MutableRecording<Event> | undefined;
  /** Segments the traversal is in now; several at once inside a `finally` block. */
  readonly current: Set<Segment>;
}

interface MutableRecording<Event> extends SegmentRecording<Event> {
  readonly events: Map<Segment, Event[]>;
}

/**
 * Attaches events to ESLint's code path segments while the rule's node listeners run. ESLint's
 * traversal enters nodes in evaluation order within a segment, so events appended to the segments
 * current at a node are in the order the code runs; the segment graph supplies the order between
 * segments (branches, loops, `finally`). Only functions that `track` accepts are recorded, each on
 * its own (a nested function's events do not leak into the outer one).
 */
export class SegmentEventRecorder<Event> {
  readonly #stack: Frame<Event>[] = [];

  constructor(
    private readonly track: (fn: FunctionNode) => boolean,
    private readonly finish: (recording: SegmentRecording<Event>) => void,
  ) {}

  /** The innermost function being recorded, when the traversal is directly inside one. */
  get recording(): SegmentRecording<Event> | undefined {
    return this.#stack[this.#stack.length - 1]?.recording;
  }

  emit(event: Event): void {
    const frame = this.#stack[this.#stack.length - 1];
    if (!frame?.recording) return;
    for (const segment of frame.current) {
      let list = frame.recording.events.get(segment);
      if (!list) {
        list = [];
        frame.recording.events.set(segment, list);
      }
      list.push(event);
    }
  }

  /** ESLint's code path listeners; spread them into the rule's listener object. */
  listeners(): Record<string, (...args: never[]) => void> {
    const enter = (segment: Segment) => this.#stack[this.#stack.length - 1]?.current.add(segment);
    const leave = (segment: Segment) => this.#stack[this.#stack.length - 1]?.current.delete(segment);
    return {
      onCodePathStart: (codePath: CodePath, node: TSESTree.Node) => {
        const events = new Map<Segment, Event[]>();
        const recording =
          isFunctionNode(node) && this.track(node)
            ? { fn: node, initialSegment: codePath.initialSegment, events, eventsOf: (segment: Segment) => events.get(segment) ?? [] }
            : undefined;
        this.#stack.push({ recording, current: new Set() });
      },
      onCodePathEnd: () => {
        const frame = this.#stack.pop();
        if (frame?.recording) this.finish(frame.recording);
      },
      onCodePathSegmentStart: enter,
      onCodePathSegmentEnd: leave,
      onUnreachableCodePathSegmentStart: enter,
      onUnreachableCodePathSegmentEnd: leave,
    };
  }
}
