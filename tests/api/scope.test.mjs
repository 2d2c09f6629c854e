// Scope and permissions (docs/api.md: Conventions — Scope, Permissions) over the demo organisation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectDeleted, total, listAll, demoOrg, subtreeIds, uniq } from './_util.mjs';

for (const backend of backends()) {
  describe(`scope [${backend}]`, () => {
    let srv, jiwei, org, finance, hr, financeIds, hrPost, bureauPost;
    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      org = await demoOrg(jiwei);
      finance = org.college('财务处');
      hr = org.college('人事处');
      financeIds = subtreeIds(org.collegeDepts, finance.id);
      const hrPosts = (await jiwei.get(`/posts?department_id=${hr.id}&size=500`)).body.items;
      assert.ok(hrPosts.length > 0, 'the demo has posts in 人事处');
      hrPost = hrPosts[0];
      const bureauPosts = (await jiwei.get(`/posts?unit_id=${org.units.XZSPJ.id}&size=500`)).body.items;
      assert.ok(bureauPosts.length > 0, 'the demo has posts in the bureau');
      bureauPost = bureauPosts[0];
    });
    after(async () => { await srv?.stop(); });

    it('jiwei (whole city) sees posts of both units', async () => {
      const all = await listAll(jiwei, '/posts');
      const units = new Set(all.map((p) => p.unit_id));
      assert.ok(units.has(org.units.ZYXY.id) && units.has(org.units.XZSPJ.id), [...units].join(','));
      assert.equal(all.length, (await total(jiwei, `/posts?unit_id=${org.units.ZYXY.id}`))
        + (await total(jiwei, `/posts?unit_id=${org.units.XZSPJ.id}`))
        + (await total(jiwei, `/posts?unit_id=${org.units.SJW.id}`)));
    });

    it('caiwu lists only 财务处 posts, as many as jiwei sees for department_id=财务处', async () => {
      const caiwu = await as(srv, 'caiwu');
      const mine = await listAll(caiwu, '/posts');
      assert.ok(mine.length > 0, 'caiwu sees the posts of 财务处');
      for (const p of mine) {
        assert.ok(financeIds.has(p.department_id), `caiwu sees a post outside 财务处: ${JSON.stringify(p)}`);
        assert.equal(p.unit_id, org.units.ZYXY.id);
      }
      assert.equal(mine.length, await total(jiwei, `/posts?department_id=${finance.id}`));
      assert.deepEqual(new Set(mine.map((p) => p.id)),
        new Set((await listAll(jiwei, `/posts?department_id=${finance.id}`)).map((p) => p.id)));
      // filters cannot widen the scope
      assert.equal(await total(caiwu, `/posts?department_id=${hr.id}`), 0);
      assert.equal(await total(caiwu, `/posts?unit_id=${org.units.XZSPJ.id}`), 0);
    });

    it('caiwu GET of a 人事处 post → 404', async () => {
      const caiwu = await as(srv, 'caiwu');
      expectError(await caiwu.get(`/posts/${hrPost.id}`), 404);
      expectError(await caiwu.get(`/departments/${hr.id}`), 404);
      assert.equal((await jiwei.get(`/posts/${hrPost.id}`)).status, 200, 'the post exists');
    });

    it('caiwu POST /posts in 人事处 → 403 auth.out_of_scope, nothing created', async () => {
      const caiwu = await as(srv, 'caiwu');
      const before = await total(jiwei, '/posts');
      const name = uniq('越权岗位');
      const r = await caiwu.post('/posts', { department_id: hr.id, name, duties: '', tier: 'staff', keys: [], headcount: 1 });
      expectError(r, 403, 'auth.out_of_scope');
      assert.equal(await total(jiwei, '/posts'), before);
      assert.equal(await total(jiwei, `/posts?q=${encodeURIComponent(name)}`), 0);
    });

    it('caiwu can create, change and delete a post in 财务处', async () => {
      const caiwu = await as(srv, 'caiwu');
      const name = uniq('财务测试岗');
      const p = expectCreated(await caiwu.post('/posts', { department_id: finance.id, name, duties: '记账', tier: 'staff', keys: ['money'], headcount: 2 }));
      assert.equal(p.department_id, finance.id);
      assert.equal(p.unit_id, org.units.ZYXY.id);
      const put = await caiwu.put(`/posts/${p.id}`, { department_id: finance.id, name: `${name}改`, duties: '记账', tier: 'staff', keys: ['money'], headcount: 2 });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal((await jiwei.get(`/posts/${p.id}`)).body.name, `${name}改`);
      expectDeleted(await caiwu.del(`/posts/${p.id}`));
      assert.equal((await jiwei.get(`/posts/${p.id}`)).status, 404);
    });

    it('caiwu cannot move a 财务处 post into 人事处', async () => {
      const caiwu = await as(srv, 'caiwu');
      const p = expectCreated(await caiwu.post('/posts', { department_id: finance.id, name: uniq('搬家岗'), duties: '', tier: 'staff', keys: [], headcount: 1 }));
      const r = await caiwu.put(`/posts/${p.id}`, { department_id: hr.id, name: p.name, duties: '', tier: 'staff', keys: [], headcount: 1 });
      expectError(r, 403, 'auth.out_of_scope');
      assert.equal((await jiwei.get(`/posts/${p.id}`)).body.department_id, finance.id);
      expectDeleted(await caiwu.del(`/posts/${p.id}`));
    });

    it('caiwu PUT or DELETE on a 人事处 post → 403/404, the post unchanged', async () => {
      const caiwu = await as(srv, 'caiwu');
      const before = (await jiwei.get(`/posts/${hrPost.id}`)).body;
      const put = await caiwu.put(`/posts/${hrPost.id}`, { department_id: hr.id, name: '被篡改', duties: 'x', tier: 'leader', keys: [], headcount: 9 });
      assert.ok(put.status === 403 || put.status === 404, `got ${put.status} ${JSON.stringify(put.body)}`);
      expectError(put, put.status, put.status === 403 ? 'auth.out_of_scope' : undefined);
      const del = await caiwu.del(`/posts/${hrPost.id}`);
      assert.ok(del.status === 403 || del.status === 404, `got ${del.status} ${JSON.stringify(del.body)}`);
      assert.deepEqual((await jiwei.get(`/posts/${hrPost.id}`)).body, before);
    });

    it('caiwu lists only 财务处 and its sub-departments', async () => {
      const caiwu = await as(srv, 'caiwu');
      const depts = await listAll(caiwu, '/departments');
      assert.ok(depts.some((d) => d.id === finance.id), '财务处 itself is listed');
      for (const d of depts) assert.ok(financeIds.has(d.id), `caiwu sees department ${JSON.stringify(d)}`);
      assert.equal(depts.length, financeIds.size);
    });

    it('caiwu sees people of 财务处 only', async () => {
      const caiwu = await as(srv, 'caiwu');
      const people = await listAll(caiwu, '/people');
      assert.ok(people.length > 0);
      for (const p of people) assert.ok(financeIds.has(p.department_id), `caiwu sees person ${JSON.stringify(p)}`);
    });

    it('caiwu (department head) cannot write units or departments → 403 auth.forbidden', async () => {
      const caiwu = await as(srv, 'caiwu');
      const before = await total(jiwei, `/departments?unit_id=${org.units.ZYXY.id}`);
      expectError(await caiwu.post('/departments', { unit_id: org.units.ZYXY.id, parent_id: finance.id, code: 'X1', name: uniq('科'), sort: 0 }), 403, 'auth.forbidden');
      assert.equal(await total(jiwei, `/departments?unit_id=${org.units.ZYXY.id}`), before);
      const units = (await jiwei.get('/units')).body.total;
      expectError(await caiwu.post('/units', { parent_id: org.units.SJW.id, code: 'CAIWU_U', name: '越权单位', kind: 'other', sort: 0 }), 403, 'auth.forbidden');
      assert.equal((await jiwei.get('/units')).body.total, units);
    });

    it('lianluo (liaison of 资产与采购管理处) writes posts there but not in 财务处', async () => {
      const lianluo = await as(srv, 'lianluo');
      const procurement = org.college('资产与采购管理处');
      const p = expectCreated(await lianluo.post('/posts', { department_id: procurement.id, name: uniq('采购岗'), duties: '', tier: 'staff', keys: ['goods'], headcount: 1 }));
      assert.equal(p.department_id, procurement.id);
      expectDeleted(await lianluo.del(`/posts/${p.id}`));
      expectError(await lianluo.post('/posts', { department_id: finance.id, name: uniq('采购越权'), duties: '', tier: 'staff', keys: [], headcount: 1 }), 403, 'auth.out_of_scope');
    });

    it('shenji (auditor) reads the college but POST /posts → 403 auth.forbidden', async () => {
      const shenji = await as(srv, 'shenji');
      assert.equal(await total(shenji, '/posts'), await total(jiwei, `/posts?unit_id=${org.units.ZYXY.id}`));
      const before = await total(jiwei, '/posts');
      const name = uniq('审计写入');
      expectError(await shenji.post('/posts', { department_id: finance.id, name, duties: '', tier: 'staff', keys: [], headcount: 1 }), 403, 'auth.forbidden');
      expectError(await shenji.put(`/posts/${hrPost.id}`, { department_id: hr.id, name, duties: '', tier: 'staff', keys: [], headcount: 1 }), 403, 'auth.forbidden');
      expectError(await shenji.del(`/posts/${hrPost.id}`), 403, 'auth.forbidden');
      assert.equal(await total(jiwei, '/posts'), before);
      assert.equal((await jiwei.get(`/posts/${hrPost.id}`)).status, 200);
    });

    it('caiwu cannot read or write people and assignments outside 财务处', async () => {
      const caiwu = await as(srv, 'caiwu');
      const hrPeople = (await jiwei.get(`/people?department_id=${hr.id}&size=500`)).body.items;
      assert.ok(hrPeople.length > 0, 'the demo has people in 人事处');
      expectError(await caiwu.get(`/people/${hrPeople[0].id}`), 404);
      const peopleBefore = await total(jiwei, '/people');
      expectError(await caiwu.post('/people', { unit_id: org.units.ZYXY.id, department_id: hr.id, name: '越权人员', gender: '', title: '', employee_no: uniq('X'), status: 'active' }), 403, 'auth.out_of_scope');
      assert.equal(await total(jiwei, '/people'), peopleBefore);
      const mine = (await caiwu.get('/people?size=500')).body.items;
      assert.ok(mine.length > 0);
      // a 财务处 person onto a 人事处 post is a write outside scope
      const assignBefore = await total(jiwei, `/assignments?person_id=${mine[0].id}`);
      expectError(await caiwu.post('/assignments', { person_id: mine[0].id, post_id: hrPost.id, start_date: '2025-01-01', end_date: null, note: '' }), 403, 'auth.out_of_scope');
      assert.equal(await total(jiwei, `/assignments?person_id=${mine[0].id}`), assignBefore);
      // every assignment caiwu lists concerns a 财务处 post or a 财务处 person (whose earlier posts may lie elsewhere)
      const financePostIds = new Set((await listAll(jiwei, `/posts?department_id=${finance.id}`)).map((p) => p.id));
      const financePeopleIds = new Set((await listAll(jiwei, `/people?department_id=${finance.id}`)).map((p) => p.id));
      const assignments = await listAll(caiwu, '/assignments');
      assert.ok(assignments.length > 0);
      for (const a of assignments) {
        assert.ok(financePostIds.has(a.post_id) || financePeopleIds.has(a.person_id), `caiwu sees assignment ${JSON.stringify(a)}`);
      }
      // and every assignment that touches 财务处 (as jiwei sees them) is listed for caiwu
      const touching = (await listAll(jiwei, '/assignments')).filter((a) => financePostIds.has(a.post_id) || financePeopleIds.has(a.person_id));
      assert.deepEqual(new Set(assignments.map((a) => a.id)), new Set(touching.map((a) => a.id)));
    });

    it('lingdao (leader) reads but cannot write posts → 403 auth.forbidden', async () => {
      const lingdao = await as(srv, 'lingdao');
      const before = await total(jiwei, '/posts');
      expectError(await lingdao.post('/posts', { department_id: finance.id, name: uniq('领导写入'), duties: '', tier: 'staff', keys: [], headcount: 1 }), 403, 'auth.forbidden');
      assert.equal(await total(jiwei, '/posts'), before);
    });

    it('zhiyuan (staff) cannot write posts → 403 auth.forbidden', async () => {
      const zhiyuan = await as(srv, 'zhiyuan');
      const before = await total(jiwei, '/posts');
      expectError(await zhiyuan.post('/posts', { department_id: finance.id, name: uniq('职员写入'), duties: '', tier: 'staff', keys: [], headcount: 1 }), 403, 'auth.forbidden');
      assert.equal(await total(jiwei, '/posts'), before);
    });

    it('lingdao (leader, college) sees every college post and none of the bureau', async () => {
      const lingdao = await as(srv, 'lingdao');
      const mine = await listAll(lingdao, '/posts');
      assert.ok(mine.length > 0);
      for (const p of mine) assert.equal(p.unit_id, org.units.ZYXY.id, `lingdao sees ${JSON.stringify(p)}`);
      assert.equal(mine.length, await total(jiwei, `/posts?unit_id=${org.units.ZYXY.id}`));
      assert.ok(!mine.some((p) => p.id === bureauPost.id));
      expectError(await lingdao.get(`/posts/${bureauPost.id}`), 404);
      assert.equal(await total(lingdao, `/posts?unit_id=${org.units.XZSPJ.id}`), 0);
      const units = (await lingdao.get('/units')).body.items;
      assert.ok(units.some((u) => u.id === org.units.ZYXY.id));
      assert.ok(!units.some((u) => u.id === org.units.XZSPJ.id), `lingdao sees the bureau: ${JSON.stringify(units)}`);
      expectError(await lingdao.get(`/units/${org.units.XZSPJ.id}`), 404);
      const depts = await listAll(lingdao, '/departments');
      for (const d of depts) assert.equal(d.unit_id, org.units.ZYXY.id);
    });

    it('a department-scoped user sees the unit holding the department in /units', async () => {
      const caiwu = await as(srv, 'caiwu');
      const r = await caiwu.get('/units');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.items.map((u) => u.id), [org.units.ZYXY.id]);
      assert.equal(r.body.total, 1);
    });
  });
}
