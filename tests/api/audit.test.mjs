// The audit log (docs/api.md: Audit; DESIGN.md §3: every write one audit entry, chained by hash so that
// tampering shows). The last tests edit the store behind the server's back and expect
// `lianfang audit verify` and GET /audit/verify to name the broken row.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, spawnServer, freshStore, backends, binary, Client } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectDeleted, total, listAll, demoOrg, uniq } from './_util.mjs';

// Runs one SQL statement against the server's store with the backend's own CLI; returns trimmed stdout.
// `srv` needs only { backend, db }.
function sql(srv, statement) {
  const [cmd, args] = srv.backend === 'postgres'
    ? ['psql', [srv.db, '-v', 'ON_ERROR_STOP=1', '-q', '-At', '-c', statement]]
    : ['sqlite3', ['-cmd', '.timeout 5000', srv.db, statement]];
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${statement}: ${r.stderr}`);
  return r.stdout.trim();
}

function cliVerify(srv) {
  const r = spawnSync(binary, ['audit', 'verify', '--db', srv.db], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, error: r.error };
}


const findEntry = (items, action, id) => items.find((e) => e.action === action && String(e.entity_id) === String(id));

for (const backend of backends()) {
  describe(`audit [${backend}]`, () => {
    let srv, jiwei, admin, deptId, post;
    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      admin = await as(srv, 'admin');
      deptId = (await demoOrg(jiwei)).college('财务处').id;
    });
    after(async () => { await srv?.stop(); });

    it('a create is logged with actor, action, entity and the object after', async () => {
      const started = Date.now();
      post = expectCreated(await jiwei.post('/posts', { department_id: deptId, name: uniq('审计岗'), duties: '原职责', tier: 'staff', keys: ['money'], headcount: 1 }));
      const items = await listAll(jiwei, '/audit?entity=post');
      for (const e of items) assert.equal(e.entity, 'post', `entity filter: ${JSON.stringify(e)}`);
      const e = findEntry(items, 'create', post.id);
      assert.ok(e, `no create entry for post ${post.id} in ${JSON.stringify(items.slice(0, 3))}`);
      assert.equal(e.actor, 'jiwei');
      assert.equal(e.entity, 'post');
      assert.equal(e.before, null);
      assert.equal(typeof e.after, 'object');
      assert.equal(e.after.name, post.name);
      assert.equal(e.after.duties, '原职责');
      assert.ok(Number.isInteger(e.id));
      assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/, 'at is RFC 3339 UTC');
      assert.ok(Math.abs(Date.parse(e.at) - started) < 60000, `at ${e.at} is not now`);
      assert.ok(typeof e.hash === 'string' && e.hash.length >= 32, `hash: ${e.hash}`);
    });

    it('an update is logged with before and after; a delete with before and no after', async () => {
      const newName = `${post.name}-改`;
      const put = await jiwei.put(`/posts/${post.id}`, { department_id: deptId, name: newName, duties: '新职责', tier: 'middle', keys: ['money'], headcount: 1 });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      let items = await listAll(jiwei, '/audit?entity=post');
      const upd = findEntry(items, 'update', post.id);
      assert.ok(upd, 'no update entry');
      assert.equal(upd.actor, 'jiwei');
      assert.equal(upd.before.name, post.name);
      assert.equal(upd.before.tier, 'staff');
      assert.equal(upd.after.name, newName);
      assert.equal(upd.after.tier, 'middle');
      assert.equal(upd.after.duties, '新职责');

      expectDeleted(await jiwei.del(`/posts/${post.id}`));
      items = await listAll(jiwei, '/audit?entity=post');
      const del = findEntry(items, 'delete', post.id);
      assert.ok(del, 'no delete entry');
      assert.equal(del.before.name, newName);
      assert.equal(del.after, null);
      const ids = [findEntry(items, 'create', post.id).id, upd.id, del.id];
      assert.ok(ids[0] < ids[1] && ids[1] < ids[2], `entries in write order: ${ids}`);
    });

    it('writes by other users and on other entities are logged under their names', async () => {
      const caiwu = await as(srv, 'caiwu');
      const p = expectCreated(await caiwu.post('/posts', { department_id: deptId, name: uniq('处长建岗'), duties: '', tier: 'staff', keys: [], headcount: 1 }));
      const e = findEntry(await listAll(admin, '/audit?entity=post'), 'create', p.id);
      assert.equal(e?.actor, 'caiwu');
      const person = expectCreated(await jiwei.post('/people', { unit_id: p.unit_id, department_id: deptId, name: '审计人', gender: '', title: '', employee_no: uniq('A'), status: 'active' }));
      let pe;
      for (const entity of ['person', 'people']) pe ??= findEntry(await listAll(admin, `/audit?entity=${entity}`), 'create', person.id);
      assert.ok(pe, 'person writes are audited (entity "person")');
      assert.equal(pe.after.name, '审计人');
    });

    it('a refused write leaves no audit entry', async () => {
      const before = await total(admin, '/audit');
      expectError(await jiwei.post('/posts', { department_id: deptId, name: 'x', duties: '', tier: 'boss', keys: [], headcount: 1 }), 400);
      expectError(await jiwei.post('/posts', { department_id: deptId, name: 'x', duties: '', tier: 'staff', keys: [], headcount: 1 }, { csrf: false }), 403);
      assert.equal(await total(admin, '/audit'), before);
    });

    it('who may read the audit log: admin, supervisor, auditor; not a department head or staff', async () => {
      for (const name of ['admin', 'jiwei', 'shenji']) {
        const c = name === 'admin' ? admin : await as(srv, name);
        assert.equal((await c.get('/audit')).status, 200, `${name} GET /audit`);
        assert.equal((await c.get('/audit/verify')).status, 200, `${name} GET /audit/verify`);
      }
      for (const name of ['caiwu', 'zhiyuan', 'lianluo']) {
        const c = await as(srv, name);
        expectError(await c.get('/audit'), 403, 'auth.forbidden');
        expectError(await c.get('/audit/verify'), 403, 'auth.forbidden');
      }
    });

    it('concurrent writers keep the chain whole: one entry per write', async () => {
      const before = await total(admin, '/audit?entity=post');
      const writers = await Promise.all(['jiwei', 'caiwu', 'admin'].map((n) => (n === 'admin' ? admin : as(srv, n))));
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) =>
        writers[i % 3].post('/posts', { department_id: deptId, name: uniq(`并发审计${i}`), duties: '', tier: 'staff', keys: [], headcount: 1 })));
      for (const r of results) expectCreated(r, 'concurrent create');
      const items = await listAll(admin, '/audit?entity=post');
      assert.equal(items.length, before + 24);
      for (const r of results) assert.ok(findEntry(items, 'create', r.body.id), `no audit entry for post ${r.body.id}`);
      const v = await admin.get('/audit/verify');
      assert.equal(v.body.intact, true, JSON.stringify(v.body));
    });

    it('GET /audit/verify: intact, every row checked', async () => {
      const r = await admin.get('/audit/verify');
      assert.equal(r.status, 200);
      assert.equal(r.body.intact, true);
      assert.equal(r.body.first_broken_id, null);
      assert.equal(Number(r.body.checked), Number(sql(srv, 'SELECT count(*) FROM audit_log')));
      assert.ok(r.body.checked >= 5);
    });

    it('`lianfang audit verify` exits 0 on the untouched store', () => {
      const v = cliVerify(srv);
      assert.equal(v.error, undefined, String(v.error));
      assert.equal(v.status, 0, v.output);
    });

    it('editing the last row behind the server\'s back is detected, naming the row', async () => {
      const last = Number(sql(srv, 'SELECT max(id) FROM audit_log'));
      assert.ok(last > 0);
      sql(srv, `UPDATE audit_log SET after_json = '{"x":1}' WHERE id = ${last}`);
      const v = cliVerify(srv);
      assert.notEqual(v.status, 0, `audit verify passed a tampered store:\n${v.output}`);
      assert.match(v.output, new RegExp(`(^|\\D)${last}(\\D|$)`), `output does not name row ${last}:\n${v.output}`);
      const r = await admin.get('/audit/verify');
      assert.equal(r.status, 200);
      assert.equal(r.body.intact, false);
      assert.equal(r.body.first_broken_id, last);
    });

    it('deleting a row in the middle is detected at the row after it', async () => {
      const ids = sql(srv, 'SELECT id FROM audit_log ORDER BY id').split('\n').map(Number);
      assert.ok(ids.length >= 5);
      const victim = ids[Math.floor(ids.length / 2)];
      const next = ids[ids.indexOf(victim) + 1];
      sql(srv, `DELETE FROM audit_log WHERE id = ${victim}`);
      const v = cliVerify(srv);
      assert.notEqual(v.status, 0, v.output);
      assert.match(v.output, new RegExp(`(^|\\D)${next}(\\D|$)`), `output does not name row ${next}:\n${v.output}`);
      const r = await admin.get('/audit/verify');
      assert.equal(r.body.intact, false);
      assert.equal(r.body.first_broken_id, next);
    });
  });
  describe(`audit verify on a stopped server's store [${backend}]`, () => {
    let store, server;
    before(async () => { store = freshStore(backend); });
    after(async () => { await server?.stop(); store?.drop(); });

    it('untouched: exit 0; one row edited with the server stopped: non-zero exit naming the row', async () => {
      server = await spawnServer(store.db);
      const jiwei = new Client(server.url);
      assert.equal((await jiwei.login('jiwei')).status, 200);
      const org = await demoOrg(jiwei);
      for (let i = 0; i < 3; i++) {
        expectCreated(await jiwei.post('/posts', { department_id: org.college('基建处').id, name: uniq(`停机审计${i}`), duties: '', tier: 'staff', keys: [], headcount: 1 }));
      }
      await server.stop();
      server = null;

      const clean = cliVerify(store);
      assert.equal(clean.error, undefined, String(clean.error));
      assert.equal(clean.status, 0, clean.output);

      const last = Number(sql(store, 'SELECT max(id) FROM audit_log'));
      assert.ok(last >= 4, `audit rows: ${last}`);
      sql(store, `UPDATE audit_log SET after_json = '{"x":1}' WHERE id = (SELECT max(id) FROM audit_log)`);
      const broken = cliVerify(store);
      assert.notEqual(broken.status, 0, `audit verify passed a tampered store:\n${broken.output}`);
      assert.notEqual(broken.status, null, `audit verify did not exit normally:\n${broken.output}`);
      assert.match(broken.output, new RegExp(`(^|\\D)${last}(\\D|$)`), `output does not name row ${last}:\n${broken.output}`);
    });
  });
}
