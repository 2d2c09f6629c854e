// docs/openapi.yaml and the server's route table (`lianfang routes`) list the same endpoints, both ways.
// Backend-independent: the route table does not depend on the store, so this runs once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binary, repoRoot } from '../lib/server.mjs';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
// Path parameters may be named differently ({id} vs {post_id}); only their positions matter.
const normalise = (method, path) => `${method.toUpperCase()} ${path.replace(/\{[^}/]+\}/g, '{}').replace(/\/+$/, '') || '/'}`;

// A line-based reader of the `servers:` base path and the `paths:` map: `  /path:` at indent 2, methods at indent 4.
export function openapiRoutes(text) {
  const lines = text.split('\n');
  let base = '';
  const serverUrl = text.match(/^servers:\s*\n(?:\s+.*\n)*?\s+-?\s*url:\s*['"]?([^'"\s]+)/m);
  if (serverUrl) base = new URL(serverUrl[1], 'http://x').pathname.replace(/\/$/, '');
  const routes = [];
  let inPaths = false, path = null;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\S/.test(line)) { inPaths = /^paths:\s*$/.test(line); path = null; continue; }
    if (!inPaths) continue;
    let m = /^ {2}(['"]?)(\/[^'":]*)\1:\s*$/.exec(line);
    if (m) { path = m[2]; continue; }
    m = /^ {4}([a-z]+):\s*$/.exec(line);
    if (m && path && METHODS.has(m[1])) {
      const full = path.startsWith('/api/') ? path : base + path;
      routes.push(normalise(m[1], full));
    }
  }
  return routes;
}

function serverRoutes() {
  const out = execFileSync(binary, ['routes'], { encoding: 'utf8' });
  const routes = [];
  for (const line of out.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Z]+)\s+(\/\S*)$/.exec(line);
    assert.ok(m, `unexpected line from \`lianfang routes\`: ${JSON.stringify(line)}`);
    routes.push(normalise(m[1], m[2]));
  }
  return routes;
}

describe('openapi', () => {
  it('`lianfang routes` lists the API under /api/v1 with the foundation endpoints', () => {
    const routes = new Set(serverRoutes());
    for (const r of ['GET /api/v1/health', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/auth/me',
      'GET /api/v1/units', 'POST /api/v1/units', 'GET /api/v1/units/{}', 'PUT /api/v1/units/{}', 'DELETE /api/v1/units/{}',
      'GET /api/v1/departments', 'POST /api/v1/departments', 'GET /api/v1/departments/{}', 'PUT /api/v1/departments/{}', 'DELETE /api/v1/departments/{}',
      'GET /api/v1/posts', 'POST /api/v1/posts', 'GET /api/v1/posts/{}', 'PUT /api/v1/posts/{}', 'DELETE /api/v1/posts/{}',
      'GET /api/v1/people', 'POST /api/v1/people', 'GET /api/v1/people/{}', 'PUT /api/v1/people/{}', 'DELETE /api/v1/people/{}',
      'GET /api/v1/assignments', 'POST /api/v1/assignments', 'PUT /api/v1/assignments/{}', 'DELETE /api/v1/assignments/{}',
      'GET /api/v1/users', 'POST /api/v1/users', 'PUT /api/v1/users/{}', 'POST /api/v1/users/{}/password',
      'GET /api/v1/audit', 'GET /api/v1/audit/verify']) {
      assert.ok(routes.has(r), `the server has no route ${r}`);
    }
    for (const r of routes) assert.match(r, /^[A-Z]+ \/api\/v1\//, `route outside /api/v1: ${r}`);
  });

  it('every server route is in docs/openapi.yaml and every documented operation is a server route', () => {
    const doc = openapiRoutes(readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8'));
    assert.ok(doc.length > 0, 'no operations parsed from docs/openapi.yaml');
    assert.equal(new Set(doc).size, doc.length, `an operation is listed twice in docs/openapi.yaml`);
    const server = serverRoutes();
    assert.equal(new Set(server).size, server.length, 'a route is listed twice by `lianfang routes`');
    const undocumented = server.filter((r) => !doc.includes(r)).sort();
    const phantom = doc.filter((r) => !server.includes(r)).sort();
    assert.deepEqual(undocumented, [], `routes missing from docs/openapi.yaml:\n${undocumented.join('\n')}`);
    assert.deepEqual(phantom, [], `docs/openapi.yaml documents routes the server lacks:\n${phantom.join('\n')}`);
  });

  it('the reader of openapi.yaml understands servers, quoting, comments and methods', () => {
    const sample = [
      'openapi: 3.0.3', 'servers:', '  - url: /api/v1', 'paths:',
      '  /posts:', '    get:', '      summary: x', '    post: # create', '      summary: y',
      "  '/posts/{id}':", '    parameters:', '      - $ref: "#/components/parameters/Id"', '    get:', '      responses: {}',
      'components:', '  schemas:', '    /notapath:', '      get:', '',
    ].join('\n');
    assert.deepEqual(openapiRoutes(sample), ['GET /api/v1/posts', 'POST /api/v1/posts', 'GET /api/v1/posts/{}']);
  });
});
