// Control measures (防控措施): measures on risk points with validation, scope and roles; template proposals by
// level; indicators, measurements and "applied"; check tasks, their completion with evidence files; residual
// levels on GET /risks/{id}; templates and settings per unit; the register checks on real measures; the 一览表
// and 职权运行和廉政风险防控措施表 exports; task generation across months with a fixed clock (serve --now).
// (docs/api.md: Measures.) Demo measures exist: assertions are on what the test makes, or on before/after totals.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, backends, freshStore, spawnServer } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectOk, expectDeleted, total, listAll, demoOrg, uniq } from './_util.mjs';
import { dump } from '../lib/xlsx.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const addDays = (ymd, n) => new Date(Date.parse(ymd + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
// A minimal real PDF.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function raw(c, method, path, body, type) {
  const headers = { cookie: c.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = c.csrf;
  if (type) headers['content-type'] = type;
  const res = await fetch(`${c.base}/api/v1${path}`, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { /* binary */ }
  return { status: res.status, type: (res.headers.get('content-type') || '').split(';')[0], disposition: res.headers.get('content-disposition') || '', bytes, body: json };
}
const upload = (c, name, bytes, type = 'application/octet-stream') =>
  raw(c, 'POST', `/files?name=${encodeURIComponent(name)}`, bytes, type);

for (const backend of backends()) {
  describe(`measures [${backend}]`, () => {
    let srv, admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji, org, zy, cwc, zccg, cwPosts, zcPosts;
    let highRisk;  // a draft high risk filed by jiwei on 财务处/出纳 for this test
    const auditTotal = () => total(admin, '/audit');

    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji] = await Promise.all(
        ['admin', 'jiwei', 'lingdao', 'caiwu', 'lianluo', 'zhiyuan', 'shenji'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
      cwc = org.college('财务处');
      zccg = org.college('资产与采购管理处');
      const byName = async (dept) => Object.fromEntries((await listAll(jiwei, `/posts?department_id=${dept.id}`))
        .filter((p) => p.department_id === dept.id).map((p) => [p.name, p]));
      cwPosts = await byName(cwc);
      zcPosts = await byName(zccg);
      highRisk = expectCreated(await jiwei.post('/risks', {
        post_id: cwPosts['出纳'].id, description: uniq('库存现金管理不严'), manifestation: '坐支现金、白条抵库',
        level: 'high',
      }), 'high risk');
    });
    after(async () => { await srv?.stop(); });

    it('a demo risk carries its measures and the inherent, residual and after-monitoring levels', async () => {
      const risks = await listAll(jiwei, `/risks?unit_id=${zy}&level=high`);
      assert.ok(risks.length > 0);
      const r = expectOk(await jiwei.get(`/risks/${risks[0].id}`));
      assert.ok(Array.isArray(r.measures) && r.measures.length >= 6, `measures: ${r.measures?.length}`);
      assert.equal(r.inherent_level, 'high');
      assert.ok(['high', 'medium', 'low'].includes(r.residual_level));
      assert.ok(['high', 'medium', 'low'].includes(r.residual_after_monitoring));
      const order = { low: 1, medium: 2, high: 3 };
      assert.ok(order[r.residual_level] <= order[r.residual_after_monitoring], 'monitoring never claims more than planned');
      for (const m of r.measures) assert.equal(m.risk_id, r.id);
    });

    it('proposals: the six high templates (seed 003); accepting one takes it off the list and lowers the residual level', async () => {
      const p = expectOk(await jiwei.get(`/risks/${highRisk.id}/proposals`));
      assert.equal(p.items.length, 6, JSON.stringify(p.items.map((t) => t.description)));
      assert.ok(p.items.every((t) => t.level === 'high'));
      const texts = p.items.map((t) => t.description).join('|');
      for (const w of ['任前廉政谈话', '定期廉政谈话', '民主生活会', '公开', '轮岗']) assert.ok(texts.includes(w), `${w} in ${texts}`);
      const talk = p.items.find((t) => t.code === 'high.talk');
      const m = expectCreated(await jiwei.post('/measures', { risk_id: highRisk.id, ...talk, template_code: talk.code,
        owner_post_id: cwPosts['出纳'].id, status: 'in_force' }));
      assert.equal(m.supervision, 'A', 'a high risk is supervised at level A by default');
      assert.equal(m.control_type, '廉政谈话');
      const again = expectOk(await jiwei.get(`/risks/${highRisk.id}/proposals`));
      assert.equal(again.items.length, 5);
      assert.ok(!again.items.some((t) => t.code === 'high.talk'));
      const r = expectOk(await jiwei.get(`/risks/${highRisk.id}`));
      assert.equal(r.inherent_level, 'high');
      assert.equal(r.residual_level, 'medium', 'one specific measure lowers one step');
      assert.equal(r.residual_after_monitoring, 'high', 'not applied yet');
    });

    it('validation: each bad field is named, and a refused write changes nothing', async () => {
      const base = { risk_id: highRisk.id, line: 'prevent', control_type: '制度建设', description: '建立现金日记账日清月结制度', frequency: 'monthly' };
      const before = { measures: await total(admin, `/measures?risk_id=${highRisk.id}`), audit: await auditTotal() };
      expectError(await jiwei.post('/measures', { ...base, line: 'sideways' }), 400, 'measure.line_invalid', 'line');
      expectError(await jiwei.post('/measures', { ...base, control_type: '拍脑袋' }), 400, 'measure.control_type_invalid', 'control_type');
      expectError(await jiwei.post('/measures', { ...base, description: '  ' }), 400, 'measure.description_required', 'description');
      expectError(await jiwei.post('/measures', { ...base, frequency: 'hourly' }), 400, 'measure.frequency_invalid', 'frequency');
      expectError(await jiwei.post('/measures', { ...base, supervision: 'D' }), 400, 'measure.supervision_invalid', 'supervision');
      expectError(await jiwei.post('/measures', { ...base, start_date: '2026-02-30' }), 400, 'measure.date_invalid', 'start_date');
      expectError(await jiwei.post('/measures', { ...base, owner_post_id: (await listAll(jiwei, '/posts?unit_id=' + org.units.SJW.id))[0].id }),
        400, 'measure.owner_invalid', 'owner_post_id');
      expectError(await jiwei.post('/measures', { ...base, indicator: { type: 'count', direction: 'lower' } }), 400, 'measure.target_required', 'indicator.target');
      expectError(await jiwei.post('/measures', { ...base, indicator: { type: 'percentage', target: 150 } }), 400, 'measure.indicator_invalid', 'indicator.target');
      expectError(await jiwei.post('/measures', { line: 'prevent' }), 400, 'measure.risk_required', 'risk_id');
      expectError(await jiwei.post('/measures', { ...base, risk_id: 99999999 }), 404, 'risk.not_found');
      assert.equal(await total(admin, `/measures?risk_id=${highRisk.id}`), before.measures);
      assert.equal(await auditTotal(), before.audit);
    });

    it('roles and scope: auditor and leader read only; staff only on risks they filed; a department head only in their department', async () => {
      const body = { risk_id: highRisk.id, line: 'monitor', control_type: '监督检查', description: '抽查库存现金', frequency: 'monthly' };
      expectError(await shenji.post('/measures', body), 403);
      expectError(await lingdao.post('/measures', body), 403);
      expectError(await zhiyuan.post('/measures', body), 403);
      // caiwu (财务处) may set measures on a 财务处 risk, lianluo (资产处) may not even see it
      expectCreated(await caiwu.post('/measures', body));
      const outside = await lianluo.post('/measures', body);
      assert.ok([403, 404].includes(outside.status), `lianluo: ${outside.status}`);
      const seen = await lianluo.get(`/measures?risk_id=${highRisk.id}`);
      assert.equal(seen.body.total, 0, 'out of scope measures are not listed');
      // readers in scope see them
      assert.ok((await shenji.get(`/measures?risk_id=${highRisk.id}`)).body.total >= 2);
      expectError(await jiwei.put('/measures/1', { line: 'x' }, { csrf: false }), 403, 'auth.csrf_missing');
    });

    it('indicator, lower is better: measurements decide "applied" and the after-monitoring level', async () => {
      const m = expectCreated(await jiwei.post('/measures', {
        risk_id: highRisk.id, line: 'monitor', control_type: '监督检查', description: '纪检部门定期检查现金管理', frequency: 'quarterly',
        status: 'in_force', owner_post_id: cwPosts['出纳'].id, evidence: '检查记录',
        indicator: { type: 'count', direction: 'lower', unit: '个', baseline: 4, baseline_date: addDays(TODAY, -90), target: 0 },
      }));
      assert.equal(m.applied, false);
      expectError(await jiwei.post(`/measures/${m.id}/measurements`, { value: 1, measured_on: addDays(TODAY, 3) }), 400, 'measure.date_future', 'measured_on');
      expectError(await jiwei.post(`/measures/${m.id}/measurements`, { measured_on: TODAY }), 400, 'measure.value_required', 'value');
      let after = expectOk(await jiwei.post(`/measures/${m.id}/measurements`, { value: 2, measured_on: addDays(TODAY, -20), note: '发现2个问题' }));
      assert.equal(after.applied, false, '2 problems miss a target of 0');
      after = expectOk(await jiwei.post(`/measures/${m.id}/measurements`, { value: 0, measured_on: TODAY, note: '未发现问题' }));
      assert.equal(after.applied, true);
      assert.deepEqual(after.latest, { value: 0, measured_on: TODAY });
      const list = expectOk(await jiwei.get(`/measures/${m.id}/measurements`));
      assert.deepEqual(list.items.map((x) => x.value), [2, 0]);
      // a measure without an indicator takes no measurement
      const plain = (await listAll(jiwei, `/measures?risk_id=${highRisk.id}`)).find((x) => !x.indicator);
      expectError(await jiwei.post(`/measures/${plain.id}/measurements`, { value: 1, measured_on: TODAY }), 409, 'measure.no_indicator');
      const r = expectOk(await jiwei.get(`/risks/${highRisk.id}`));
      assert.ok(r.measures.some((x) => x.id === m.id && x.applied));
    });

    it('check tasks: a monthly measure in force since three months owes its checks; the owner completes one with evidence', async () => {
      const start = addDays(TODAY, -95);
      const m = expectCreated(await caiwu.post('/measures', {
        risk_id: highRisk.id, line: 'monitor', control_type: '书面报告', description: '每月报告现金盘点情况', frequency: 'monthly',
        status: 'in_force', start_date: start, owner_post_id: cwPosts['处长'].id, evidence: '盘点表',
      }));
      const tasks = await listAll(caiwu, `/tasks?measure_id=${m.id}`);
      assert.ok(tasks.length >= 4 && tasks.length <= 5, `tasks: ${tasks.map((t) => t.period)}`);
      assert.ok(tasks.every((t) => t.status === 'open'));
      const overdue = tasks.filter((t) => t.overdue);
      assert.ok(overdue.length >= 3, 'past months are overdue');
      assert.ok(overdue.every((t) => t.due_date < TODAY));
      // caiwu holds 财务处/处长: the tasks are in "my tasks"
      const mine = await listAll(caiwu, '/tasks?mine=1&status=open');
      assert.ok(mine.some((t) => t.measure_id === m.id));
      assert.ok((await listAll(caiwu, '/tasks?mine=1&overdue=1')).every((t) => t.overdue));
      assert.ok((await listAll(caiwu, '/measures?overdue=1')).some((x) => x.id === m.id));
      // evidence: only real files of the allowed types, within the limit
      expectError(await upload(caiwu, 'virus.exe', Buffer.from('MZ\x90\x00 not allowed')), 415, 'file.type_not_allowed');
      expectError(await upload(caiwu, 'fake.pdf', Buffer.from('just text pretending')), 415, 'file.type_not_allowed');
      expectError(await upload(caiwu, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])), 413);
      expectError(await upload(caiwu, 'empty.pdf', Buffer.alloc(0)), 400, 'file.empty');
      const f = expectCreated(await upload(caiwu, '现金盘点表.pdf', PDF, 'application/pdf'));
      assert.equal(f.content_type, 'application/pdf');
      assert.equal(f.size, PDF.length);
      assert.match(f.sha256, /^[0-9a-f]{64}$/);
      // not the owner, not a register keeper: zhiyuan may not complete it; nobody may attach someone else's file
      expectError(await zhiyuan.post(`/tasks/${overdue[0].id}/complete`, { note: '已盘点' }), 403);
      expectError(await jiwei.post(`/tasks/${overdue[0].id}/complete`, { note: '已盘点', file_id: f.id }), 404, 'file.not_found');
      expectError(await caiwu.post(`/tasks/${overdue[0].id}/complete`, { note: ' ' }), 400, 'task.note_required', 'note');
      const done = expectOk(await caiwu.post(`/tasks/${overdue[0].id}/complete`, { note: '已盘点，账实相符', file_id: f.id }));
      assert.equal(done.status, 'done');
      assert.equal(done.overdue, false);
      assert.equal(done.file_id, f.id);
      assert.equal(done.file_name, '现金盘点表.pdf');
      expectError(await caiwu.post(`/tasks/${overdue[0].id}/complete`, { note: 'again' }), 409, 'task.already_done');
      // the evidence downloads for those who may read the measure, not for others
      const got = await raw(jiwei, 'GET', `/files/${f.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.type, 'application/pdf');
      assert.deepEqual(got.bytes, PDF);
      assert.ok(got.disposition.includes("filename*=UTF-8''"), got.disposition);
      expectError(await lianluo.get(`/files/${f.id}`), 404, 'file.not_found');
      // the other overdue checks keep it from being applied; completing them all makes it applied
      for (const t of overdue.slice(1)) expectOk(await caiwu.post(`/tasks/${t.id}/complete`, { note: '已盘点' }));
      const now = expectOk(await caiwu.get(`/measures/${m.id}`));
      assert.equal(now.overdue_tasks, 0);
      assert.equal(now.applied, true);
    });

    it('register checks run on real measures: vague (no owner, no frequency) and overdue checks are findings', async () => {
      const vague = expectCreated(await jiwei.post('/measures', {
        risk_id: highRisk.id, line: 'prevent', control_type: '制度建设', description: '严格按照规章制度办事，不徇私情',
      }));
      assert.equal(vague.frequency, '');
      const q = expectOk(await jiwei.get(`/quality/risks?unit_id=${zy}`));
      const items = q.items ?? q;
      const mine = items.filter((f) => f.entity === 'risk' && f.entity_id === highRisk.id);
      const v = mine.find((f) => f.code === 'measure_vague' && f.message.includes('严格按照规章制度办事'));
      assert.ok(v, `findings: ${JSON.stringify(mine)}`);
      assert.ok(v.message.includes('责任人') && v.message.includes('频次'), v.message);
      assert.ok(items.some((f) => f.code === 'task_overdue'), 'demo measures with overdue checks are reported');
      expectDeleted(await jiwei.del(`/measures/${vague.id}`));
      expectError(await jiwei.get(`/measures/${vague.id}`), 404, 'measure.not_found');
    });

    it('templates and settings per unit: presets until the office sets its own; only the office may', async () => {
      const t = expectOk(await jiwei.get(`/measure-templates?unit_id=${zy}`));
      assert.equal(t.own, false);
      assert.equal(t.items.length, 11);
      const items = [...t.items.filter((x) => x.level !== 'high'),
        { level: 'high', code: 'high.video', line: 'monitor', control_type: '信息化监控', description: '收费窗口全程录像', frequency: 'monthly', specificity: 'specific', evidence: '录像抽查记录' }];
      expectError(await caiwu.put(`/measure-templates?unit_id=${zy}`, { items }), 403);
      expectError(await jiwei.put(`/measure-templates?unit_id=${zy}`, { items: [...items, items[0]] }), 400, 'measure.template_code_taken');
      expectError(await jiwei.put(`/measure-templates?unit_id=${zy}`, { items: [{ ...items[0], control_type: '无此类型' }] }), 400, 'measure.control_type_invalid');
      const saved = expectOk(await jiwei.put(`/measure-templates?unit_id=${zy}`, { items }));
      assert.equal(saved.own, true);
      const p = expectOk(await jiwei.get(`/risks/${highRisk.id}/proposals`));
      assert.deepEqual(p.items.map((x) => x.code), ['high.video']);
      // settings: a unit's own residual rule changes the residual level
      const s = expectOk(await jiwei.get(`/measure-settings?unit_id=${zy}`));
      assert.equal(s.residual.rounding, 'up');
      assert.equal(s.supervision.A.length > 0, true);
      expectError(await jiwei.put(`/measure-settings?unit_id=${zy}`, { residual: { rounding: 'sideways' } }), 400, 'measure.residual_rule_invalid', 'rounding');
      expectError(await caiwu.put(`/measure-settings?unit_id=${zy}`, { residual: { specific_step: 0 } }), 403);
      const r0 = expectOk(await jiwei.get(`/risks/${highRisk.id}`));
      expectOk(await jiwei.put(`/measure-settings?unit_id=${zy}`, { residual: { specific_step: 0, general_step: 0 } }));
      const r1 = expectOk(await jiwei.get(`/risks/${highRisk.id}`));
      assert.notEqual(r0.residual_level, 'high');
      assert.equal(r1.residual_level, 'high', 'measures that count for nothing leave the level as it was');
      expectOk(await jiwei.put(`/measure-settings?unit_id=${zy}`, {}));
    });

    it('stats: counts by status, line and level over the caller\'s scope', async () => {
      const all = expectOk(await jiwei.get('/measures/stats'));
      const cw = expectOk(await caiwu.get('/measures/stats'));
      assert.equal(all.measures, Object.values(all.by_status).reduce((a, b) => a + b, 0));
      assert.equal(all.measures, await total(jiwei, '/measures'));
      assert.ok(cw.measures > 0 && cw.measures < all.measures);
      assert.ok(all.overdue_tasks > 0 && all.overdue_tasks <= all.open_tasks);
      assert.ok(all.applied > 0 && all.applied < all.measures);
    });

    it('一览表 fills 防控措施 from the measures, 部门负责人 and the leader in charge (分管) as 责任领导', async () => {
      const res = await raw(jiwei, 'GET', `/exports/risk-register.xlsx?unit_id=${zy}`);
      assert.equal(res.status, 200);
      const wb = dump(res.bytes);
      const cells = wb.cells[wb.sheets[0]];
      const rows = {};
      for (const [ref, text] of Object.entries(cells)) {
        const m = /^([A-Z]+)(\d+)$/.exec(ref);
        (rows[m[2]] ??= {})[m[1]] = text;
      }
      const row = Object.values(rows).find((r) => r.D === highRisk.description);
      assert.ok(row, 'our risk is listed');
      assert.match(row.G, /^1．定期廉政谈话（每季度）/, `防控措施: ${row.G}`);
      assert.ok(row.G.includes('\n2．'), 'measures numbered one per line');
      const posts = await listAll(jiwei, `/posts?unit_id=${zy}`);
      const fyz = posts.find((p) => p.tier === 'leader' && p.duties.includes('分管财务处'));
      const holders = (await listAll(jiwei, `/assignments?post_id=${fyz.id}`)).filter((a) => !a.end_date);
      assert.ok(holders.length > 0);
      assert.ok(row.I.includes(holders[0].person_name), `责任领导 ${row.I} is the holder of ${fyz.name}`);
      assert.ok(row.H.length > 0, '部门负责人');
    });

    it('职权运行和廉政风险防控措施表: XLSX with the 7 columns, risks on powers by step; PDF with the Chinese title', async () => {
      const x = await raw(jiwei, 'GET', `/exports/power-measures.xlsx?unit_id=${zy}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      const wb = dump(x.bytes);
      const cells = Object.values(wb.cells[wb.sheets[0]]);
      for (const col of ['序号', '职权名称', '运行环节', '廉政风险点', '风险等级', '防控措施', '责任岗位']) assert.ok(cells.includes(col), col);
      assert.ok(cells.some((c) => c.includes('职权运行和廉政风险防控措施表')));
      const onPowers = (await listAll(jiwei, `/risks?unit_id=${zy}`)).filter((r) => r.power_id);
      assert.ok(onPowers.length > 0);
      assert.ok(cells.includes(onPowers[0].description));
      assert.ok(cells.includes(onPowers[0].power_name));
      expectError(await jiwei.get('/exports/power-measures.xlsx'), 400, 'risk.unit_required', 'unit_id');
      const pdf = await raw(jiwei, 'GET', `/exports/power-measures.pdf?unit_id=${zy}`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'lf-pm-'));
      try {
        writeFileSync(join(dir, 'f.pdf'), pdf.bytes);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        assert.ok(text.includes('职权运行和廉政风险防控措施表'), 'title in the PDF');
        assert.ok(text.includes('运行环节'));
      } finally { rmSync(dir, { recursive: true, force: true }); }
    });
  });
}

// Housekeeping creates the checks each new month brings, on the server's clock (serve --now): a monthly measure
// started on 1 January owes three checks on 5 March and six after a restart on 2 June; nothing twice.
describe('measures: check tasks across months with a fixed clock [sqlite]', () => {
  it('January–March, then a restart in June adds April–June', async () => {
    const store = freshStore('sqlite');
    let server;
    try {
      server = await spawnServer(store.db, { extraArgs: ['--now', '2027-03-05T09:00:00Z'] });
      let c = await as(server, 'jiwei');
      const org = await demoOrg(c);
      const risks = await listAll(c, `/risks?unit_id=${org.units.ZYXY.id}`);
      const m = expectCreated(await c.post('/measures', {
        risk_id: risks.find((r) => r.stage !== 'draft').id, line: 'monitor', control_type: '书面报告', description: '每月报告',
        frequency: 'monthly', status: 'in_force', start_date: '2027-01-01',
      }));
      let tasks = await listAll(c, `/tasks?measure_id=${m.id}`);
      assert.deepEqual(tasks.map((t) => t.period).sort(), ['2027-01', '2027-02', '2027-03']);
      assert.deepEqual(tasks.filter((t) => t.overdue).map((t) => t.due_date).sort(), ['2027-01-31', '2027-02-28']);
      await server.stop();
      server = await spawnServer(store.db, { demo: false, extraArgs: ['--now', '2027-06-02T09:00:00Z'] });
      c = await as(server, 'jiwei');
      tasks = await listAll(c, `/tasks?measure_id=${m.id}`);
      assert.deepEqual(tasks.map((t) => t.period).sort(), ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
      assert.equal(tasks.filter((t) => t.overdue).length, 5);
    } finally {
      await server?.stop();
      store.drop();
    }
  });
});
