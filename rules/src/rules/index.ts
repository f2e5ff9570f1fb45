import noBlockingInAsync from './no-blocking-in-async.js';
import noFloatingPromise from './no-floating-promise.js';
import noMisusedPromise from './no-misused-promise.js';
import noUnguardedSharedMutation from './no-unguarded-shared-mutation.js';
import noUnboundedConcurrency from './no-unbounded-concurrency.js';
import noSequentialAwait from './no-sequential-await.js';
import requireTimeout from './require-timeout.js';
import noRetryWithoutBackoff from './no-retry-without-backoff.js';

/** Every rule of the plugin, by name. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-floating-promise': noFloatingPromise,
  'no-misused-promise': noMisusedPromise,
  'no-unguarded-shared-mutation': noUnguardedSharedMutation,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'no-sequential-await': noSequentialAwait,
  'require-timeout': requireTimeout,
  'no-retry-without-backoff': noRetryWithoutBackoff,
};
