// The power catalogue (职权目录): create / read / update / delete with validation, scope and permissions, list
// filters, full-text search, and the power categories (docs/api.md: Powers). After every refused write the
// number of powers is unchanged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectDeleted, expectOk, total, listAll, demoOrg } from './_util.mjs';

const PRESET_TYPES = ['许可', '非许可审批', '处罚', '确认', '裁决', '征收', '强制', '给付', '奖励', '检查', '其他'];
const PRESET_FUNCTIONS = ['决策权', '执行权', '监督权'];

// Runs `write` (a refused write) and checks that the list at `countPath`, as seen by `c`, holds as many objects as before.
async function refused(c, countPath, write, status, code, field) {
  const before = await total(c, countPath);
  const res = await write();
  expectError(res, status, code, field);
  assert.equal(await total(c, countPath), before, `${countPath}: count changed after a refused write`);
  return res;
}

// The text a power's full-text search covers (docs/api.md: name, content, basis, article and code).
const searchable = (p) => [p.name, p.content, p.basis, p.basis_article, p.code].join('\n');
const ids = (items) => items.map((p) => p.id);
const q = (text) => `/powers?q=${encodeURIComponent(text)}`;

for (const backend of backends()) {
  describe(`powers [${backend}]`, () => {
    let srv, jiwei, org, demo, posts;
    // The demo power called `name` (there is exactly one).
    const power = (name) => {
      const found = demo.filter((p) => p.name === name);
      assert.equal(found.length, 1, `expected one demo power named ${name}, found ${found.length}`);
      return found[0];
    };
    // The demo post `name` of the college department `dept`.
    const post = (dept, name) => {
      const found = posts.filter((p) => p.department_name === dept && p.name === name);
      assert.equal(found.length, 1, `expected one post ${dept}/${name}, found ${found.length}`);
      return found[0];
    };
    const body = (over = {}) => ({
      department_id: org.college('财务处').id, name: '差旅费报销审核', category: '执行权',
      content: '教职工差旅费的报销审核与支付', basis: '《学院差旅费管理办法》第六条', basis_article: '第六条',
      post_ids: [post('财务处', '会计').id], time_limit_days: 5, public: false, status: 'draft', ...over,
    });

    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      org = await demoOrg(jiwei);
      demo = await listAll(jiwei, '/powers');
      posts = await listAll(jiwei, `/posts?unit_id=${org.units.ZYXY.id}`);
    });
    after(async () => { await srv?.stop(); });

    describe('demo catalogue', () => {
      it('holds 23 powers, among them 物资采购 (ZYXY-001) of 资产与采购管理处 and 建设工程施工许可 of 某市行政审批局', () => {
        assert.equal(demo.length, 23, `demo powers: ${demo.map((p) => p.name).join(', ')}`);
        const wz = power('物资采购');
        assert.equal(wz.code, 'ZYXY-001');
        assert.equal(wz.unit_id, org.units.ZYXY.id);
        assert.equal(wz.department_id, org.college('资产与采购管理处').id);
        assert.equal(wz.department_name, '资产与采购管理处');
        assert.equal(wz.status, 'in_force');
        assert.equal(wz.has_flow, true);
        assert.deepEqual(wz.posts.map((p) => p.id), wz.post_ids);
        for (const p of wz.posts) assert.equal(posts.find((x) => x.id === p.id)?.name, p.name, `post ${p.id} of 物资采购`);
        const sg = power('建设工程施工许可');
        assert.equal(sg.unit_id, org.units.XZSPJ.id);
        assert.equal(sg.time_limit_days, 20);
        assert.equal(sg.category, '许可');
      });
    });

    describe('create, read, update, delete', () => {
      it('create with a department: the unit follows from it, the code is made, the object reads back the same', async () => {
        const before = await total(jiwei, '/powers');
        const kj = post('财务处', '会计');
        const p = expectCreated(await jiwei.post('/powers', body({ name: '差旅费报销审核' })));
        assert.equal(p.unit_id, org.units.ZYXY.id, 'unit_id follows from the department');
        assert.equal(p.department_id, org.college('财务处').id);
        assert.equal(p.department_name, '财务处');
        assert.equal(p.name, '差旅费报销审核');
        assert.equal(p.category, '执行权');
        assert.equal(p.content, '教职工差旅费的报销审核与支付');
        assert.equal(p.basis, '《学院差旅费管理办法》第六条');
        assert.equal(p.basis_article, '第六条');
        assert.deepEqual(p.post_ids, [kj.id]);
        assert.deepEqual(p.posts, [{ id: kj.id, name: '会计' }]);
        assert.equal(p.time_limit_days, 5);
        assert.equal(p.public, false);
        assert.equal(p.status, 'draft');
        assert.equal(p.has_flow, false);
        assert.ok(Number.isInteger(p.version), `version: ${p.version}`);
        assert.ok(!Number.isNaN(Date.parse(p.updated_at)), `updated_at: ${p.updated_at}`);
        assert.match(p.code, /^ZYXY-\d{3,}$/, 'an empty code is made as <unit code>-NNN');
        assert.ok(!demo.some((d) => d.code === p.code), `made code ${p.code} repeats a demo code`);
        assert.equal(await total(jiwei, '/powers'), before + 1);
        assert.deepEqual((await jiwei.get(`/powers/${p.id}`)).body, p);
        // a second one gets another made code
        const p2 = expectCreated(await jiwei.post('/powers', body({ name: '差旅费报销审核（二）' })));
        assert.match(p2.code, /^ZYXY-\d{3,}$/);
        assert.notEqual(p2.code, p.code);
        for (const x of [p, p2]) expectDeleted(await jiwei.del(`/powers/${x.id}`));
        assert.equal(await total(jiwei, '/powers'), before);
      });

      it('create at unit level (no department): unit_id is kept, department_id is null; neither → 400 unit_id', async () => {
        const p = expectCreated(await jiwei.post('/powers', { unit_id: org.units.XZSPJ.id, name: '行政审批事项目录管理', category: '其他', code: 'XZSPJ-T01', status: 'draft' }));
        assert.equal(p.unit_id, org.units.XZSPJ.id);
        assert.equal(p.department_id, null);
        assert.equal(p.code, 'XZSPJ-T01');
        assert.equal(p.time_limit_days, null);
        assert.deepEqual(p.posts, []);
        assert.deepEqual((await jiwei.get(`/powers/${p.id}`)).body, p);
        assert.ok((await listAll(jiwei, `/powers?unit_id=${org.units.XZSPJ.id}`)).some((x) => x.id === p.id));
        await refused(jiwei, '/powers', () => jiwei.post('/powers', { name: '无单位职权', category: '其他' }), 400, undefined, 'unit_id');
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });

      it('validation errors name the field, and nothing is created', async () => {
        const { name: _n, ...noName } = body();
        await refused(jiwei, '/powers', () => jiwei.post('/powers', noName), 400, undefined, 'name');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ name: '' })), 400, undefined, 'name');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ name: '权'.repeat(201) })), 400, undefined, 'name');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ code: 'BAD CODE' })), 400, undefined, 'code');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ code: '职权一' })), 400, undefined, 'code');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ code: 'A'.repeat(41) })), 400, undefined, 'code');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ category: '立法' })), 400, 'power.category_invalid', 'category');
        const other = await otherUnitPost();
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ post_ids: [other.id] })), 400, 'power.post_invalid', 'post_ids');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ post_ids: [987654] })), 400, 'power.post_invalid', 'post_ids');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ time_limit_days: 0 })), 400, undefined, 'time_limit_days');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ time_limit_days: 366 })), 400, undefined, 'time_limit_days');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ time_limit_days: -3 })), 400, undefined, 'time_limit_days');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ status: 'abolished' })), 400, undefined, 'status');
        await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ public: 'yes' })), 400, undefined, 'public');
        // the limits are inclusive
        const edge = [];
        edge.push(expectCreated(await jiwei.post('/powers', body({ name: '权'.repeat(200), code: 'A'.repeat(40), time_limit_days: 365 })), '200-char name, 40-char code, 365 days'));
        edge.push(expectCreated(await jiwei.post('/powers', body({ name: '一日办结事项', code: 'ok_1.2-3', time_limit_days: 1 })), '1 day, code with _ . -'));
        assert.equal(edge[0].name, '权'.repeat(200));
        assert.equal(edge[1].code, 'ok_1.2-3');
        for (const p of edge) expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });

      async function otherUnitPost() {
        const list = await listAll(jiwei, `/posts?unit_id=${org.units.XZSPJ.id}`);
        assert.ok(list.length > 0, 'the bureau has posts');
        return list[0];
      }

      it('a duplicate code in the unit → 409 power.code_taken; the same code in another unit is fine', async () => {
        const e = (await refused(jiwei, '/powers', () => jiwei.post('/powers', body({ code: 'ZYXY-001' })), 409, 'power.code_taken')).body.error;
        assert.ok(e.field === undefined || e.field === 'code', `field: ${e.field}`);
        const elsewhere = expectCreated(await jiwei.post('/powers', { unit_id: org.units.XZSPJ.id, name: '同编号职权', category: '其他', code: 'ZYXY-001', status: 'draft' }), 'ZYXY-001 in the bureau');
        assert.equal(elsewhere.code, 'ZYXY-001');
        // renaming the code of a power to a taken one is refused too, and leaves the code as it was
        const mine = expectCreated(await jiwei.post('/powers', body({ code: 'ZYXY-T77' })));
        expectError(await jiwei.put(`/powers/${mine.id}`, { code: 'ZYXY-002' }), 409, 'power.code_taken');
        assert.equal((await jiwei.get(`/powers/${mine.id}`)).body.code, 'ZYXY-T77');
        for (const p of [elsewhere, mine]) expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });

      it('PUT is partial, answers the object after the change, and adds 1 to version each time', async () => {
        const p = expectCreated(await jiwei.post('/powers', body({ name: '版本测试职权', note: '原备注' })));
        const r1 = await jiwei.put(`/powers/${p.id}`, { content: '修改后的具体内容' });
        assert.equal(r1.status, 200, JSON.stringify(r1.body));
        assert.equal(r1.body.version, p.version + 1);
        assert.equal(r1.body.content, '修改后的具体内容');
        for (const k of ['name', 'category', 'basis', 'note', 'time_limit_days', 'department_id', 'code', 'status']) assert.deepEqual(r1.body[k], p[k], `${k} kept`);
        assert.deepEqual(r1.body.post_ids, p.post_ids);
        assert.deepEqual((await jiwei.get(`/powers/${p.id}`)).body, r1.body);
        const r2 = await jiwei.put(`/powers/${p.id}`, { time_limit_days: null, post_ids: [post('财务处', '出纳').id, post('财务处', '会计').id] });
        assert.equal(r2.status, 200, JSON.stringify(r2.body));
        assert.equal(r2.body.version, p.version + 2);
        assert.equal(r2.body.time_limit_days, null, 'null clears time_limit_days');
        assert.deepEqual([...r2.body.post_ids].sort((a, b) => a - b), [post('财务处', '出纳').id, post('财务处', '会计').id].sort((a, b) => a - b));
        assert.deepEqual(r2.body.posts.map((x) => x.name).sort(), ['会计', '出纳'].sort());
        // a refused update changes nothing, not even the version
        expectError(await jiwei.put(`/powers/${p.id}`, { time_limit_days: 366 }), 400, undefined, 'time_limit_days');
        expectError(await jiwei.put(`/powers/${p.id}`, { name: '' }), 400, undefined, 'name');
        assert.deepEqual((await jiwei.get(`/powers/${p.id}`)).body, r2.body);
        // a demo power's version goes up by one too
        const wz = power('物资采购');
        const r3 = await jiwei.put(`/powers/${wz.id}`, { note: '版本加一' });
        assert.equal(r3.status, 200, JSON.stringify(r3.body));
        assert.equal(r3.body.version, wz.version + 1);
        assert.equal(r3.body.has_flow, true, 'the flow stays');
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });

      it('DELETE: a draft goes; an in_force power → 409 power.not_draft and stays', async () => {
        const before = await total(jiwei, '/powers');
        const p = expectCreated(await jiwei.post('/powers', body({ name: '待删除草稿' })));
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
        expectError(await jiwei.get(`/powers/${p.id}`), 404);
        expectError(await jiwei.del(`/powers/${p.id}`), 404);
        assert.equal(await total(jiwei, '/powers'), before);

        await refused(jiwei, '/powers', () => jiwei.del(`/powers/${power('物资采购').id}`), 409, 'power.not_draft');
        assert.equal((await jiwei.get(`/powers/${power('物资采购').id}`)).status, 200);
        const live = expectCreated(await jiwei.post('/powers', body({ name: '已生效职权' })));
        const put = await jiwei.put(`/powers/${live.id}`, { status: 'in_force' });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        await refused(jiwei, '/powers', () => jiwei.del(`/powers/${live.id}`), 409, 'power.not_draft');
        const rep = await jiwei.put(`/powers/${live.id}`, { status: 'repealed' });
        assert.equal(rep.status, 200, JSON.stringify(rep.body));
        await refused(jiwei, '/powers', () => jiwei.del(`/powers/${live.id}`), 409, 'power.not_draft');
        assert.equal((await jiwei.get(`/powers/${live.id}`)).body.status, 'repealed');
      });

      it('GET of a power that does not exist → 404', async () => {
        expectError(await jiwei.get('/powers/987654'), 404);
      });
    });

    describe('scope and permissions', () => {
      it('caiwu (dept_head 财务处) sees only the powers of 财务处; a power of 资产与采购管理处 reads as 404', async () => {
        const caiwu = await as(srv, 'caiwu');
        const mine = await listAll(caiwu, '/powers');
        const cw = org.college('财务处').id;
        const want = (await listAll(jiwei, '/powers')).filter((p) => p.department_id === cw).map((p) => p.id).sort((a, b) => a - b);
        assert.ok(want.length >= 3, 'the demo has powers of 财务处');
        assert.deepEqual(ids(mine).sort((a, b) => a - b), want);
        for (const p of mine) assert.equal(p.department_name, '财务处');
        expectError(await caiwu.get(`/powers/${power('物资采购').id}`), 404);
        expectError(await caiwu.get(`/powers/${power('建设工程施工许可').id}`), 404);
        assert.equal((await caiwu.get(`/powers/${power('费用报销').id}`)).status, 200);
        // search and filters stay inside the scope
        assert.deepEqual((await listAll(caiwu, q('采购'))).filter((p) => p.department_id !== cw), []);
        assert.equal(await total(caiwu, `/powers?department_id=${org.college('资产与采购管理处').id}`), 0);
      });

      it('caiwu creates in 财务处 but not in 资产与采购管理处 (403 auth.out_of_scope, nothing created)', async () => {
        const caiwu = await as(srv, 'caiwu');
        const p = expectCreated(await caiwu.post('/powers', body({ name: '财务处自建职权' })));
        assert.equal(p.department_id, org.college('财务处').id);
        await refused(jiwei, '/powers', () => caiwu.post('/powers', body({ name: '越权职权', department_id: org.college('资产与采购管理处').id, post_ids: [] })), 403, 'auth.out_of_scope');
        await refused(jiwei, '/powers', () => caiwu.post('/powers', { unit_id: org.units.ZYXY.id, name: '越权单位级职权', category: '其他' }), 403, 'auth.out_of_scope');
        expectDeleted(await caiwu.del(`/powers/${p.id}`));
      });

      it('lianluo (liaison 资产与采购管理处) edits 物资采购 but not 费用报销 (403, unchanged)', async () => {
        const lianluo = await as(srv, 'lianluo');
        const wz = (await jiwei.get(`/powers/${power('物资采购').id}`)).body;
        const ok = await lianluo.put(`/powers/${wz.id}`, { service_commitment: '承诺按期办结' });
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        assert.equal(ok.body.service_commitment, '承诺按期办结');
        assert.equal(ok.body.version, wz.version + 1);
        const fy = (await jiwei.get(`/powers/${power('费用报销').id}`)).body;
        expectError(await lianluo.put(`/powers/${fy.id}`, { service_commitment: '越权修改' }), 403, 'auth.out_of_scope');
        assert.deepEqual((await jiwei.get(`/powers/${fy.id}`)).body, fy, '费用报销 unchanged');
        // moving 物资采购 into a department outside the liaison's scope is a write outside scope too
        expectError(await lianluo.put(`/powers/${wz.id}`, { department_id: org.college('财务处').id }), 403, 'auth.out_of_scope');
        assert.equal((await jiwei.get(`/powers/${wz.id}`)).body.department_id, wz.department_id);
      });

      it('shenji (auditor) and zhiyuan (staff) read but cannot write (403 auth.forbidden)', async () => {
        const shenji = await as(srv, 'shenji');
        const zhiyuan = await as(srv, 'zhiyuan');
        const wz = (await jiwei.get(`/powers/${power('物资采购').id}`)).body;
        assert.deepEqual((await shenji.get(`/powers/${wz.id}`)).body, wz, 'the auditor reads the college');
        const college = (await listAll(jiwei, '/powers')).filter((p) => p.unit_id === org.units.ZYXY.id);
        assert.deepEqual(ids(await listAll(shenji, '/powers')), ids(college), 'the auditor sees the college, only');
        for (const c of [shenji, zhiyuan]) {
          await refused(jiwei, '/powers', () => c.post('/powers', body({ name: '无权新建' })), 403, 'auth.forbidden');
          expectError(await c.put(`/powers/${power('费用报销').id}`, { note: '无权修改' }), 403, 'auth.forbidden');
          await refused(jiwei, '/powers', () => c.del(`/powers/${power('费用报销').id}`), 403, 'auth.forbidden');
        }
        assert.notEqual((await jiwei.get(`/powers/${power('费用报销').id}`)).body.note, '无权修改');
      });

      it('a write without the CSRF token → 403 auth.csrf_missing, nothing created', async () => {
        await refused(jiwei, '/powers', () => jiwei.request('POST', '/powers', body({ name: '无令牌' }), { csrf: false }), 403, 'auth.csrf_missing');
      });
    });

    describe('list filters', () => {
      it('department_id includes sub-departments', async () => {
        const cw = org.college('财务处');
        const sub = expectCreated(await jiwei.post('/departments', { unit_id: org.units.ZYXY.id, parent_id: cw.id, code: 'CWK', name: '核算科', sort: 1 }));
        const p = expectCreated(await jiwei.post('/powers', body({ department_id: sub.id, name: '核算科会计核算', post_ids: [] })));
        assert.equal(p.department_name, '核算科');
        assert.equal(p.unit_id, org.units.ZYXY.id);
        const inCw = await listAll(jiwei, `/powers?department_id=${cw.id}`);
        const want = (await listAll(jiwei, '/powers')).filter((x) => x.department_id === cw.id || x.id === p.id).map((x) => x.id).sort((a, b) => a - b);
        assert.ok(want.length >= 4, 'the demo powers of 财务处 and the new one');
        assert.deepEqual(ids(inCw).sort((a, b) => a - b), want);
        assert.deepEqual(ids(await listAll(jiwei, `/powers?department_id=${sub.id}`)), [p.id]);
        // caiwu's scope (财务处) covers the sub-department
        const caiwu = await as(srv, 'caiwu');
        assert.equal((await caiwu.get(`/powers/${p.id}`)).status, 200);
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
        expectDeleted(await jiwei.del(`/departments/${sub.id}`));
      });

      it('ordered by id; unit_id, category and status filter; filters combine', async () => {
        const all = await listAll(jiwei, '/powers');
        assert.deepEqual(ids(all), ids(all).slice().sort((a, b) => a - b), 'ordered by id');
        for (const u of ['ZYXY', 'XZSPJ', 'SJW']) {
          const list = await listAll(jiwei, `/powers?unit_id=${org.units[u].id}`);
          assert.deepEqual(ids(list), ids(all.filter((p) => p.unit_id === org.units[u].id)), `unit_id of ${u}`);
          assert.ok(list.length > 0, `${u} has powers`);
        }
        for (const cat of ['决策权', '执行权', '许可']) {
          const list = await listAll(jiwei, `/powers?category=${encodeURIComponent(cat)}`);
          assert.ok(list.length > 0, `some power is ${cat}`);
          assert.deepEqual(ids(list), ids(all.filter((p) => p.category === cat)), `category=${cat}`);
        }
        const drafts = await listAll(jiwei, '/powers?status=draft');
        assert.ok(drafts.some((p) => p.name === '问题线索处置'), 'the demo draft 问题线索处置');
        assert.deepEqual(ids(drafts), ids(all.filter((p) => p.status === 'draft')));
        assert.deepEqual(ids(await listAll(jiwei, '/powers?status=in_force')), ids(all.filter((p) => p.status === 'in_force')));
        const both = await listAll(jiwei, `/powers?unit_id=${org.units.ZYXY.id}&category=${encodeURIComponent('执行权')}`);
        assert.deepEqual(ids(both), ids(all.filter((p) => p.unit_id === org.units.ZYXY.id && p.category === '执行权')));
        assert.ok(both.some((p) => p.name === '物资采购'));
      });
    });

    describe('full-text search', () => {
      let all;
      before(async () => { all = await listAll(jiwei, '/powers'); });

      it('q=采购 finds 物资采购 and 食堂原材料采购, every power saying 采购, and nothing without 采 or 购', async () => {
        const found = await listAll(jiwei, q('采购'));
        const names = found.map((p) => p.name);
        for (const n of ['物资采购', '食堂原材料采购', '图书资料采购']) assert.ok(names.includes(n), `q=采购 misses ${n}: ${names.join(', ')}`);
        for (const p of all.filter((x) => searchable(x).includes('采购'))) assert.ok(ids(found).includes(p.id), `q=采购 misses ${p.name}`);
        for (const p of found) assert.match(searchable(p), /[采购]/, `q=采购 returned ${p.name}, which has neither 采 nor 购`);
        assert.ok(found.length < all.length, 'q=采购 does not return everything');
        assert.deepEqual(ids(found), ids(found).slice().sort((a, b) => a - b), 'ordered by id');
      });

      it('Chinese by characters: q=购 finds every power with 购; q="采 购" (two one-character terms) finds 物资采购', async () => {
        const found = await listAll(jiwei, q('购'));
        assert.deepEqual(ids(found), ids(all.filter((p) => searchable(p).includes('购'))));
        assert.ok(ids(found).includes(power('物资采购').id));
        const two = await listAll(jiwei, q('采 购'));
        assert.ok(ids(two).includes(power('物资采购').id) && ids(two).includes(power('食堂原材料采购').id));
        for (const p of two) assert.ok(searchable(p).includes('采') && searchable(p).includes('购'), p.name);
      });

      it('every term must match: q="采购 合同" is narrower than q=采购', async () => {
        const found = await listAll(jiwei, q('采购 合同'));
        assert.ok(ids(found).includes(power('物资采购').id), '物资采购 mentions 合同签订');
        for (const p of all.filter((x) => searchable(x).includes('采购') && searchable(x).includes('合同'))) assert.ok(ids(found).includes(p.id), `misses ${p.name}`);
        for (const p of found) {
          assert.match(searchable(p), /[采购]/, `${p.name} lacks 采购`);
          assert.match(searchable(p), /[合同]/, `${p.name} lacks 合同`);
        }
        const wider = await listAll(jiwei, q('采购'));
        assert.ok(found.length < wider.length, `q="采购 合同" (${found.length}) narrower than q=采购 (${wider.length})`);
        // a term that nothing has empties the result
        assert.equal(await total(jiwei, q('采购 鹦鹉螺')), 0);
      });

      it('matches content and basis, not only the name; and a code', async () => {
        const byBasis = await listAll(jiwei, q('政府采购法'));
        assert.ok(ids(byBasis).includes(power('物资采购').id), 'basis 《中华人民共和国政府采购法》');
        const byCode = await listAll(jiwei, q('ZYXY-013'));
        assert.ok(ids(byCode).includes(power('食堂原材料采购').id), `code ZYXY-013: ${byCode.map((p) => p.code).join(', ')}`);
        assert.ok(!ids(byCode).includes(power('物资采购').id), 'ZYXY-013 is not ZYXY-001');
      });

      it('q of punctuation only, or of nothing searchable, → empty', async () => {
        for (const text of ['，。！？', '!!!', '、；：“”', '%', "' OR '1'='1"]) {
          const r = await jiwei.get(`${q(text)}&page=1&size=50`);
          assert.equal(r.status, 200, `q=${text}: ${r.status} ${JSON.stringify(r.body)}`);
          assert.deepEqual(r.body.items, [], `q=${text} returned ${r.body.items?.map((p) => p.name).join(', ')}`);
          assert.equal(r.body.total, 0, `q=${text}`);
        }
      });

      it('after an update the new name is found and the old one is not; a deleted power is not found', async () => {
        const p = expectCreated(await jiwei.post('/powers', body({ name: '鹦鹉螺标本鉴定', content: '', basis: '', basis_article: '' })));
        assert.deepEqual(ids(await listAll(jiwei, q('鹦鹉螺'))), [p.id]);
        const put = await jiwei.put(`/powers/${p.id}`, { name: '麒麟瓷器鉴定' });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assert.deepEqual(ids(await listAll(jiwei, q('麒麟瓷器'))), [p.id]);
        assert.deepEqual(ids(await listAll(jiwei, q('鹦鹉螺'))), [], 'the old name is not found');
        const put2 = await jiwei.put(`/powers/${p.id}`, { content: '珊瑚化石登记' });
        assert.equal(put2.status, 200, JSON.stringify(put2.body));
        assert.deepEqual(ids(await listAll(jiwei, q('珊瑚化石'))), [p.id], 'updated content is found');
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
        assert.deepEqual(ids(await listAll(jiwei, q('麒麟瓷器'))), []);
      });
    });

    describe('categories', () => {
      it('a unit lists the 14 presets, 11 of group type and 3 of group function', async () => {
        const r = await jiwei.get(`/power-categories?unit_id=${org.units.ZYXY.id}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const presets = r.body.items.filter((c) => c.preset);
        assert.equal(presets.length, 14);
        assert.equal(r.body.total, r.body.items.length);
        assert.deepEqual(presets.filter((c) => c.group === 'type').map((c) => c.name).sort(), PRESET_TYPES.slice().sort());
        assert.deepEqual(presets.filter((c) => c.group === 'function').map((c) => c.name).sort(), PRESET_FUNCTIONS.slice().sort());
        for (const c of presets) {
          assert.equal(c.unit_id, null, `preset ${c.name} has no unit`);
          assert.ok(Number.isInteger(c.id) && Number.isInteger(c.sort), JSON.stringify(c));
        }
        // a department-scoped user reads the categories of their unit
        const caiwu = await as(srv, 'caiwu');
        const cr = await caiwu.get(`/power-categories?unit_id=${org.units.ZYXY.id}`);
        assert.equal(cr.status, 200, JSON.stringify(cr.body));
        assert.equal(cr.body.items.filter((c) => c.preset).length, 14);
      });

      it('a unit\'s own category: added, listed for that unit only, used by a power; a duplicate → 409', async () => {
        const zy = org.units.ZYXY.id, bj = org.units.XZSPJ.id;
        const before = (await jiwei.get(`/power-categories?unit_id=${zy}`)).body.total;
        const c = expectCreated(await jiwei.post('/power-categories', { unit_id: zy, name: '教学管理权', group: 'function' }));
        assert.equal(c.unit_id, zy);
        assert.equal(c.name, '教学管理权');
        assert.equal(c.group, 'function');
        assert.equal(c.preset, false);
        const listed = (await jiwei.get(`/power-categories?unit_id=${zy}`)).body;
        assert.equal(listed.total, before + 1);
        assert.ok(listed.items.some((x) => x.id === c.id));
        assert.ok(!(await jiwei.get(`/power-categories?unit_id=${bj}`)).body.items.some((x) => x.name === '教学管理权'), 'not a category of the bureau');

        const p = expectCreated(await jiwei.post('/powers', body({ name: '课程设置审定', category: '教学管理权' })), 'a power of the new category');
        assert.equal(p.category, '教学管理权');
        assert.ok(ids(await listAll(jiwei, `/powers?category=${encodeURIComponent('教学管理权')}`)).includes(p.id));
        await refused(jiwei, '/powers', () => jiwei.post('/powers', { unit_id: bj, name: '他单位类别', category: '教学管理权' }), 400, 'power.category_invalid', 'category');

        const dup = await jiwei.post('/power-categories', { unit_id: zy, name: '教学管理权', group: 'function' });
        expectError(dup, 409);
        assert.equal((await jiwei.get(`/power-categories?unit_id=${zy}`)).body.total, before + 1);
        // the same name in another unit is that unit's own
        const other = expectCreated(await jiwei.post('/power-categories', { unit_id: bj, name: '教学管理权', group: 'type' }), 'same name in the bureau');
        expectDeleted(await jiwei.del(`/power-categories/${other.id}`));
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
        expectDeleted(await jiwei.del(`/power-categories/${c.id}`));
        assert.equal((await jiwei.get(`/power-categories?unit_id=${zy}`)).body.total, before);
      });

      it('validation: no name, unknown group → 400; only admin and supervisor add categories', async () => {
        const zy = org.units.ZYXY.id;
        const count = async () => (await jiwei.get(`/power-categories?unit_id=${zy}`)).body.total;
        const before = await count();
        expectError(await jiwei.post('/power-categories', { unit_id: zy, name: '', group: 'type' }), 400, undefined, 'name');
        expectError(await jiwei.post('/power-categories', { unit_id: zy, name: '某类', group: 'kind' }), 400, undefined, 'group');
        for (const u of ['lianluo', 'caiwu', 'shenji']) {
          const c = await as(srv, u);
          expectError(await c.post('/power-categories', { unit_id: zy, name: `${u}的类别`, group: 'type' }), 403);
        }
        assert.equal(await count(), before);
      });

      it('a preset cannot be deleted (409 power.category_preset)', async () => {
        const list = (await jiwei.get(`/power-categories?unit_id=${org.units.ZYXY.id}`)).body.items;
        const xk = list.find((c) => c.preset && c.name === '许可');
        expectError(await jiwei.del(`/power-categories/${xk.id}`), 409, 'power.category_preset');
        const after = (await jiwei.get(`/power-categories?unit_id=${org.units.ZYXY.id}`)).body.items;
        assert.ok(after.some((c) => c.id === xk.id), '许可 is still there');
        const admin = await as(srv, 'admin');
        expectError(await admin.del(`/power-categories/${xk.id}`), 409, 'power.category_preset');
      });
    });
  });
}
