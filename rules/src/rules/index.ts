import noBlockingInAsync from './no-blocking-in-async.js';

/** Every rule of the plugin, by name. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
};
