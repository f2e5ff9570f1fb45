import { readFileSync } from 'node:fs';

export interface ServiceConfig {
  port: number;
  reportsDir: string;
  passwordIterations: number;
}

// Synchronous on purpose: it runs once at start-up, before the server accepts requests.
export function readConfigFile(path: string): string {
  return readFileSync(path, 'utf8');
}

export function loadConfig(path: string): ServiceConfig {
  return JSON.parse(readConfigFile(path)) as ServiceConfig;
}
