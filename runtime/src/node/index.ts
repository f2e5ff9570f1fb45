export { onShutdown, type Shutdown, type ShutdownCleanup, type ShutdownOptions } from './on-shutdown.js';
