// The risk register (廉政风险点): filing and editing risks with validation, placing, power/step links and scope;
// grading models (preview, a unit's own model, display labels); register checks (体检); yearly cycles
// (docs/api.md: Risks (廉政风险点) and grading, Cycles and checks). Demo risks may exist: every assertion is on
// risks the test makes, or on totals compared before and after.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectOk, total, listAll, demoOrg, subtreeIds, uniq } from './_util.mjs';

const YEAR = Number(new Date().toISOString().slice(0, 4));
const QUALITY_CODES = ['posts_without_risk', 'key_post_without_high', 'rank_only_grading', 'risk_without_measure',
  'measure_vague', 'task_overdue', 'rating_expired', 'stage_overdue'];


// The zh label of `level` in a grading model's `labels` ({"high":"高"} or {"high":{"zh":"高","en":"High"}}).
function labelOf(model, level) {
  const l = model.labels?.[level];
  return typeof l === 'string' ? l : l?.zh;
}

// Every college post of `dept` (an id) by name; fails unless the name is unique in the department.
async function postsOf(c, deptId) {
  const posts = await listAll(c, `/posts?department_id=${deptId}`);
  const byName = {};
  for (const p of posts) {
    if (p.department_id !== deptId) continue;
    assert.ok(!byName[p.name], `two posts named ${p.name} in department ${deptId}`);
    byName[p.name] = p;
  }
  return byName;
}

for (const backend of backends()) {
  describe(`risks [${backend}]`, () => {
    let srv, admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji, org, zy, cwc, zccg, cwPosts, zhiyuanId;
    const riskTotal = () => total(admin, '/risks');
    // Total risks and audit rows, to show that a refused write changed nothing.
    const snapshot = async () => ({ risks: await riskTotal(), audit: await total(admin, '/audit') });

    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji] = await Promise.all(
        ['admin', 'jiwei', 'lingdao', 'caiwu', 'lianluo', 'zhiyuan', 'shenji'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
      cwc = org.college('财务处');
      zccg = org.college('资产与采购管理处');
      cwPosts = await postsOf(jiwei, cwc.id);
      for (const name of ['会计', '出纳']) assert.ok(cwPosts[name], `demo post 财务处/${name} missing`);
      zhiyuanId = (await zhiyuan.get('/auth/me')).body.user.id;
    });
    after(async () => { await srv?.stop(); });

    // ---- filing and validation -------------------------------------------------------------------------------

    it('zhiyuan files a risk for their own post (会计) → 201 draft, graded high from likelihood 2 × impact 3', async () => {
      const before = await riskTotal();
      const description = uniq('报销审核把关不严');
      const res = await zhiyuan.post('/risks', {
        post_id: cwPosts['会计'].id, description, manifestation: '对不合规票据放宽审核', duty: '经费报销审核',
        causes: '监管缺失；个人自律', category: '岗位职责', finding_method: '自己找',
        measures_text: '每月由处长抽查报销凭证', grading_inputs: { likelihood: 2, impact: 3 },
      });
      const r = expectCreated(res, 'POST /risks as zhiyuan');
      assert.equal(r.stage, 'draft');
      assert.equal(r.computed_level, 'high');
      assert.equal(r.level, 'high');
      assert.equal(r.override_reason, '');
      assert.ok(typeof r.grading_basis === 'string' && r.grading_basis.includes('6'), `grading_basis: ${r.grading_basis}`);
      assert.deepEqual(r.grading_inputs, { likelihood: 2, impact: 3 });
      assert.equal(r.scope_level, 'post');
      assert.equal(r.post_id, cwPosts['会计'].id);
      assert.equal(r.post_name, '会计');
      assert.equal(r.department_id, cwc.id, 'the department follows from the post');
      assert.equal(r.department_name, '财务处');
      assert.equal(r.unit_id, zy, 'the unit follows from the post');
      assert.equal(r.year, YEAR);
      assert.ok(Number.isInteger(r.cycle_id));
      assert.equal(r.category, '岗位职责');
      assert.equal(r.risk_class, 'integrity');
      assert.equal(r.finding_method, '自己找');
      assert.equal(r.causes, '监管缺失；个人自律');
      assert.equal(r.filed_by, zhiyuanId);
      assert.equal(r.filed_by_name, '朱文静');
      assert.equal(r.cycle_closed, false);
      assert.equal(r.description, description);
      assert.deepEqual((await zhiyuan.get(`/risks/${r.id}`)).body, r, 'GET answers what POST answered');
      assert.equal(await riskTotal(), before + 1);
      const found = (await zhiyuan.get(`/risks?q=${encodeURIComponent(description)}`)).body;
      assert.deepEqual(found.items.map((x) => x.id), [r.id], 'q finds it by description');
    });

    it('the category 管理风险 makes a management risk', async () => {
      const r = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('管理风险'), category: '管理风险' }));
      assert.equal(r.risk_class, 'management');
      assert.equal(r.scope_level, 'department');
      assert.equal(r.post_id, null);
    });

    it('zhiyuan filing for a post not their own (出纳) → 403; nothing written', async () => {
      const s = await snapshot();
      expectError(await zhiyuan.post('/risks', { post_id: cwPosts['出纳'].id, description: uniq('出纳风险') }), 403);
      expectError(await zhiyuan.post('/risks', { department_id: cwc.id, description: uniq('部门风险') }), 403);
      assert.deepEqual(await snapshot(), s);
    });

    it('validation: description required, category from the list, finding_method from the list, level known; nothing written', async () => {
      const s = await snapshot();
      const post_id = cwPosts['会计'].id;
      expectError(await zhiyuan.post('/risks', { post_id, manifestation: '无风险点描述' }), 400, undefined, 'description');
      expectError(await zhiyuan.post('/risks', { post_id, description: '   ' }), 400, undefined, 'description');
      expectError(await zhiyuan.post('/risks', { post_id, description: uniq('类别'), category: '不存在的类别' }), 400, undefined, 'category');
      expectError(await zhiyuan.post('/risks', { post_id, description: uniq('方式'), finding_method: '随便找' }), 400, undefined, 'finding_method');
      expectError(await zhiyuan.post('/risks', { post_id, description: uniq('等级'), level: 'extreme' }), 400, undefined, 'level');
      assert.deepEqual(await snapshot(), s);
    });

    it('GET /risk-categories lists the presets, 管理风险 as class management', async () => {
      const r = await zhiyuan.get(`/risk-categories?unit_id=${zy}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const names = r.body.items.map((c) => c.name);
      for (const n of ['思想道德', '岗位职责', '业务流程', '制度机制', '外部环境', '工作效率', '管理风险']) assert.ok(names.includes(n), `category ${n} in ${names}`);
    });

    it('a level other than the computed one needs override_reason; with one the override stands and computed_level stays', async () => {
      const s = await snapshot();
      const base = { post_id: cwPosts['会计'].id, grading_inputs: { likelihood: 2, impact: 3 } };
      expectError(await zhiyuan.post('/risks', { ...base, description: uniq('越级'), level: 'low' }), 400, 'risk.override_reason_required');
      expectError(await zhiyuan.post('/risks', { ...base, description: uniq('越级'), level: 'low', override_reason: '' }), 400, 'risk.override_reason_required');
      assert.deepEqual(await snapshot(), s, 'refused: nothing written');

      const same = expectCreated(await zhiyuan.post('/risks', { ...base, description: uniq('同级'), level: 'high' }));
      assert.equal(same.level, 'high', 'the computed level sent back needs no reason');
      assert.equal(same.override_reason, '');

      const reason = '该岗位仅复核小额报销，实际风险较低';
      const r = expectCreated(await zhiyuan.post('/risks', { ...base, description: uniq('越级'), level: 'low', override_reason: reason }));
      assert.equal(r.level, 'low');
      assert.equal(r.computed_level, 'high');
      assert.equal(r.override_reason, reason);
      assert.ok(r.grading_basis.length > 0);
      const got = (await zhiyuan.get(`/risks/${r.id}`)).body;
      assert.equal(got.level, 'low');
      assert.equal(got.computed_level, 'high');
      assert.equal(got.override_reason, reason);

      // a PUT with other inputs that compute low again: the level follows, no reason needed any more
      const put = await zhiyuan.put(`/risks/${same.id}`, { grading_inputs: { likelihood: 1, impact: 2 } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.computed_level, 'low');
      assert.equal(put.body.level, 'low');
      // and PUT of a level different from the computed one needs the reason too
      expectError(await zhiyuan.put(`/risks/${same.id}`, { level: 'high' }), 400, 'risk.override_reason_required');
      assert.equal((await zhiyuan.get(`/risks/${same.id}`)).body.level, 'low');
    });

    it('a level sent without grading inputs is kept as declared', async () => {
      const r = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('申报等级'), level: 'medium' }));
      assert.equal(r.level, 'medium');
      assert.ok(!r.computed_level, `no computed level without inputs: ${JSON.stringify(r.computed_level)}`);
      assert.deepEqual(r.grading_inputs ?? {}, {});
      assert.equal((await caiwu.get(`/risks/${r.id}`)).body.level, 'medium');
      const none = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('未定级') }));
      assert.equal(none.level, '', 'no inputs, no level → ungraded');
    });

    it('power_id must be of the risk\'s unit and step_element a step of its flow; a valid link is listed by power_id', async () => {
      const powers = await listAll(jiwei, '/powers?q=' + encodeURIComponent('物资采购'));
      const wz = powers.find((p) => p.name === '物资采购' && p.unit_id === zy);
      assert.ok(wz, 'demo power 物资采购 of the college');
      const bureauPower = (await jiwei.get(`/powers?unit_id=${org.units.XZSPJ.id}&size=1`)).body.items[0];
      assert.ok(bureauPower && bureauPower.unit_id === org.units.XZSPJ.id, 'a power of the bureau');
      const flow = await jiwei.get(`/powers/${wz.id}/flow`);
      assert.equal(flow.status, 200, JSON.stringify(flow.body));
      const pay = flow.body.steps.filter((s) => s.name === '付款');
      assert.equal(pay.length, 1, `one step 付款 in ${flow.body.steps.map((s) => s.name)}`);
      const element = pay[0].element_id;

      const s = await snapshot();
      const base = { department_id: zccg.id, description: uniq('付款环节') };
      expectError(await lianluo.post('/risks', { ...base, power_id: bureauPower.id }), 400, undefined, 'power_id');
      expectError(await lianluo.post('/risks', { ...base, power_id: 99999999 }), 400, undefined, 'power_id');
      expectError(await lianluo.post('/risks', { ...base, power_id: wz.id, step_element: 'Task_nowhere' }), 400, undefined, 'step_element');
      assert.deepEqual(await snapshot(), s, 'refused: nothing written');

      const r = expectCreated(await lianluo.post('/risks', { ...base, power_id: wz.id, step_element: element, category: '业务流程',
        manifestation: '未经验收即付款', grading_inputs: { likelihood: 3, impact: 3 } }));
      assert.equal(r.power_id, wz.id);
      assert.equal(r.power_name, '物资采购');
      assert.equal(r.step_element, element);
      assert.equal(r.department_id, zccg.id);
      assert.equal(r.level, 'high');
      const listed = await listAll(lianluo, `/risks?power_id=${wz.id}`);
      assert.ok(listed.some((x) => x.id === r.id), 'GET /risks?power_id= lists it');
      for (const x of listed) assert.equal(x.power_id, wz.id, `power_id filter returned ${JSON.stringify(x)}`);

      // a step that belongs to another power's flow is not a step of this one
      const other = powers.find((p) => p.id !== wz.id && p.has_flow && p.unit_id === zy);
      if (other) {
        const steps = (await jiwei.get(`/powers/${other.id}/flow`)).body.steps.map((x) => x.element_id);
        const foreign = steps.find((e) => !flow.body.steps.some((x) => x.element_id === e));
        if (foreign) expectError(await lianluo.put(`/risks/${r.id}`, { step_element: foreign }), 400, undefined, 'step_element');
      }
      // clearing the power clears nothing else; a step without a power is refused
      expectError(await lianluo.put(`/risks/${r.id}`, { power_id: null }), 400, undefined, 'step_element');
      const cleared = await lianluo.put(`/risks/${r.id}`, { power_id: null, step_element: '' });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      assert.equal(cleared.body.power_id, null);
      assert.equal(cleared.body.step_element, '');
      assert.ok(!(await listAll(lianluo, `/risks?power_id=${wz.id}`)).some((x) => x.id === r.id), 'no longer linked');
    });

    it('scope: caiwu sees only 财务处 risks; a risk of another department is 404 to read and 403 to write', async () => {
      const mine = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('财务处风险') }));
      const theirs = expectCreated(await lianluo.post('/risks', { department_id: zccg.id, description: uniq('资产处风险') }));
      const inCwc = subtreeIds(org.collegeDepts, cwc.id);
      const seen = await listAll(caiwu, '/risks');
      assert.ok(seen.some((x) => x.id === mine.id), 'caiwu lists the 财务处 risk');
      assert.ok(!seen.some((x) => x.id === theirs.id), 'caiwu does not list the 资产处 risk');
      for (const x of seen) assert.ok(inCwc.has(x.department_id), `caiwu sees a risk outside 财务处: ${JSON.stringify(x)}`);
      assert.equal(await total(caiwu, `/risks?department_id=${zccg.id}`), 0, 'filtering on another department finds nothing');
      expectError(await caiwu.get(`/risks/${theirs.id}`), 404);
      expectError(await caiwu.get(`/risks/${theirs.id}/history`), 404);
      expectError(await zhiyuan.get(`/risks/${theirs.id}`), 404);
      expectError(await caiwu.get('/risks/99999999'), 404);

      const s = await snapshot();
      expectError(await caiwu.put(`/risks/${theirs.id}`, { manifestation: '越权修改' }), 403, 'auth.out_of_scope');
      expectError(await caiwu.post('/risks', { department_id: zccg.id, description: uniq('越权') }), 403, 'auth.out_of_scope');
      assert.deepEqual(await snapshot(), s, 'refused: nothing written');
      assert.equal((await lianluo.get(`/risks/${theirs.id}`)).body.manifestation, '');

      // the college's leader and auditor see both; the filter on department includes sub-departments
      for (const c of [lingdao, shenji]) {
        assert.equal((await c.get(`/risks/${mine.id}`)).status, 200);
        assert.equal((await c.get(`/risks/${theirs.id}`)).status, 200);
      }
      const byDept = await listAll(jiwei, `/risks?department_id=${cwc.id}`);
      assert.ok(byDept.some((x) => x.id === mine.id) && !byDept.some((x) => x.id === theirs.id));
      for (const x of byDept) assert.ok(inCwc.has(x.department_id));
      const bureau = await listAll(jiwei, `/risks?unit_id=${org.units.XZSPJ.id}`);
      assert.ok(!bureau.some((x) => x.id === mine.id || x.id === theirs.id), 'unit_id filter');

      // acting on a risk outside the scope: 403 auth.out_of_scope (docs/api.md: Grading workflow), nothing moves
      const s2 = await snapshot();
      expectError(await caiwu.post(`/risks/${theirs.id}/transitions`, { action: 'submit' }), 403, 'auth.out_of_scope');
      assert.deepEqual(await snapshot(), s2);
      assert.equal((await lianluo.get(`/risks/${theirs.id}`)).body.stage, 'draft');
    });

    it('list filters: scope_level, level, status, cycle; a bad level or status → 400', async () => {
      const d = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('筛选'), level: 'low' }));
      const byLevel = await listAll(caiwu, '/risks?level=low&scope_level=department&status=draft');
      assert.ok(byLevel.some((x) => x.id === d.id));
      for (const x of byLevel) assert.ok(x.level === 'low' && x.scope_level === 'department' && x.stage === 'draft', JSON.stringify(x));
      assert.ok((await listAll(caiwu, `/risks?cycle=${YEAR}`)).some((x) => x.id === d.id));
      assert.ok(!(await listAll(caiwu, `/risks?cycle=${YEAR - 1}`)).some((x) => x.id === d.id));
      assert.ok(!(await listAll(caiwu, '/risks?level=high')).some((x) => x.id === d.id));
      assert.ok(!(await listAll(caiwu, '/risks?scope_level=post')).some((x) => x.id === d.id));
      expectError(await caiwu.get('/risks?level=extreme'), 400);
      expectError(await caiwu.get('/risks?status=nowhere'), 400);
    });

    it('shenji (auditor) reads but cannot write: POST, PUT and transitions → 403; nothing written', async () => {
      const r = expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('审计只读') }));
      const s = await snapshot();
      expectError(await shenji.post('/risks', { department_id: cwc.id, description: uniq('审计新建') }), 403, 'auth.forbidden');
      expectError(await shenji.put(`/risks/${r.id}`, { manifestation: '审计修改' }), 403, 'auth.forbidden');
      expectError(await shenji.post(`/risks/${r.id}/transitions`, { action: 'submit' }), 403, 'auth.forbidden');
      expectError(await lingdao.post('/risks', { department_id: cwc.id, description: uniq('领导新建') }), 403);
      assert.deepEqual(await snapshot(), s);
      assert.deepEqual((await shenji.get(`/risks/${r.id}`)).body, r);
    });

    it('PUT: the filer edits the draft; staff cannot edit another\'s risk; after submit → 409 risk.not_editable', async () => {
      const r = expectCreated(await zhiyuan.post('/risks', { post_id: cwPosts['会计'].id, description: uniq('可编辑'), grading_inputs: { likelihood: 1, impact: 1 } }));
      assert.equal(r.level, 'low');
      const put = await zhiyuan.put(`/risks/${r.id}`, { manifestation: '补充表现形式', grading_inputs: { likelihood: 3, impact: 2 } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.manifestation, '补充表现形式');
      assert.equal(put.body.level, 'high', 'regraded on new inputs');
      assert.equal(put.body.description, r.description, 'partial PUT keeps the rest');
      assert.equal(put.body.post_id, r.post_id);
      // an office role of the department may edit the draft too
      assert.equal((await caiwu.put(`/risks/${r.id}`, { note: '处长补充' })).status, 200);
      expectError(await caiwu.put(`/risks/${r.id}`, { description: '' }), 400, undefined, 'description');

      const other = expectCreated(await caiwu.post('/risks', { post_id: cwPosts['会计'].id, description: uniq('处长代填') }));
      expectError(await zhiyuan.put(`/risks/${other.id}`, { manifestation: '改别人的' }), 403);
      assert.equal((await caiwu.get(`/risks/${other.id}`)).body.manifestation, '');

      const sub = await zhiyuan.post(`/risks/${r.id}/transitions`, { action: 'submit' });
      assert.equal(sub.status, 200, JSON.stringify(sub.body));
      assert.equal(sub.body.stage, 'dept_review');
      const frozen = (await zhiyuan.get(`/risks/${r.id}`)).body;
      const s = await snapshot();
      expectError(await zhiyuan.put(`/risks/${r.id}`, { manifestation: '提交后修改' }), 409, 'risk.not_editable');
      expectError(await caiwu.put(`/risks/${r.id}`, { manifestation: '部门审核中修改' }), 409, 'risk.not_editable');
      assert.deepEqual(await snapshot(), s);
      assert.deepEqual((await zhiyuan.get(`/risks/${r.id}`)).body, frozen, 'unchanged');
    });

    it('without a CSRF token a write is refused (403 auth.csrf_missing) and nothing changes', async () => {
      const s = await snapshot();
      expectError(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('无令牌') }, { csrf: false }), 403, 'auth.csrf_missing');
      assert.deepEqual(await snapshot(), s);
    });

    // ---- register checks ---------------------------------------------------------------------------------------

    it('GET /quality/risks: a vague measure → measure_vague; no measure → risk_without_measure; a concrete one → neither', async () => {
      // The checks run on the measures of the measures table (the form's measures_text alone is no measure).
      const vague = expectCreated(await caiwu.post('/risks', { post_id: cwPosts['出纳'].id, description: uniq('现金坐支'),
        level: 'medium', measures_text: '严格按照规章制度办事，不徇私情' }));
      expectCreated(await caiwu.post('/measures', { risk_id: vague.id, line: 'prevent', control_type: '制度建设',
        description: '严格按照规章制度办事，不徇私情' }));
      const bare = expectCreated(await caiwu.post('/risks', { post_id: cwPosts['出纳'].id, description: uniq('票据保管'), level: 'low',
        measures_text: '每月由处长检查' }));
      const good = expectCreated(await caiwu.post('/risks', { post_id: cwPosts['出纳'].id, description: uniq('库存现金'), level: 'high' }));
      expectCreated(await caiwu.post('/measures', { risk_id: good.id, line: 'monitor', control_type: '监督检查',
        description: '每月由处长对库存现金进行突击盘点并登记台账', owner_post_id: cwPosts['出纳'].id, frequency: 'monthly',
        evidence: '盘点表' }));
      const r = await jiwei.get(`/quality/risks?unit_id=${zy}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(Array.isArray(r.body.items) && r.body.items.length > 0);
      for (const f of r.body.items) {
        assert.ok(QUALITY_CODES.includes(f.code), `unknown finding code ${f.code}`);
        for (const k of ['message', 'message_en']) assert.ok(typeof f[k] === 'string' && f[k].trim().length > 0, `${k} of ${JSON.stringify(f)}`);
        assert.ok(typeof f.severity === 'string' && f.severity.length > 0);
      }
      const about = (id) => r.body.items.filter((f) => f.entity === 'risk' && f.entity_id === id).map((f) => f.code);
      assert.ok(about(vague.id).includes('measure_vague'), `findings for the vague measure: ${about(vague.id)}`);
      assert.ok(!about(vague.id).includes('risk_without_measure'));
      assert.ok(about(bare.id).includes('risk_without_measure'), `findings for no measure: ${about(bare.id)}`);
      assert.ok(!about(bare.id).includes('measure_vague'));
      assert.deepEqual(about(good.id).filter((c) => c === 'measure_vague' || c === 'risk_without_measure'), []);
      const msg = r.body.items.find((f) => f.code === 'measure_vague' && f.entity_id === vague.id);
      assert.ok(msg.message.includes(vague.description), `the message names the risk: ${msg.message}`);

      // caiwu's checks cover only 财务处; the bureau's checks do not list college risks
      const own = await caiwu.get('/quality/risks');
      assert.equal(own.status, 200);
      assert.ok(own.body.items.some((f) => f.entity === 'risk' && f.entity_id === vague.id));
      const bureau = await jiwei.get(`/quality/risks?unit_id=${org.units.XZSPJ.id}`);
      assert.ok(!bureau.body.items.some((f) => f.entity === 'risk' && [vague.id, bare.id, good.id].includes(f.entity_id)));
    });

    // ---- grading models (last: the college's model is changed, then put back) ----------------------------------

    it('GET /grading-models/{college} → the default 3×3 matrix with labels 高/中/低; preview grades without saving', async () => {
      const r = await zhiyuan.get(`/grading-models/${zy}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const m = r.body;
      assert.equal(m.method, 'matrix');
      assert.equal(m.size, 3);
      assert.equal(m.high_from, 6);
      assert.equal(m.medium_from, 3);
      assert.deepEqual(['high', 'medium', 'low'].map((l) => labelOf(m, l)), ['高', '中', '低']);

      const s = await snapshot();
      const g = await zhiyuan.post(`/grading-models/${zy}/grade`, { grading_inputs: { likelihood: 2, impact: 3 } });
      assert.equal(g.status, 200, JSON.stringify(g.body));
      assert.equal(g.body.level, 'high');
      assert.equal(g.body.score, 6);
      assert.equal(g.body.label, '高');
      assert.ok(g.body.basis.length > 0 && g.body.basis_en.length > 0);
      const mid = (await zhiyuan.post(`/grading-models/${zy}/grade`, { grading_inputs: { likelihood: 1, impact: 3 } })).body;
      assert.equal(mid.level, 'medium');
      assert.equal(mid.label, '中');
      const low = (await zhiyuan.post(`/grading-models/${zy}/grade`, { grading_inputs: { likelihood: 1, impact: 2 } })).body;
      assert.equal(low.level, 'low');
      // 5 is off a 3×3 grid
      expectError(await zhiyuan.post(`/grading-models/${zy}/grade`, { grading_inputs: { likelihood: 5, impact: 4 } }), 400, undefined, 'likelihood');
      assert.deepEqual(await snapshot(), s, 'previews save nothing (no risk, no audit row)');
    });

    it('PUT /grading-models: caiwu → 403; an invalid model → 400 naming the field; a 5×5 level123 model grades new risks', async () => {
      const original = (await jiwei.get(`/grading-models/${zy}`)).body;
      const s = await snapshot();
      const five = { method: 'matrix', size: 5, high_from: 15, medium_from: 6, display: 'level123' };
      expectError(await caiwu.put(`/grading-models/${zy}`, five), 403);
      expectError(await zhiyuan.put(`/grading-models/${zy}`, five), 403);
      const bad = expectError(await jiwei.put(`/grading-models/${zy}`, { ...five, medium_from: 15, high_from: 15 }), 400);
      assert.ok(['high_from', 'medium_from'].includes(bad.field), `the error names the field: ${JSON.stringify(bad)}`);
      const worse = expectError(await jiwei.put(`/grading-models/${zy}`, { ...five, medium_from: 20, high_from: 10 }), 400);
      assert.ok(['high_from', 'medium_from'].includes(worse.field), JSON.stringify(worse));
      expectError(await jiwei.put(`/grading-models/${zy}`, { ...five, display: 'stars' }), 400, undefined, 'display');
      expectError(await jiwei.put(`/grading-models/${zy}`, { ...five, size: 9 }), 400, undefined, 'size');
      assert.deepEqual(await snapshot(), s, 'refused: nothing written');
      assert.deepEqual((await jiwei.get(`/grading-models/${zy}`)).body, original, 'the model is unchanged');

      try {
        const put = await jiwei.put(`/grading-models/${zy}`, five);
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const m = (await zhiyuan.get(`/grading-models/${zy}`)).body;
        assert.equal(m.size, 5);
        assert.equal(m.high_from, 15);
        assert.equal(m.medium_from, 6);
        assert.equal(m.display, 'level123');
        assert.deepEqual(['high', 'medium', 'low'].map((l) => labelOf(m, l)), ['一级', '二级', '三级']);

        const before = await riskTotal();
        const g = (await zhiyuan.post(`/grading-models/${zy}/grade`, { grading_inputs: { likelihood: 5, impact: 4 } })).body;
        assert.equal(g.level, 'high');
        assert.equal(g.score, 20);
        assert.equal(g.label, '一级');
        assert.equal(await riskTotal(), before, 'the preview saved nothing');

        const r = expectCreated(await zhiyuan.post('/risks', { post_id: cwPosts['会计'].id, description: uniq('五级矩阵'),
          grading_inputs: { likelihood: 5, impact: 4 } }));
        assert.equal(r.computed_level, 'high');
        assert.equal(r.level, 'high');
        assert.ok(r.grading_basis.includes('20'), `basis: ${r.grading_basis}`);
        // 2 × 3 = 6 was high on 3×3, is medium (二级) on this 5×5 model
        const m6 = expectCreated(await zhiyuan.post('/risks', { post_id: cwPosts['会计'].id, description: uniq('五级矩阵'),
          grading_inputs: { likelihood: 2, impact: 3 } }));
        assert.equal(m6.level, 'medium');
        // the bureau keeps the default
        const bureau = (await jiwei.get(`/grading-models/${org.units.XZSPJ.id}`)).body;
        assert.equal(bureau.size, 3);
        assert.equal(labelOf(bureau, 'high'), '高');
      } finally {
        const back = await jiwei.put(`/grading-models/${zy}`, { method: 'matrix', size: 3, high_from: 6, medium_from: 3, display: 'gzd' });
        assert.equal(back.status, 200, JSON.stringify(back.body));
      }
    });
  });

  // Closing a year changes the whole register, so it has a server of its own.
  describe(`risk cycles [${backend}]`, () => {
    let srv, admin, jiwei, caiwu, zhiyuan, org, zy, bureau, made;

    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, caiwu, zhiyuan] = await Promise.all(['admin', 'jiwei', 'caiwu', 'zhiyuan'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
      bureau = org.units.XZSPJ.id;
      const cwc = org.college('财务处');
      const kj = Object.values(await postsOf(jiwei, cwc.id)).find((p) => p.name === '会计');
      made = [
        expectCreated(await zhiyuan.post('/risks', { post_id: kj.id, description: uniq('年度风险'), grading_inputs: { likelihood: 2, impact: 2 } })),
        expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('年度风险'), level: 'high', measures_text: '每季度检查' })),
        expectCreated(await jiwei.post('/risks', { unit_id: zy, description: uniq('单位风险'), level: 'low' })),
      ];
      assert.equal(made[2].scope_level, 'unit');
      const sub = await caiwu.post(`/risks/${made[1].id}/transitions`, { action: 'submit' });
      assert.equal(sub.status, 200, JSON.stringify(sub.body));
      expectCreated(await jiwei.post('/risks', { department_id: org.bureauDepts[0].id, description: uniq('审批局风险'), level: 'low' }));
    });
    after(async () => { await srv?.stop(); });

    const cycleOf = async (c, unit, year) => {
      const r = await c.get(`/risk-cycles?unit_id=${unit}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      for (const cy of r.body.items) assert.equal(cy.unit_id, unit, `unit_id filter: ${JSON.stringify(cy)}`);
      return r.body.items.find((cy) => cy.year === year);
    };

    it('GET /risk-cycles lists the college\'s current year, open, with its risk count', async () => {
      const cy = await cycleOf(jiwei, zy, YEAR);
      assert.ok(cy, `no cycle ${YEAR} for the college`);
      assert.equal(cy.status, 'open');
      assert.equal(cy.closed_at, null);
      assert.ok(typeof cy.opened_at === 'string' && cy.opened_at.length >= 10);
      assert.equal(cy.risks, await total(admin, `/risks?unit_id=${zy}&cycle=${YEAR}`));
      for (const r of made) assert.equal(r.cycle_id, cy.id);
      assert.ok(!(await cycleOf(jiwei, zy, YEAR + 1)), 'no next year yet');
    });

    it('caiwu cannot close a cycle (403); nothing changes', async () => {
      const cy = await cycleOf(jiwei, zy, YEAR);
      const audit = await total(admin, '/audit');
      expectError(await caiwu.post(`/risk-cycles/${cy.id}/close`), 403);
      expectError(await zhiyuan.post(`/risk-cycles/${cy.id}/close`), 403);
      assert.deepEqual(await cycleOf(jiwei, zy, YEAR), cy);
      assert.equal(await total(admin, '/audit'), audit);
    });

    it('jiwei closes the year: closed, the next year opened with every risk copied as a draft; the old risks are read-only', async () => {
      const cy = await cycleOf(jiwei, zy, YEAR);
      const old = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(old.length, cy.risks);
      const bureauBefore = await cycleOf(jiwei, bureau, YEAR);
      const bureauRisks = await listAll(admin, `/risks?unit_id=${bureau}`);

      const res = await jiwei.post(`/risk-cycles/${cy.id}/close`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'closed');
      assert.ok(res.body.closed_at, 'closed_at set');
      const closed = await cycleOf(jiwei, zy, YEAR);
      assert.equal(closed.status, 'closed');
      const next = await cycleOf(jiwei, zy, YEAR + 1);
      assert.ok(next, `the year ${YEAR + 1} is opened`);
      assert.equal(next.status, 'open');
      assert.equal(next.risks, old.length, 'every risk copied');

      const copies = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR + 1}`);
      assert.equal(copies.length, old.length);
      for (const k of copies) {
        assert.equal(k.stage, 'draft', `copy ${k.id} is a draft`);
        assert.equal(k.year, YEAR + 1);
        assert.equal(k.cycle_id, next.id);
        assert.equal(k.cycle_closed, false);
      }
      const key = (k) => `${k.scope_level}|${k.department_id}|${k.post_id}|${k.description}|${k.level}|${k.measures_text}`;
      assert.deepEqual(copies.map(key).sort(), old.map(key).sort(), 'the copies carry the content and levels');
      const after = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(after.length, old.length, 'the closed year keeps its risks');
      for (const k of after) assert.equal(k.cycle_closed, true);
      for (const k of old) {
        const now = after.find((x) => x.id === k.id);
        assert.equal(now.stage, k.stage, 'closing does not move the old risks');
      }

      // the bureau's register is untouched
      assert.deepEqual(await cycleOf(jiwei, bureau, YEAR), bureauBefore);
      assert.deepEqual(await listAll(admin, `/risks?unit_id=${bureau}`), bureauRisks);
    });

    it('writing a risk of the closed year → 409 risk.cycle_closed; nothing changes; its copy is editable', async () => {
      const [draft, submitted, unitRisk] = made;
      const before = (await admin.get(`/risks/${draft.id}`)).body;
      assert.equal(before.cycle_closed, true);
      const audit = await total(admin, '/audit');
      expectError(await jiwei.put(`/risks/${draft.id}`, { manifestation: '关闭后修改' }), 409, 'risk.cycle_closed');
      expectError(await zhiyuan.put(`/risks/${draft.id}`, { manifestation: '关闭后修改' }), 409, 'risk.cycle_closed');
      expectError(await zhiyuan.post(`/risks/${draft.id}/transitions`, { action: 'submit' }), 409, 'risk.cycle_closed');
      expectError(await caiwu.post(`/risks/${submitted.id}/transitions`, { action: 'approve' }), 409, 'risk.cycle_closed');
      expectError(await jiwei.put(`/risks/${unitRisk.id}`, { level: 'high' }), 409, 'risk.cycle_closed');
      expectError(await jiwei.post('/risks', { unit_id: zy, year: YEAR, description: uniq('补报') }), 409, 'risk.cycle_closed');
      assert.deepEqual((await admin.get(`/risks/${draft.id}`)).body, before);
      assert.equal(await total(admin, '/audit'), audit, 'no audit row for a refused write');

      const copy = (await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR + 1}&q=${encodeURIComponent(draft.description)}`));
      assert.equal(copy.length, 1);
      const put = await zhiyuan.put(`/risks/${copy[0].id}`, { manifestation: '新年度修订' });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      // a new risk this year goes to the open year when asked for it
      const fresh = expectCreated(await jiwei.post('/risks', { unit_id: zy, year: YEAR + 1, description: uniq('新年度') }));
      assert.equal(fresh.cycle_id, copy[0].cycle_id);
      // the closed cycle cannot be closed again
      const cy = await cycleOf(jiwei, zy, YEAR);
      const again = await jiwei.post(`/risk-cycles/${cy.id}/close`);
      assert.ok(again.status === 409 || again.status === 400, `closing a closed cycle again: ${again.status} ${JSON.stringify(again.body)}`);
      assert.equal((await cycleOf(jiwei, zy, YEAR + 2)), undefined, 'no further year opened');
    });
  });
}
