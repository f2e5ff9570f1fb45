import noBlockingInAsync from './no-blocking-in-async.js';
import noFloatingPromise from './no-floating-promise.js';
import noMisusedPromise from './no-misused-promise.js';
import noUnguardedSharedMutation from './no-unguarded-shared-mutation.js';

/** Every rule of the plugin, by name. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-floating-promise': noFloatingPromise,
  'no-misused-promise': noMisusedPromise,
  'no-unguarded-shared-mutation': noUnguardedSharedMutation,
};
