// Login, lock-out, session, logout and CSRF (docs/api.md: Conventions, Auth).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client } from '../lib/server.mjs';
import { as, expectError, expectDeleted, total, demoOrg, uniq, PASSWORD } from './_util.mjs';

for (const backend of backends()) {
  describe(`auth [${backend}]`, () => {
    let srv;
    before(async () => { srv = await startServer({ backend }); });
    after(async () => { await srv?.stop(); });

    it('login returns the user with roles and scope, a csrf token, and a HttpOnly SameSite=Strict cookie', async () => {
      const res = await fetch(`${srv.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'jiwei', password: PASSWORD }),
      });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.user.username, 'jiwei');
      assert.deepEqual(body.user.roles, ['supervisor']);
      assert.equal(body.user.disabled, false);
      assert.ok(typeof body.user.display_name === 'string' && body.user.display_name.length > 0);
      assert.ok(Number.isInteger(body.user.id));
      assert.equal(body.user.scope.department_id, null);
      assert.ok(Number.isInteger(body.user.scope.unit_id), `jiwei's scope is a unit: ${JSON.stringify(body.user.scope)}`);
      assert.equal(body.user.scope.label, '某市纪委');
      for (const secret of ['password', 'password_hash']) assert.equal(body.user[secret], undefined, `user carries ${secret}`);
      assert.ok(typeof body.csrf_token === 'string' && body.csrf_token.length >= 16, `csrf_token: ${body.csrf_token}`);

      const cookies = res.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('lf_session='));
      assert.ok(session, `no lf_session cookie in ${JSON.stringify(cookies)}`);
      const attrs = session.split(';').map((s) => s.trim().toLowerCase());
      assert.ok(attrs.includes('httponly'), `cookie not HttpOnly: ${session}`);
      assert.ok(attrs.includes('samesite=strict'), `cookie not SameSite=Strict: ${session}`);
      assert.ok(attrs.includes('path=/'), `cookie Path is not /: ${session}`);
      assert.ok(session.split(';')[0].length > 'lf_session='.length + 16, 'session token too short');
    });

    it('the admin account has the admin role', async () => {
      const c = new Client(srv.url);
      const r = await c.login('admin');
      assert.equal(r.status, 200);
      assert.ok(r.body.user.roles.includes('admin'), JSON.stringify(r.body.user.roles));
    });

    it('a department head is scoped to the department', async () => {
      const jiwei = await as(srv, 'jiwei');
      const org = await demoOrg(jiwei);
      const c = new Client(srv.url);
      const r = await c.login('caiwu');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.user.roles, ['dept_head']);
      assert.equal(r.body.user.scope.department_id, org.college('财务处').id);
    });

    it('a wrong password is 401 auth.bad_credentials with Chinese and English messages, and no cookie', async () => {
      const c = new Client(srv.url);
      const r = await c.login('lingdao', 'Wrong-password-1');
      expectError(r, 401, 'auth.bad_credentials');
      assert.equal(r.headers.get('set-cookie'), null);
      assert.equal(r.body.csrf_token, undefined);
    });

    it('an unknown username gets the same 401 auth.bad_credentials (no user enumeration)', async () => {
      const c = new Client(srv.url);
      expectError(await c.login(uniq('nobody'), 'Whatever123'), 401, 'auth.bad_credentials');
    });

    it('a missing password is rejected, not a server error', async () => {
      const c = new Client(srv.url);
      const r = await c.post('/auth/login', { username: 'lingdao' }, { csrf: false });
      assert.ok(r.status === 400 || r.status === 401, `got ${r.status} ${JSON.stringify(r.body)}`);
      expectError(r, r.status);
    });

    it('5 failures in a row lock the username: the 6th attempt, even right, is 429 auth.locked; others unaffected', async () => {
      const victim = 'zhiyuan';
      for (let i = 1; i <= 5; i++) {
        const c = new Client(srv.url);
        expectError(await c.login(victim, `Wrong-${i}-pass`), 401, 'auth.bad_credentials');
      }
      const c = new Client(srv.url);
      const locked = await c.login(victim, PASSWORD);
      expectError(locked, 429, 'auth.locked');
      assert.equal(locked.headers.get('set-cookie'), null, 'a locked login must not set a session cookie');
      // still locked on the next try
      expectError(await new Client(srv.url).login(victim, PASSWORD), 429, 'auth.locked');
      // another username is not affected
      const other = new Client(srv.url);
      const ok = await other.login('shenji');
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await other.get('/auth/me')).status, 200);
    });

    it('/auth/me without a session is 401 auth.required', async () => {
      const c = new Client(srv.url);
      expectError(await c.get('/auth/me'), 401, 'auth.required');
      const bogus = new Client(srv.url);
      bogus.cookie = 'lf_session=not-a-real-session-token-0123456789';
      expectError(await bogus.get('/auth/me'), 401, 'auth.required');
    });

    it('/auth/me with a session returns the same user and csrf token as the login', async () => {
      const c = new Client(srv.url);
      const login = await c.login('lingdao');
      assert.equal(login.status, 200);
      const me = await c.get('/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.username, 'lingdao');
      assert.equal(me.body.user.id, login.body.user.id);
      assert.deepEqual(me.body.user.roles, ['leader']);
      assert.equal(me.body.csrf_token, login.body.csrf_token);
    });

    it('data endpoints need a session: 401 auth.required', async () => {
      const c = new Client(srv.url);
      for (const p of ['/posts', '/units', '/departments', '/people', '/assignments', '/users', '/audit']) {
        expectError(await c.get(p), 401, 'auth.required');
      }
    });

    it('logout ends the session on the server: the old cookie no longer works', async () => {
      const c = await as(srv, 'lingdao');
      const oldCookie = c.cookie;
      assert.equal((await c.get('/auth/me')).status, 200);
      const out = await c.post('/auth/logout', {});
      assert.equal(out.status, 200, JSON.stringify(out.body));
      assert.deepEqual(out.body, { ok: true });
      expectError(await c.get('/auth/me'), 401, 'auth.required');
      const replay = new Client(srv.url);
      replay.cookie = oldCookie;
      expectError(await replay.get('/auth/me'), 401, 'auth.required');
      expectError(await replay.get('/posts'), 401, 'auth.required');
    });

    it('logout without the CSRF token is 403 auth.csrf_missing and the session stays', async () => {
      const c = await as(srv, 'lingdao');
      expectError(await c.post('/auth/logout', {}, { csrf: false }), 403, 'auth.csrf_missing');
      assert.equal((await c.get('/auth/me')).status, 200);
    });

    describe('CSRF', () => {
      let jiwei, deptId, postBody;
      before(async () => {
        jiwei = await as(srv, 'jiwei');
        const org = await demoOrg(jiwei);
        deptId = org.college('财务处').id;
        postBody = () => ({ department_id: deptId, name: uniq('CSRF测试岗'), duties: '测试', tier: 'staff', keys: [], headcount: 1 });
      });

      it('POST /posts with a session but no X-CSRF-Token → 403 auth.csrf_missing, nothing created', async () => {
        const before = await total(jiwei, '/posts');
        const body = postBody();
        expectError(await jiwei.post('/posts', body, { csrf: false }), 403, 'auth.csrf_missing');
        assert.equal(await total(jiwei, '/posts'), before);
        assert.equal(await total(jiwei, `/posts?q=${encodeURIComponent(body.name)}`), 0);
      });

      it('POST /posts with a wrong X-CSRF-Token → 403, nothing created', async () => {
        const before = await total(jiwei, '/posts');
        const body = postBody();
        const r = await jiwei.post('/posts', body, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(jiwei.csrf.length) } });
        expectError(r, 403);
        assert.match(r.body.error.code, /^auth\.csrf/);
        assert.equal(await total(jiwei, '/posts'), before);
        assert.equal(await total(jiwei, `/posts?q=${encodeURIComponent(body.name)}`), 0);
      });

      it("another session's CSRF token does not count", async () => {
        const admin = await as(srv, 'admin');
        const before = await total(jiwei, '/posts');
        const r = await jiwei.post('/posts', postBody(), { csrf: false, headers: { 'x-csrf-token': admin.csrf } });
        expectError(r, 403);
        assert.equal(await total(jiwei, '/posts'), before);
      });

      it('PUT and DELETE without the token → 403 auth.csrf_missing, the post unchanged', async () => {
        const created = await jiwei.post('/posts', postBody());
        assert.ok(created.status === 200 || created.status === 201, JSON.stringify(created.body));
        const id = created.body.id;
        const put = await jiwei.put(`/posts/${id}`, { ...postBody(), name: 'CSRF改名' }, { csrf: false });
        expectError(put, 403, 'auth.csrf_missing');
        expectError(await jiwei.del(`/posts/${id}`, { csrf: false }), 403, 'auth.csrf_missing');
        const now = await jiwei.get(`/posts/${id}`);
        assert.equal(now.status, 200);
        assert.equal(now.body.name, created.body.name);
        // with the token the same calls go through
        expectDeleted(await jiwei.del(`/posts/${id}`));
        assert.equal((await jiwei.get(`/posts/${id}`)).status, 404);
      });
    });
  });
}
