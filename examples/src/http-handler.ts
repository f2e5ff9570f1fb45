import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { loadConfig } from './config.js';

const users = new Map<string, { salt: Buffer; hash: Buffer }>();

async function handleLogin(body: { user: string; password: string }, res: ServerResponse): Promise<void> {
  const record = users.get(body.user);
  if (!record) {
    res.writeHead(401).end();
    return;
  }
  // Hashing with 600k iterations takes ~0.5 s of CPU: every other request waits for it.
  const hash = pbkdf2Sync(body.password, record.salt, 600_000, 32, 'sha256');
  res.writeHead(hash.equals(record.hash) ? 200 : 401).end();
}

async function handleReport(name: string, res: ServerResponse): Promise<void> {
  // The config is re-read on every request, through a helper that reads the file synchronously.
  const config = loadConfig('./service.json');
  const path = `${config.reportsDir}/${name}.csv`;
  if (!fs.existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/csv' }).end(fs.readFileSync(path));
}

async function handleSignup(body: { user: string; password: string }, res: ServerResponse): Promise<void> {
  const salt = randomBytes(16);
  users.set(body.user, { salt, hash: pbkdf2Sync(body.password, salt, 600_000, 32, 'sha256') });
  res.writeHead(201).end();
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/login') return handleLogin(await readJson(req), res);
  if (url.pathname === '/signup') return handleSignup(await readJson(req), res);
  if (url.pathname.startsWith('/reports/')) return handleReport(url.pathname.slice('/reports/'.length), res);
  res.writeHead(404).end();
}

async function readJson(req: IncomingMessage): Promise<{ user: string; password: string }> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as { user: string; password: string };
}

export function startServer(port: number): void {
  createServer((req, res) => {
    route(req, res).catch(() => res.writeHead(500).end());
  }).listen(port);
}
