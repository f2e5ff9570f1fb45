export { Semaphore, type Release, type WaitOptions } from './semaphore.js';
export { Mutex } from './mutex.js';
export { mapLimit, type MapLimitOptions } from './map-limit.js';
export { withTimeout, type WithTimeoutOptions } from './with-timeout.js';
export { TimeoutError } from './timeout-error.js';
export { retry, type RetryOptions } from './retry.js';
export { sleep, type SleepOptions } from './sleep.js';
export { AsyncQueue, QueueClosedError, type QueueWaitOptions } from './async-queue.js';
export { TaskGroup, type TaskGroupOptions } from './task-group.js';
