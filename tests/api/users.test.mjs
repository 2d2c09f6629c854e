// User administration (docs/api.md: Users).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client } from '../lib/server.mjs';
import { as, expectError, expectCreated, total, demoOrg, uniq } from './_util.mjs';

for (const backend of backends()) {
  describe(`users [${backend}]`, () => {
    let srv, admin, org;
    before(async () => {
      srv = await startServer({ backend });
      admin = await as(srv, 'admin');
      org = await demoOrg(await as(srv, 'jiwei'));
    });
    after(async () => { await srv?.stop(); });

    const userBody = (over = {}) => ({
      username: uniq('u').toLowerCase().replace(/[^a-z0-9]/g, ''), display_name: '测试用户', password: 'Testpass123',
      roles: ['staff'], scope_unit_id: org.units.ZYXY.id, scope_department_id: null, ...over,
    });

    it('admin lists the demo accounts', async () => {
      const r = await admin.get('/users?size=100');
      assert.equal(r.status, 200);
      const names = r.body.items.map((u) => u.username);
      for (const n of ['admin', 'jiwei', 'lingdao', 'caiwu', 'lianluo', 'zhiyuan', 'shenji']) assert.ok(names.includes(n), `${n} missing from ${names}`);
      for (const u of r.body.items) {
        assert.equal(u.password_hash, undefined, 'user list leaks password hashes');
        assert.equal(u.password, undefined);
      }
      const q = await admin.get('/users?q=caiwu');
      assert.ok(q.body.items.some((u) => u.username === 'caiwu'));
      assert.ok(!q.body.items.some((u) => u.username === 'jiwei'));
    });

    it('a weak password → 400 auth.password_weak, no user created', async () => {
      for (const password of ['abcdefgh', '12345678', 'abc123', '']) {
        const before = await total(admin, '/users');
        const b = userBody({ password });
        expectError(await admin.post('/users', b), 400, 'auth.password_weak', 'password');
        assert.equal(await total(admin, '/users'), before, `user created with password ${JSON.stringify(password)}`);
        expectError(await new Client(srv.url).login(b.username, password || 'x'), 401, 'auth.bad_credentials');
      }
    });

    it('an unknown role → 400, no user created', async () => {
      const before = await total(admin, '/users');
      expectError(await admin.post('/users', userBody({ roles: ['emperor'] })), 400, undefined, 'roles');
      assert.equal(await total(admin, '/users'), before);
    });

    it('a taken username → 409', async () => {
      const before = await total(admin, '/users');
      expectError(await admin.post('/users', userBody({ username: 'jiwei' })), 409);
      assert.equal(await total(admin, '/users'), before);
      assert.equal((await new Client(srv.url).login('jiwei')).status, 200, 'jiwei can still log in with the old password');
    });

    it('concurrent creates of one username: one user, the losers get the same 409 as a sequential duplicate', async () => {
      const want = expectError(await admin.post('/users', userBody({ username: 'jiwei' })), 409);
      for (let round = 0; round < 5; round++) {
        const username = userBody().username;
        const results = await Promise.all(Array.from({ length: 8 }, () => admin.post('/users', userBody({ username }))));
        const won = results.filter((r) => r.status === 200 || r.status === 201);
        assert.equal(won.length, 1, results.map((r) => `${r.status} ${r.body?.error?.code ?? ''}`).join(', '));
        for (const r of results.filter((x) => !won.includes(x))) expectError(r, 409, want.code, want.field);
        assert.equal((await admin.get(`/users?q=${username}`)).body.items.filter((u) => u.username === username).length, 1);
      }
    });

    it('create → the new user logs in with its roles and scope; disable → 403 auth.disabled', async () => {
      const b = userBody({ roles: ['dept_head'], scope_unit_id: null, scope_department_id: org.college('人事处').id });
      const u = expectCreated(await admin.post('/users', b));
      assert.equal(u.username, b.username);
      assert.equal(u.display_name, '测试用户');
      assert.deepEqual(u.roles, ['dept_head']);
      assert.equal(u.disabled, false);
      assert.equal(u.password, undefined);
      assert.equal(u.password_hash, undefined);

      const c = new Client(srv.url);
      const login = await c.login(b.username, b.password);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.deepEqual(login.body.user.roles, ['dept_head']);
      assert.equal(login.body.user.scope.department_id, org.college('人事处').id);
      // the scope holds: only 人事处 posts
      const posts = (await c.get('/posts?size=500')).body.items;
      assert.ok(posts.length > 0);
      for (const p of posts) assert.equal(p.department_id, org.college('人事处').id);

      const put = await admin.put(`/users/${u.id}`, { display_name: '测试用户', roles: ['dept_head'], scope_unit_id: null, scope_department_id: org.college('人事处').id, disabled: true });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      expectError(await new Client(srv.url).login(b.username, b.password), 403, 'auth.disabled');
      // re-enable: logs in again
      const back = await admin.put(`/users/${u.id}`, { display_name: '测试用户', roles: ['dept_head'], scope_unit_id: null, scope_department_id: org.college('人事处').id, disabled: false });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.equal((await new Client(srv.url).login(b.username, b.password)).status, 200);
    });

    it('a disabled user keeps no working session', async () => {
      const b = userBody();
      const u = expectCreated(await admin.post('/users', b));
      const c = new Client(srv.url);
      assert.equal((await c.login(b.username, b.password)).status, 200);
      assert.equal((await c.get('/auth/me')).status, 200);
      const put = await admin.put(`/users/${u.id}`, { display_name: b.display_name, roles: b.roles, scope_unit_id: b.scope_unit_id, scope_department_id: null, disabled: true });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const me = await c.get('/auth/me');
      assert.ok(me.status === 401 || me.status === 403, `a disabled user's session still works: ${me.status} ${JSON.stringify(me.body)}`);
    });

    it('password change: weak refused; the new one works and the old one no longer does', async () => {
      const b = userBody();
      const u = expectCreated(await admin.post('/users', b));
      expectError(await admin.post(`/users/${u.id}/password`, { password: 'short1' }), 400, 'auth.password_weak');
      assert.equal((await new Client(srv.url).login(b.username, b.password)).status, 200, 'a refused change keeps the old password');
      const r = await admin.post(`/users/${u.id}/password`, { password: 'Newpass2027' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      expectError(await new Client(srv.url).login(b.username, b.password), 401, 'auth.bad_credentials');
      assert.equal((await new Client(srv.url).login(b.username, 'Newpass2027')).status, 200);
    });

    it('non-admins → 403 auth.forbidden on every users endpoint, nothing changes', async () => {
      const before = await total(admin, '/users');
      const target = (await admin.get('/users?q=zhiyuan')).body.items.find((u) => u.username === 'zhiyuan');
      assert.ok(target);
      for (const name of ['jiwei', 'lingdao', 'caiwu', 'shenji']) {
        const c = await as(srv, name);
        expectError(await c.get('/users'), 403, 'auth.forbidden');
        expectError(await c.post('/users', userBody()), 403, 'auth.forbidden');
        expectError(await c.put(`/users/${target.id}`, { display_name: 'x', roles: ['admin'], scope_unit_id: null, scope_department_id: null, disabled: false }), 403, 'auth.forbidden');
        expectError(await c.post(`/users/${target.id}/password`, { password: 'Hijacked123' }), 403, 'auth.forbidden');
      }
      assert.equal(await total(admin, '/users'), before);
      const z = await as(srv, 'zhiyuan');
      assert.deepEqual((await z.get('/auth/me')).body.user.roles, ['staff']);
    });
  });
}
