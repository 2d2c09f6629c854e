// Create / read / update / delete of units, departments, posts, people and assignments, with validation
// (docs/api.md: Units … Assignments). After every refused write the object count is unchanged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectDeleted, total, listAll, demoOrg, uniq } from './_util.mjs';

// Runs `write` (a refused write) and checks that the list at `countPath` holds as many objects as before.
async function refused(c, countPath, write, status, code, field) {
  const before = await total(c, countPath);
  const res = await write();
  expectError(res, status, code, field);
  assert.equal(await total(c, countPath), before, `${countPath}: count changed after a refused write`);
  return res;
}

for (const backend of backends()) {
  describe(`org CRUD [${backend}]`, () => {
    let srv, jiwei, org;
    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      org = await demoOrg(jiwei);
    });
    after(async () => { await srv?.stop(); });

    describe('units', () => {
      const unitBody = (over = {}) => ({ parent_id: org.units.SJW.id, code: `T_${Date.now().toString(36)}`, name: '测试县纪委', kind: 'commission', sort: 5, ...over });

      it('create, read, update, delete', async () => {
        const before = await total(jiwei, '/units');
        const body = unitBody({ code: 'TEST-unit_1' });
        const u = expectCreated(await jiwei.post('/units', body));
        assert.equal(u.parent_id, org.units.SJW.id);
        assert.equal(u.code, 'TEST-unit_1');
        assert.equal(u.name, '测试县纪委');
        assert.equal(u.kind, 'commission');
        assert.equal(u.sort, 5);
        assert.equal(await total(jiwei, '/units'), before + 1);
        const got = await jiwei.get(`/units/${u.id}`);
        assert.equal(got.status, 200);
        assert.deepEqual(got.body, u);
        const children = (await jiwei.get(`/units?parent_id=${org.units.SJW.id}`)).body.items.map((x) => x.id);
        assert.ok(children.includes(u.id) && children.includes(org.units.ZYXY.id) && !children.includes(org.units.SJW.id), JSON.stringify(children));

        const put = await jiwei.put(`/units/${u.id}`, { ...body, name: '测试县纪委（改）', kind: 'government', sort: 6 });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const after = (await jiwei.get(`/units/${u.id}`)).body;
        assert.equal(after.name, '测试县纪委（改）');
        assert.equal(after.kind, 'government');
        assert.equal(after.sort, 6);
        assert.equal(after.code, 'TEST-unit_1');

        expectDeleted(await jiwei.del(`/units/${u.id}`));
        expectError(await jiwei.get(`/units/${u.id}`), 404);
        assert.equal(await total(jiwei, '/units'), before);
      });

      it('a unit can nest below a unit below the root (any depth)', async () => {
        const a = expectCreated(await jiwei.post('/units', unitBody({ code: 'DEPTH_A' })));
        const b = expectCreated(await jiwei.post('/units', unitBody({ code: 'DEPTH_B', parent_id: a.id, kind: 'township' })));
        const c = expectCreated(await jiwei.post('/units', unitBody({ code: 'DEPTH_C', parent_id: b.id, kind: 'school' })));
        assert.equal(c.parent_id, b.id);
        const ids = (await jiwei.get('/units')).body.items.map((x) => x.id);
        assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id) && ids.indexOf(b.id) < ids.indexOf(c.id), 'ordered by path');
        expectError(await jiwei.del(`/units/${b.id}`), 409, 'org.unit.not_empty');
        expectDeleted(await jiwei.del(`/units/${c.id}`));
        expectDeleted(await jiwei.del(`/units/${b.id}`));
        expectDeleted(await jiwei.del(`/units/${a.id}`));
      });

      it('validation: code with spaces, empty code, over-long code, no name, unknown kind → 400 with the field', async () => {
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ code: 'BAD CODE' })), 400, undefined, 'code');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ code: '' })), 400, undefined, 'code');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ code: 'A'.repeat(33) })), 400, undefined, 'code');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ code: '单位' })), 400, undefined, 'code');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ name: '' })), 400, undefined, 'name');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ name: '名'.repeat(101) })), 400, undefined, 'name');
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ kind: 'castle' })), 400, undefined, 'kind');
        const max = expectCreated(await jiwei.post('/units', unitBody({ code: 'A'.repeat(32) })), '32-char code is allowed');
        expectDeleted(await jiwei.del(`/units/${max.id}`));
      });

      it('a duplicate code → 409, nothing created', async () => {
        await refused(jiwei, '/units', () => jiwei.post('/units', unitBody({ code: 'ZYXY' })), 409);
      });

      it('a unit with departments → DELETE 409 org.unit.not_empty; the demo college too', async () => {
        const u = expectCreated(await jiwei.post('/units', unitBody({ code: 'NONEMPTY' })));
        const d = expectCreated(await jiwei.post('/departments', { unit_id: u.id, parent_id: null, code: 'D1', name: '办公室', sort: 0 }));
        await refused(jiwei, '/units', () => jiwei.del(`/units/${u.id}`), 409, 'org.unit.not_empty');
        await refused(jiwei, '/units', () => jiwei.del(`/units/${org.units.ZYXY.id}`), 409, 'org.unit.not_empty');
        await refused(jiwei, '/units', () => jiwei.del(`/units/${org.units.SJW.id}`), 409, 'org.unit.not_empty');
        expectDeleted(await jiwei.del(`/departments/${d.id}`));
        expectDeleted(await jiwei.del(`/units/${u.id}`));
      });

      it('GET of a unit that does not exist → 404', async () => {
        expectError(await jiwei.get('/units/987654'), 404);
      });
    });

    describe('departments', () => {
      let unitId;
      const path = () => `/departments?unit_id=${unitId}`;
      before(() => { unitId = org.units.ZYXY.id; });

      it('create, nest, read, update, delete', async () => {
        const before = await total(jiwei, path());
        const name = uniq('测试处');
        const d = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'TD', name, sort: 99 }));
        assert.equal(d.unit_id, unitId);
        assert.equal(d.parent_id, null);
        assert.equal(d.name, name);
        assert.equal(d.code, 'TD');
        assert.equal(d.sort, 99);
        assert.equal(d.post_count, 0);
        const child = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: d.id, code: 'TD1', name: '一科', sort: 1 }));
        assert.equal(child.parent_id, d.id);
        assert.equal(child.unit_id, unitId);
        assert.equal(await total(jiwei, path()), before + 2);
        assert.deepEqual((await jiwei.get(`/departments?parent_id=${d.id}`)).body.items.map((x) => x.id), [child.id]);
        assert.deepEqual((await jiwei.get(`/departments/${d.id}`)).body, d);

        const put = await jiwei.put(`/departments/${child.id}`, { unit_id: unitId, parent_id: d.id, code: 'TD1', name: '二科', sort: 2 });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const got = (await jiwei.get(`/departments/${child.id}`)).body;
        assert.equal(got.name, '二科');
        assert.equal(got.sort, 2);

        await refused(jiwei, path(), () => jiwei.del(`/departments/${d.id}`), 409, 'org.department.not_empty');
        expectDeleted(await jiwei.del(`/departments/${child.id}`));
        expectDeleted(await jiwei.del(`/departments/${d.id}`));
        expectError(await jiwei.get(`/departments/${d.id}`), 404);
        assert.equal(await total(jiwei, path()), before);
      });

      it('a duplicate name among siblings → 409 org.department.duplicate; the same name elsewhere is fine', async () => {
        await refused(jiwei, path(), () => jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'DUP', name: '财务处', sort: 0 }), 409, 'org.department.duplicate');
        const other = expectCreated(await jiwei.post('/departments', { unit_id: org.units.XZSPJ.id, parent_id: null, code: 'CW', name: '财务处', sort: 0 }), 'same name in another unit');
        const holder = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'H', name: uniq('容器处'), sort: 0 }));
        const nested = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: holder.id, code: 'CW', name: '财务处', sort: 0 }), 'same name under another parent');
        const sibling = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: holder.id, code: 'S', name: '综合科', sort: 0 }));
        // renaming into a sibling's name is a conflict too, and leaves the name as it was
        const put = await jiwei.put(`/departments/${sibling.id}`, { unit_id: unitId, parent_id: holder.id, code: 'S', name: '财务处', sort: 0 });
        expectError(put, 409, 'org.department.duplicate');
        assert.equal((await jiwei.get(`/departments/${sibling.id}`)).body.name, '综合科');
        for (const d of [sibling, nested, holder, other]) expectDeleted(await jiwei.del(`/departments/${d.id}`));
      });

      it('validation: no name → 400 field name; over-long name → 400', async () => {
        await refused(jiwei, path(), () => jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'N', name: '', sort: 0 }), 400, undefined, 'name');
        await refused(jiwei, path(), () => jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'N', sort: 0 }), 400, undefined, 'name');
        await refused(jiwei, path(), () => jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'N', name: '处'.repeat(101), sort: 0 }), 400, undefined, 'name');
      });

      it('a department with posts → DELETE 409 org.department.not_empty; post_count counts them', async () => {
        const d = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'P', name: uniq('有岗处'), sort: 0 }));
        const p = expectCreated(await jiwei.post('/posts', { department_id: d.id, name: '科员', duties: '', tier: 'staff', keys: [], headcount: 1 }));
        assert.equal((await jiwei.get(`/departments/${d.id}`)).body.post_count, 1);
        await refused(jiwei, path(), () => jiwei.del(`/departments/${d.id}`), 409, 'org.department.not_empty');
        assert.equal((await jiwei.get(`/posts/${p.id}`)).status, 200);
        expectDeleted(await jiwei.del(`/posts/${p.id}`));
        assert.equal((await jiwei.get(`/departments/${d.id}`)).body.post_count, 0);
        expectDeleted(await jiwei.del(`/departments/${d.id}`));
      });

      it('a demo department with posts (财务处) cannot be deleted', async () => {
        await refused(jiwei, path(), () => jiwei.del(`/departments/${org.college('财务处').id}`), 409, 'org.department.not_empty');
      });
    });

    describe('posts', () => {
      let dept;
      const body = (over = {}) => ({ department_id: dept.id, name: '出纳', duties: '现金收付；银行结算', tier: 'staff', keys: ['money'], headcount: 2, ...over });
      before(async () => {
        dept = expectCreated(await jiwei.post('/departments', { unit_id: org.units.ZYXY.id, parent_id: null, code: 'PT', name: uniq('岗位测试处'), sort: 0 }));
      });

      it('create, read, update, delete', async () => {
        const before = await total(jiwei, '/posts');
        const name = uniq('招标采购岗');
        const p = expectCreated(await jiwei.post('/posts', body({ name, duties: '组织招标；合同签订', tier: 'middle', keys: ['money', 'approval'], headcount: 3 })));
        assert.equal(p.department_id, dept.id);
        assert.equal(p.unit_id, org.units.ZYXY.id, 'unit_id follows from the department');
        assert.equal(p.department_name, dept.name);
        assert.equal(p.name, name);
        assert.equal(p.duties, '组织招标；合同签订');
        assert.equal(p.tier, 'middle');
        assert.deepEqual([...p.keys].sort(), ['approval', 'money']);
        assert.equal(p.headcount, 3);
        assert.deepEqual(p.holders, []);
        assert.equal(await total(jiwei, '/posts'), before + 1);
        assert.deepEqual((await jiwei.get(`/posts/${p.id}`)).body, p);
        assert.deepEqual((await jiwei.get(`/posts?q=${encodeURIComponent(name)}`)).body.items.map((x) => x.id), [p.id]);
        assert.ok((await jiwei.get(`/posts?q=${encodeURIComponent('合同签订')}&department_id=${dept.id}`)).body.items.some((x) => x.id === p.id), 'q matches duties');

        const put = await jiwei.put(`/posts/${p.id}`, body({ name: `${name}改`, duties: '', tier: 'leader', keys: ['people'], headcount: 1 }));
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const got = (await jiwei.get(`/posts/${p.id}`)).body;
        assert.equal(got.name, `${name}改`);
        assert.equal(got.duties, '');
        assert.equal(got.tier, 'leader');
        assert.deepEqual(got.keys, ['people']);
        assert.equal(got.headcount, 1);

        expectDeleted(await jiwei.del(`/posts/${p.id}`));
        expectError(await jiwei.get(`/posts/${p.id}`), 404);
        assert.equal(await total(jiwei, '/posts'), before);
        expectError(await jiwei.del(`/posts/${p.id}`), 404);
      });

      it('validation errors name the field, and nothing is created', async () => {
        const { name: _omit, ...noName } = body();
        await refused(jiwei, '/posts', () => jiwei.post('/posts', noName), 400, undefined, 'name');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ name: '' })), 400, undefined, 'name');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ name: '岗'.repeat(101) })), 400, undefined, 'name');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ tier: 'boss' })), 400, 'org.post.tier_invalid', 'tier');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ headcount: 0 })), 400, undefined, 'headcount');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ headcount: 1000 })), 400, undefined, 'headcount');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ keys: ['gold'] })), 400, undefined, 'keys');
        await refused(jiwei, '/posts', () => jiwei.post('/posts', body({ duties: '责'.repeat(4001) })), 400, undefined, 'duties');
        const edge = expectCreated(await jiwei.post('/posts', body({ name: '岗'.repeat(100), duties: '责'.repeat(4000), headcount: 999 })), 'limits are inclusive');
        expectDeleted(await jiwei.del(`/posts/${edge.id}`));
      });

      it('PUT is partial: fields left out keep their values; PUT answers 200 with the object after the change', async () => {
        const p = expectCreated(await jiwei.post('/posts', body({ name: uniq('部分更新岗'), duties: '原职责', tier: 'middle', keys: ['money', 'goods'], headcount: 4 })));
        const put = await jiwei.put(`/posts/${p.id}`, { name: `${p.name}改` });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assert.deepEqual(put.body, { ...p, name: `${p.name}改` });
        assert.deepEqual((await jiwei.get(`/posts/${p.id}`)).body, put.body);
        const put2 = await jiwei.put(`/posts/${p.id}`, { headcount: 0 });
        expectError(put2, 400, undefined, 'headcount');
        assert.deepEqual((await jiwei.get(`/posts/${p.id}`)).body, put.body);
        expectDeleted(await jiwei.del(`/posts/${p.id}`));
      });

      it('PUT with null clears a nullable reference (a person\'s department); leaving it out keeps it', async () => {
        const person = expectCreated(await jiwei.post('/people', { unit_id: org.units.ZYXY.id, department_id: dept.id, name: '部分人', gender: 'male', title: '科员', employee_no: uniq('N'), status: 'active' }));
        const keep = await jiwei.put(`/people/${person.id}`, { title: '科长' });
        assert.equal(keep.status, 200, JSON.stringify(keep.body));
        assert.equal(keep.body.department_id, dept.id);
        assert.equal(keep.body.title, '科长');
        assert.equal(keep.body.gender, 'male');
        const cleared = await jiwei.put(`/people/${person.id}`, { department_id: null });
        assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
        assert.equal(cleared.body.department_id, null);
        assert.equal((await jiwei.get(`/people/${person.id}`)).body.department_id, null);
        assert.equal(cleared.body.title, '科长');
        expectDeleted(await jiwei.del(`/people/${person.id}`));
      });

      it('an invalid update is refused and leaves the post as it was', async () => {
        const p = expectCreated(await jiwei.post('/posts', body({ name: uniq('不变岗') })));
        expectError(await jiwei.put(`/posts/${p.id}`, body({ name: p.name, tier: 'boss' })), 400, 'org.post.tier_invalid', 'tier');
        expectError(await jiwei.put(`/posts/${p.id}`, body({ name: p.name, headcount: 0 })), 400, undefined, 'headcount');
        assert.deepEqual((await jiwei.get(`/posts/${p.id}`)).body, p);
        expectDeleted(await jiwei.del(`/posts/${p.id}`));
      });

      it('GET of a post that does not exist → 404', async () => {
        expectError(await jiwei.get('/posts/987654'), 404);
      });
    });

    describe('integrity', () => {
      it('a unit cannot become its own ancestor', async () => {
        const a = expectCreated(await jiwei.post('/units', { parent_id: org.units.SJW.id, code: 'CYC_A', name: '甲', kind: 'other', sort: 0 }));
        const b = expectCreated(await jiwei.post('/units', { parent_id: a.id, code: 'CYC_B', name: '乙', kind: 'other', sort: 0 }));
        for (const parent of [b.id, a.id]) {
          const r = await jiwei.put(`/units/${a.id}`, { parent_id: parent, code: 'CYC_A', name: '甲', kind: 'other', sort: 0 });
          assert.ok(r.status === 400 || r.status === 409, `unit ${a.id} under ${parent}: ${r.status} ${JSON.stringify(r.body)}`);
          expectError(r, r.status);
          assert.equal((await jiwei.get(`/units/${a.id}`)).body.parent_id, org.units.SJW.id);
        }
        expectDeleted(await jiwei.del(`/units/${b.id}`));
        expectDeleted(await jiwei.del(`/units/${a.id}`));
      });

      it('a department cannot become its own ancestor', async () => {
        const unitId = org.units.ZYXY.id;
        const a = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'A', name: uniq('环甲'), sort: 0 }));
        const b = expectCreated(await jiwei.post('/departments', { unit_id: unitId, parent_id: a.id, code: 'B', name: '环乙', sort: 0 }));
        for (const parent of [b.id, a.id]) {
          const r = await jiwei.put(`/departments/${a.id}`, { unit_id: unitId, parent_id: parent, code: 'A', name: a.name, sort: 0 });
          assert.ok(r.status === 400 || r.status === 409, `department ${a.id} under ${parent}: ${r.status} ${JSON.stringify(r.body)}`);
          expectError(r, r.status);
          assert.equal((await jiwei.get(`/departments/${a.id}`)).body.parent_id, null);
        }
        expectDeleted(await jiwei.del(`/departments/${b.id}`));
        expectDeleted(await jiwei.del(`/departments/${a.id}`));
      });

      it('a body that is not JSON, or a field of the wrong type → 400, nothing created', async () => {
        const dept = org.college('财务处').id;
        const before = await total(jiwei, '/posts');
        for (const body of ['{', 'null', '[]', `{"department_id":${dept},"name":"坏","tier":"staff"`]) {
          const res = await fetch(`${srv.url}/api/v1/posts`, {
            method: 'POST', body,
            headers: { 'content-type': 'application/json', cookie: jiwei.cookie, 'x-csrf-token': jiwei.csrf },
          });
          const json = await res.json().catch(() => null);
          expectError({ status: res.status, body: json }, 400);
        }
        expectError(await jiwei.post('/posts', { department_id: dept, name: '类型', duties: '', tier: 'staff', keys: [], headcount: '3' }), 400, undefined, 'headcount');
        expectError(await jiwei.post('/posts', { department_id: String(dept), name: '类型', duties: '', tier: 'staff', keys: [], headcount: 1 }), 400, undefined, 'department_id');
        expectError(await jiwei.post('/posts', { department_id: dept, name: '类型', duties: '', tier: 'staff', keys: 'money', headcount: 1 }), 400, undefined, 'keys');
        assert.equal(await total(jiwei, '/posts'), before);
      });

      it('q matches text literally: % and _ are not wildcards, quotes are not SQL', async () => {
        const all = await listAll(jiwei, '/posts');
        for (const q of ['%', '_', "' OR '1'='1", '\\']) {
          const want = all.filter((p) => p.name.includes(q) || p.duties.includes(q)).length;
          assert.equal(await total(jiwei, `/posts?q=${encodeURIComponent(q)}`), want, `q=${q}`);
        }
        const p = expectCreated(await jiwei.post('/posts', { department_id: org.college('财务处').id, name: '百分之百_岗%', duties: '', tier: 'staff', keys: [], headcount: 1 }));
        assert.deepEqual((await jiwei.get(`/posts?q=${encodeURIComponent('之百_岗%')}`)).body.items.map((x) => x.id), [p.id]);
        expectDeleted(await jiwei.del(`/posts/${p.id}`));
      });

      // Races: ROUNDS rounds of RACERS identical writes at once. Exactly one may win each round and every loser
      // gets the same 409 a sequential duplicate gets. Cleanup runs before the assertions so that a lost race
      // does not leave debris for the tests after it.
      const ROUNDS = 4, RACERS = 8;
      const summary = (results) => results.map((r) => `${r.status} ${r.body?.error?.code ?? ''}`).join(', ');
      const won = (r) => r.status === 200 || r.status === 201;

      it('concurrent duplicates: exactly one sibling department of a name is created, the rest are 409 duplicate', async () => {
        const unitId = org.units.ZYXY.id;
        const rounds = [];
        for (let round = 0; round < ROUNDS; round++) {
          const name = uniq('并发处');
          const results = await Promise.all(Array.from({ length: RACERS }, () =>
            jiwei.post('/departments', { unit_id: unitId, parent_id: null, code: 'C', name, sort: 0 })));
          const same = (await listAll(jiwei, `/departments?unit_id=${unitId}`)).filter((d) => d.name === name);
          for (const d of same) expectDeleted(await jiwei.del(`/departments/${d.id}`));
          rounds.push({ results, stored: same.length });
        }
        for (const { results, stored } of rounds) {
          assert.equal(results.filter(won).length, 1, `created: ${summary(results)}`);
          assert.equal(stored, 1, `${stored} departments of one name stored side by side`);
          for (const r of results.filter((x) => !won(x))) expectError(r, 409, 'org.department.duplicate');
        }
      });

      it('concurrent duplicates: one employee number, one person; the losers get 409 employee_no_taken', async () => {
        const rounds = [];
        for (let round = 0; round < ROUNDS; round++) {
          const no = uniq('EMP');
          const results = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
            jiwei.post('/people', { unit_id: org.units.ZYXY.id, department_id: null, name: `并发${i}`, gender: '', title: '', employee_no: no, status: 'active' })));
          for (const r of results.filter(won)) expectDeleted(await jiwei.del(`/people/${r.body.id}`));
          rounds.push(results);
        }
        for (const results of rounds) {
          assert.equal(results.filter(won).length, 1, `created: ${summary(results)}`);
          for (const r of results.filter((x) => !won(x))) expectError(r, 409, 'org.person.employee_no_taken', 'employee_no');
        }
      });

      it('concurrent duplicates: one unit code, one unit; the losers get the same 409 as a sequential duplicate', async () => {
        const sequential = await jiwei.post('/units', { parent_id: org.units.SJW.id, code: 'ZYXY', name: '重复', kind: 'other', sort: 0 });
        const want = expectError(sequential, 409);
        const rounds = [];
        for (let round = 0; round < ROUNDS; round++) {
          const code = `RACE_${round}_${Date.now().toString(36)}`;
          const results = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
            jiwei.post('/units', { parent_id: org.units.SJW.id, code, name: `并发单位${i}`, kind: 'other', sort: 0 })));
          for (const r of results.filter(won)) expectDeleted(await jiwei.del(`/units/${r.body.id}`));
          rounds.push(results);
        }
        for (const results of rounds) {
          assert.equal(results.filter(won).length, 1, `created: ${summary(results)}`);
          for (const r of results.filter((x) => !won(x))) expectError(r, 409, want.code, want.field);
        }
      });

      it('concurrent overlapping assignments: exactly one is created, the rest are 409 overlap', async () => {
        const dept = org.college('财务处').id;
        const rounds = [];
        for (let round = 0; round < ROUNDS; round++) {
          const post = expectCreated(await jiwei.post('/posts', { department_id: dept, name: uniq('并发岗'), duties: '', tier: 'staff', keys: [], headcount: 1 }));
          const person = expectCreated(await jiwei.post('/people', { unit_id: org.units.ZYXY.id, department_id: dept, name: '并发人', gender: '', title: '', employee_no: uniq('P'), status: 'active' }));
          const results = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
            jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: `2021-0${i + 1}-01`, end_date: null, note: '' })));
          const stored = await total(jiwei, `/assignments?person_id=${person.id}`);
          for (const r of results.filter(won)) expectDeleted(await jiwei.del(`/assignments/${r.body.id}`));
          expectDeleted(await jiwei.del(`/posts/${post.id}`));
          expectDeleted(await jiwei.del(`/people/${person.id}`));
          rounds.push({ results, stored });
        }
        for (const { results, stored } of rounds) {
          assert.equal(results.filter(won).length, 1, `created: ${summary(results)}`);
          assert.equal(stored, 1, `${stored} overlapping open assignments of one person to one post stored`);
          for (const r of results.filter((x) => !won(x))) expectError(r, 409, 'org.assignment.overlap');
        }
      });
    });

    describe('people and assignments', () => {
      let dept, post, person;
      const personBody = (over = {}) => ({ unit_id: org.units.ZYXY.id, department_id: dept.id, name: '张测试', gender: 'female', title: '科员', employee_no: uniq('E'), status: 'active', ...over });
      before(async () => {
        dept = expectCreated(await jiwei.post('/departments', { unit_id: org.units.ZYXY.id, parent_id: null, code: 'RT', name: uniq('任职测试处'), sort: 0 }));
        post = expectCreated(await jiwei.post('/posts', { department_id: dept.id, name: '会计', duties: '', tier: 'staff', keys: ['money'], headcount: 1 }));
      });

      it('people: create, read, update, delete', async () => {
        const before = await total(jiwei, '/people');
        const b = personBody();
        const p = expectCreated(await jiwei.post('/people', b));
        assert.equal(p.unit_id, org.units.ZYXY.id);
        assert.equal(p.department_id, dept.id);
        assert.equal(p.department_name, dept.name);
        assert.equal(p.name, '张测试');
        assert.equal(p.gender, 'female');
        assert.equal(p.title, '科员');
        assert.equal(p.employee_no, b.employee_no);
        assert.equal(p.status, 'active');
        assert.deepEqual(p.current_posts, []);
        assert.equal(await total(jiwei, '/people'), before + 1);
        assert.deepEqual((await jiwei.get(`/people/${p.id}`)).body, p);
        const put = await jiwei.put(`/people/${p.id}`, { ...b, title: '副科长', status: 'left' });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const got = (await jiwei.get(`/people/${p.id}`)).body;
        assert.equal(got.title, '副科长');
        assert.equal(got.status, 'left');
        assert.ok((await jiwei.get(`/people?status=left&department_id=${dept.id}`)).body.items.some((x) => x.id === p.id));
        assert.ok(!(await jiwei.get(`/people?status=active&department_id=${dept.id}`)).body.items.some((x) => x.id === p.id));
        expectDeleted(await jiwei.del(`/people/${p.id}`));
        expectError(await jiwei.get(`/people/${p.id}`), 404);
        assert.equal(await total(jiwei, '/people'), before);
      });

      it('people: validation and a duplicate employee number in the unit', async () => {
        const { name: _n, ...noName } = personBody();
        await refused(jiwei, '/people', () => jiwei.post('/people', noName), 400, undefined, 'name');
        await refused(jiwei, '/people', () => jiwei.post('/people', personBody({ employee_no: '' })), 400, undefined, 'employee_no');
        await refused(jiwei, '/people', () => jiwei.post('/people', personBody({ status: 'dead' })), 400, undefined, 'status');
        await refused(jiwei, '/people', () => jiwei.post('/people', personBody({ gender: 'x' })), 400, undefined, 'gender');
        const first = expectCreated(await jiwei.post('/people', personBody({ employee_no: 'DUP-001' })));
        await refused(jiwei, '/people', () => jiwei.post('/people', personBody({ employee_no: 'DUP-001', name: '李重复' })), 409, 'org.person.employee_no_taken');
        const elsewhere = expectCreated(await jiwei.post('/people', personBody({ unit_id: org.units.XZSPJ.id, department_id: null, employee_no: 'DUP-001' })), 'the same number in another unit');
        expectDeleted(await jiwei.del(`/people/${elsewhere.id}`));
        expectDeleted(await jiwei.del(`/people/${first.id}`));
      });

      it('assignments: create shows on the post and the person; dates and overlaps are checked', async () => {
        person = expectCreated(await jiwei.post('/people', personBody({ name: '王任职' })));
        const path = `/assignments?person_id=${person.id}`;
        const a = expectCreated(await jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2020-03-01', end_date: null, note: '任命' }));
        assert.equal(a.person_id, person.id);
        assert.equal(a.person_name, '王任职');
        assert.equal(a.post_id, post.id);
        assert.equal(a.post_name, '会计');
        assert.equal(a.department_name, dept.name);
        assert.equal(a.start_date, '2020-03-01');
        assert.equal(a.end_date, null);
        assert.equal(a.note, '任命');
        assert.equal(a.post_tier, 'staff');
        assert.deepEqual(a.post_keys, ['money']);
        assert.equal(typeof a.years, 'number');
        const expectYears = (Date.now() - Date.parse('2020-03-01T00:00:00Z')) / (365.25 * 86400e3);
        assert.ok(Math.abs(a.years - expectYears) < 0.15, `years since 2020-03-01: ${a.years}, expected about ${expectYears.toFixed(2)}`);

        const holders = (await jiwei.get(`/posts/${post.id}`)).body.holders;
        assert.deepEqual(holders, [{ person_id: person.id, name: '王任职', since: '2020-03-01' }]);
        const current = (await jiwei.get(`/people/${person.id}`)).body.current_posts;
        assert.deepEqual(current, [{ post_id: post.id, name: '会计', since: '2020-03-01' }]);

        await refused(jiwei, path, () => jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2021-05-01', end_date: '2021-04-30', note: '' }), 400, 'org.assignment.dates');
        await refused(jiwei, path, () => jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2019-01-01', end_date: '2020-06-30', note: '' }), 409, 'org.assignment.overlap');
        await refused(jiwei, path, () => jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2024-01-01', end_date: null, note: '' }), 409, 'org.assignment.overlap');
        await refused(jiwei, path, () => jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2020/01/01', end_date: null, note: '' }), 400, undefined, 'start_date');

        // an earlier, closed term that does not overlap is fine; the list is newest first
        const earlier = expectCreated(await jiwei.post('/assignments', { person_id: person.id, post_id: post.id, start_date: '2017-01-01', end_date: '2019-12-31', note: '前任期' }));
        const list = (await jiwei.get(path)).body;
        assert.equal(list.total, 2);
        assert.deepEqual(list.items.map((x) => x.id), [a.id, earlier.id]);
        assert.deepEqual((await jiwei.get(`${path}&current=true`)).body.items.map((x) => x.id), [a.id]);
        assert.deepEqual((await jiwei.get(`/assignments?post_id=${post.id}`)).body.items.map((x) => x.id), [a.id, earlier.id]);
        expectError(await jiwei.put(`/assignments/${earlier.id}`, { person_id: person.id, post_id: post.id, start_date: '2017-01-01', end_date: '2020-05-01', note: '' }), 409, 'org.assignment.overlap');
        expectError(await jiwei.put(`/assignments/${earlier.id}`, { person_id: person.id, post_id: post.id, start_date: '2017-01-01', end_date: '2016-12-31', note: '' }), 400, 'org.assignment.dates');
        const kept = (await jiwei.get(path)).body.items.find((x) => x.id === earlier.id);
        assert.equal(kept.end_date, '2019-12-31');
      });

      it('a post or person with assignments cannot be deleted (409 in_use)', async () => {
        await refused(jiwei, '/posts', () => jiwei.del(`/posts/${post.id}`), 409, 'org.post.in_use');
        await refused(jiwei, '/people', () => jiwei.del(`/people/${person.id}`), 409, 'org.person.in_use');
      });

      it('ending an assignment removes it from holders and current posts; then everything can be deleted', async () => {
        const list = (await jiwei.get(`/assignments?person_id=${person.id}`)).body.items;
        const open = list.find((x) => x.end_date === null);
        const put = await jiwei.put(`/assignments/${open.id}`, { person_id: person.id, post_id: post.id, start_date: '2020-03-01', end_date: '2023-12-31', note: '轮岗' });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const got = (await jiwei.get(`/assignments?person_id=${person.id}`)).body.items.find((x) => x.id === open.id);
        assert.equal(got.end_date, '2023-12-31');
        assert.equal(got.note, '轮岗');
        assert.deepEqual((await jiwei.get(`/posts/${post.id}`)).body.holders, []);
        assert.deepEqual((await jiwei.get(`/people/${person.id}`)).body.current_posts, []);
        assert.equal(await total(jiwei, `/assignments?person_id=${person.id}&current=true`), 0);
        for (const a of list) expectDeleted(await jiwei.del(`/assignments/${a.id}`));
        assert.equal(await total(jiwei, `/assignments?person_id=${person.id}`), 0);
        assert.equal(await total(jiwei, `/assignments?post_id=${post.id}`), 0);
        expectDeleted(await jiwei.del(`/posts/${post.id}`));
        expectDeleted(await jiwei.del(`/people/${person.id}`));
        expectDeleted(await jiwei.del(`/departments/${dept.id}`));
      });
    });
  });
}
