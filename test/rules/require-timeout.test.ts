import { describe, expect, it, vi } from 'vitest';
import rule from '../../rules/src/rules/require-timeout.js';
import { invalid, valid } from './require-timeout.cases.js';
import { describeSuggestionChecks, runTable } from './case-table.js';
import { javascriptRuleTester } from './rule-tester.js';
import { applySuggestions, runModule } from './run-suggestion.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

runTable('require-timeout', rule, { valid, invalid });

javascriptRuleTester('script').run('require-timeout (plain JavaScript, CommonJS)', rule, {
  valid: ["const https = require('https');\nfunction get(url) { https.get(url, (res) => res.resume()); }"],
  invalid: [
    {
      code: "const { request } = require('node:https');\nfunction post(url, body) {\n  return new Promise((resolve, reject) => {\n    const req = request(url, { method: 'POST' }, resolve);\n    req.on('error', reject);\n    req.end(body);\n  });\n}",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'missingTimeout',
          data: { name: 'request' },
          suggestions: [
            {
              messageId: 'addSignal',
              data: { text: 'signal: AbortSignal.timeout(10000)', ms: 10000 },
              output:
                "const { request } = require('node:https');\nfunction post(url, body) {\n  return new Promise((resolve, reject) => {\n    const req = request(url, { method: 'POST', signal: AbortSignal.timeout(10000) }, resolve);\n    req.on('error', reject);\n    req.end(body);\n  });\n}",
            },
          ],
        },
      ],
    },
    {
      code: 'async function load(url) { return (await fetch(url)).json(); }',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            {
              messageId: 'addSignal',
              data: { text: 'signal: AbortSignal.timeout(10000)', ms: 10000 },
              output: 'async function load(url) { return (await fetch(url, { signal: AbortSignal.timeout(10000) })).json(); }',
            },
            {
              messageId: 'wrapWithTimeout',
              data: { text: 'withTimeout(…, 10000)', ms: 10000 },
              output:
                "const { withTimeout } = require('async-guard');\n\nasync function load(url) { return (await withTimeout((signal) => fetch(url, { signal }), 10000)).json(); }",
            },
          ],
        },
      ],
    },
  ],
});

describeSuggestionChecks('require-timeout', { valid, invalid }, { outputs: 10, cases: 40 });



describe('require-timeout: the rewritten call really gives up', () => {
  const code = `export async function load(url: string) {
  const response = await fetch(url);
  return response.status;
}`;

  /** A server that accepts requests and never answers; keeps the connections that are open. */
  async function silentServer(): Promise<{ server: Server; url: string; open: Set<Socket> }> {
    const open = new Set<Socket>();
    const server = createServer(() => {});
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, open };
  }

  for (const [index, label] of [[0, 'with a timeout signal'], [1, 'wrapped in withTimeout']] as const) {
    it(`${label}: rejects after the deadline and the request is cancelled`, async () => {
      const outputs = applySuggestions(rule, code, [{ timeoutMs: 200 }]);
      const { load } = runModule(outputs[index]!) as { load: (url: string) => Promise<number> };
      const { server, url, open } = await silentServer();
      try {
        const started = Date.now();
        const error = await load(url).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect((error as Error).name).toBe('TimeoutError');
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
        // The client closes its connection: the request is aborted, not just abandoned.
        await vi.waitFor(() => expect(open.size).toBe(0), { timeout: 5000 });
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });
  }
});
