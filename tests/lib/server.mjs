// Starts a real `lianfang serve` on a free loopback port against a fresh store, for API and browser tests.
//   const srv = await startServer({ backend: 'sqlite' | 'postgres', demo: true });
//   srv.url  -> 'http://127.0.0.1:PORT';  srv.db -> the store's path or URL;  await srv.stop();
// PostgreSQL: LIANFANG_TEST_PG must hold a server URL without a database name
// (e.g. postgresql://postgres@127.0.0.1:54329); a new database is created per server and dropped on stop.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.LIANFANG_BIN || join(repoRoot, 'build', 'lianfang');

export function backends() {
  const list = (process.env.LIANFANG_BACKENDS || 'sqlite,postgres').split(',').filter(Boolean);
  if (list.includes('postgres') && !process.env.LIANFANG_TEST_PG) {
    throw new Error('LIANFANG_TEST_PG is not set: run through scripts/test-all, which starts PostgreSQL');
  }
  return list;
}

function pgAdmin(base, sql) {
  const u = new URL(base);
  execFileSync('psql', ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-d', 'postgres',
    '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'pipe' });
}

// Runs `lianfang serve` on an existing store `db` (a file path or URL) and waits for its URL.
// stop() ends the process and leaves the store as it is.
export async function spawnServer(db, { demo = true, extraArgs = [] } = {}) {
  const args = ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--web', join(repoRoot, 'web', 'dist'),
    ...(demo ? ['--demo'] : []), ...extraArgs];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`server did not start in 60s:\n${log}`)); }, 60000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => { clearTimeout(timer); fail(new Error(`cannot run ${binary}: ${e.message}`)); });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${log}`)); });
  });
  return {
    url,
    log: () => log,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 10000))]);
        if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; }
      }
    },
  };
}

// A fresh, empty store for `backend`; drop() removes it.
export function freshStore(backend = 'sqlite') {
  if (backend === 'postgres') {
    const base = process.env.LIANFANG_TEST_PG.replace(/\/$/, '');
    const name = `lf_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    pgAdmin(base, `CREATE DATABASE ${name}`);
    return { backend, db: `${base}/${name}`, drop: () => { try { pgAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* already gone */ } } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-test-'));
  return { backend, db: join(dir, 'test.db'), drop: () => rmSync(dir, { recursive: true, force: true }) };
}

// A server on a fresh store of `backend`; stop() also removes the store.
export async function startServer({ backend = 'sqlite', demo = true, extraArgs = [] } = {}) {
  const store = freshStore(backend);
  let server;
  try {
    server = await spawnServer(store.db, { demo, extraArgs });
  } catch (e) {
    store.drop();
    throw e;
  }
  return {
    url: server.url, db: store.db, backend,
    log: server.log,
    async stop() { await server.stop(); store.drop(); },
  };
}

// A tiny cookie-keeping client: login once, then call with the session and the CSRF token.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async request(method, path, body, { csrf = true, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined) h['content-type'] = 'application/json';
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + '/api/v1' + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = { raw: text }; }
    return { status: res.status, body: json, headers: res.headers };
  }
  get(p) { return this.request('GET', p); }
  post(p, b, o) { return this.request('POST', p, b ?? {}, o); }
  put(p, b, o) { return this.request('PUT', p, b ?? {}, o); }
  del(p, o) { return this.request('DELETE', p, undefined, o); }
  async login(username, password = 'Lianfang@2026') {
    const r = await this.post('/auth/login', { username, password }, { csrf: false });
    if (r.status === 200) this.csrf = r.body.csrf_token;
    return r;
  }
}
