// GET /health: no login, status ok, a semantic version.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`health [${backend}]`, () => {
    let srv;
    before(async () => { srv = await startServer({ backend }); });
    after(async () => { await srv?.stop(); });

    it('answers without a session: status ok and a version string', async () => {
      const res = await fetch(`${srv.url}/api/v1/health`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = await res.json();
      assert.equal(body.status, 'ok');
      assert.equal(typeof body.version, 'string');
      assert.match(body.version, /^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/);
    });

    it('an unknown API path is a JSON 404, not the web UI', async () => {
      const res = await fetch(`${srv.url}/api/v1/no-such-thing`);
      assert.equal(res.status, 404);
      const body = await res.json();
      assert.equal(typeof body.error?.code, 'string');
      assert.ok(body.error.code.length > 0);
    });
  });
}
