// Warnings (预警处置): issuing with validation, scope and roles; routing to the department head or the discipline
// office; the lifecycle sign → handle (a talk) → commit → verify (weak raises the level) → close, or cancel, each by
// its role and in the timeline; the record sheet (附件四) as PDF and XLSX and the notices; re-rating proposed after
// the third warning on a post; escalation past deadlines on the working-day calendar with a fixed clock
// (serve --now) across a holiday, a 调休 Saturday and a unit's own day off. (docs/api.md: Warnings.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, backends, freshStore, spawnServer } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectOk, total, listAll, demoOrg, uniq } from './_util.mjs';
import { dump } from '../lib/xlsx.mjs';

async function bytes(c, path) {
  const res = await fetch(`${c.base}/api/v1${path}`, { headers: { cookie: c.cookie } });
  return { status: res.status, type: (res.headers.get('content-type') || '').split(';')[0], bytes: Buffer.from(await res.arrayBuffer()) };
}
function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'lf-warn-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), buf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
const personOf = async (c) => (await c.get('/auth/me')).body;

for (const backend of backends()) {
  describe(`warnings [${backend}]`, () => {
    let srv, admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji, org, zy, cwc, zhiyuanPerson, lianluoPerson;
    const auditTotal = () => total(admin, '/audit');
    const warningTotal = () => total(admin, '/warnings');

    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji] = await Promise.all(
        ['admin', 'jiwei', 'lingdao', 'caiwu', 'lianluo', 'zhiyuan', 'shenji'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
      cwc = org.college('财务处');
      const people = await listAll(jiwei, `/people?unit_id=${zy}`);
      zhiyuanPerson = people.find((p) => p.name === '朱文静');
      lianluoPerson = people.find((p) => p.department_id === org.college('资产与采购管理处').id);
      assert.ok(zhiyuanPerson && lianluoPerson);
    });
    after(async () => { await srv?.stop(); });

    const issue = (c, body) => c.post('/warnings', { subject_kind: 'person', subject_id: zhiyuanPerson.id, source: 'complaint',
      situation: uniq('报销审核中多次放宽票据要求'), level: 'reminder', ...body });

    it('a reminder about zhiyuan goes to the head of 财务处 (caiwu); a warning to the discipline office; a high risk one tier up', async () => {
      const w = expectCreated(await issue(jiwei, {}));
      assert.equal(w.status, 'issued');
      assert.equal(w.subject_name, '朱文静');
      assert.equal(w.subject_title, '会计');
      assert.equal(w.department_id, cwc.id);
      assert.equal(w.recipient_role, 'dept_head');
      assert.equal(w.recipient_department_id, cwc.id);
      assert.ok(w.recipient_label.includes('方振宇'), w.recipient_label);
      assert.ok(w.deadline > new Date().toISOString().slice(0, 10));
      const inbox = await listAll(caiwu, '/warnings?inbox=1');
      assert.ok(inbox.some((x) => x.id === w.id), 'in caiwu\'s inbox');
      assert.ok((await listAll(zhiyuan, '/warnings?mine=1')).some((x) => x.id === w.id), 'zhiyuan sees what is about them');
      expectError(await lianluo.get(`/warnings/${w.id}`), 404, 'warning.not_found');
      const office = expectCreated(await issue(jiwei, { level: 'warning' }));
      assert.equal(office.recipient_role, 'supervisor');
      assert.equal(office.recipient_unit_id, org.units.SJW.id, 'the college has no office account: the city office');
      const high = (await listAll(jiwei, `/risks?unit_id=${zy}&level=high`))[0];
      const up = expectCreated(await issue(jiwei, { risk_ids: [high.id] }));
      assert.equal(up.recipient_role, 'supervisor', 'a reminder on a high risk point goes one tier up');
      assert.deepEqual(up.risks.map((r) => r.id), [high.id]);
      assert.ok((await listAll(jiwei, '/warnings?inbox=1')).some((x) => x.id === office.id));
    });

    it('validation and roles: every refusal names its field and changes nothing', async () => {
      const before = { w: await warningTotal(), a: await auditTotal() };
      expectError(await issue(jiwei, { level: 'red' }), 400, 'warning.level_invalid', 'level');
      expectError(await issue(jiwei, { source: 'rumour' }), 400, 'warning.source_invalid', 'source');
      expectError(await issue(jiwei, { situation: ' ' }), 400, 'warning.situation_required', 'situation');
      expectError(await issue(jiwei, { subject_kind: 'planet' }), 400, 'warning.subject_kind_invalid', 'subject_kind');
      expectError(await issue(jiwei, { subject_id: 99999999 }), 400, 'warning.subject_invalid', 'subject_id');
      const bureauRisk = (await listAll(jiwei, `/risks?unit_id=${org.units.XZSPJ.id}`))[0];
      expectError(await issue(jiwei, { risk_ids: [bureauRisk.id] }), 400, 'warning.risk_invalid', 'risk_ids');
      expectError(await issue(jiwei, { deadline: '2020-01-01' }), 400, 'warning.deadline_invalid', 'deadline');
      expectError(await issue(caiwu, { level: 'warning' }), 403);
      expectError(await issue(caiwu, { subject_id: lianluoPerson.id }), 403, 'auth.out_of_scope');
      for (const c of [zhiyuan, lingdao, shenji]) expectError(await issue(c, {}), 403);
      expectError(await jiwei.post('/warnings', { subject_kind: 'person', subject_id: zhiyuanPerson.id, situation: 'x' }, { csrf: false }), 403, 'auth.csrf_missing');
      assert.equal(await warningTotal(), before.w);
      assert.equal(await auditTotal(), before.a);
    });

    it('the lifecycle: caiwu signs and records a talk, zhiyuan commits, jiwei finds it weak (level up), then verifies and closes', async () => {
      const w = expectCreated(await issue(jiwei, { risk_ids: [] }));
      const act = (c, body) => c.post(`/warnings/${w.id}/transitions`, body);
      expectError(await act(zhiyuan, { action: 'sign' }), 403);
      expectError(await act(caiwu, { action: 'handle', measures: ['提醒'] }), 400, 'warning.action_invalid', 'action');
      let x = expectOk(await act(caiwu, { action: 'sign' }));
      assert.equal(x.status, 'signed');
      expectError(await act(caiwu, { action: 'handle', measures: [] }), 400, 'warning.measures_required', 'measures');
      expectError(await act(caiwu, { action: 'handle', measures: ['罚站'] }), 400, 'warning.measure_invalid', 'measures');
      x = expectOk(await act(caiwu, { action: 'handle', measures: ['提醒', '廉政谈话'], handler_title: '财务处处长', comment: '已约谈' }));
      assert.equal(x.status, 'handling');
      assert.equal(x.handler_name, '方振宇');
      assert.deepEqual(x.measures_taken, ['提醒', '廉政谈话']);
      assert.ok(x.commitment_due, 'a talk gives a commitment deadline');
      assert.equal(x.deadline, x.commitment_due);
      expectError(await act(caiwu, { action: 'commit', commitment: '我来写' }), 403, undefined);
      expectError(await act(zhiyuan, { action: 'commit', commitment: '' }), 400, 'warning.commitment_required', 'commitment');
      x = expectOk(await act(zhiyuan, { action: 'commit', commitment: '深刻反思，严格执行报销审核制度，每月自查一次' }));
      assert.equal(x.status, 'rectifying');
      expectError(await act(caiwu, { action: 'verify', result: 'ok' }), 403);
      expectError(await act(jiwei, { action: 'verify', result: 'weak' }), 400, 'warning.comment_required', 'comment');
      x = expectOk(await act(jiwei, { action: 'verify', result: 'weak', comment: '整改措施不具体' }));
      assert.equal(x.status, 'handling');
      assert.equal(x.level, 'warning', 'weak rectification raises the level');
      expectOk(await act(caiwu, { action: 'handle', measures: ['诫勉谈话'], handler_title: '财务处处长' }));
      expectOk(await act(zhiyuan, { action: 'commit', commitment: '逐笔复核报销票据，建立台账，每周报告' }));
      x = expectOk(await act(jiwei, { action: 'verify', result: 'ok', comment: '整改到位' }));
      assert.equal(x.status, 'verified');
      x = expectOk(await act(jiwei, { action: 'close' }));
      assert.equal(x.status, 'closed');
      assert.ok(x.closed_at);
      expectError(await act(jiwei, { action: 'cancel', comment: 'x' }), 400, 'warning.action_invalid');
      const full = expectOk(await jiwei.get(`/warnings/${w.id}`));
      assert.deepEqual(full.timeline.map((h) => h.action), ['issue', 'sign', 'handle', 'commit', 'weak', 'handle', 'commit', 'verify', 'close']);
      assert.deepEqual(full.timeline.map((h) => h.actor), ['陈静', '方振宇', '方振宇', '朱文静', '陈静', '方振宇', '朱文静', '陈静', '陈静']);
      // every step is in the audit chain
      const audit = await listAll(admin, `/audit?entity=warning&entity_id=${w.id}`);
      assert.ok(audit.length >= 9, `audit rows: ${audit.length}`);

      // the record sheet (附件四): its nine fields, as PDF and XLSX
      const pdf = await bytes(zhiyuan, `/warnings/${w.id}/record.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      const text = pdfText(pdf.bytes);
      for (const f of ['廉政风险预警处置记录单', '预警对象姓名', '职务', '发生廉政风险情形', '采取的预警措施', '预警对象承诺整改情况',
        '预警处置实施人姓名', '预警处置实施时间', '备注', '朱文静', '方振宇', '诫勉谈话', '逐笔复核报销票据']) assert.ok(text.includes(f), `${f} in the PDF`);
      const xlsx = await bytes(jiwei, `/warnings/${w.id}/record.xlsx`);
      assert.equal(xlsx.status, 200);
      const cells = Object.values(dump(xlsx.bytes).cells).flatMap((s) => Object.values(s));
      for (const f of ['预警对象姓名', '发生廉政风险情形', '预警对象承诺整改情况', '预警处置实施人姓名', '预警处置实施时间', '朱文静', '会计'])
        assert.ok(cells.includes(f), `${f} in the workbook`);
      expectError(await lianluo.get(`/warnings/${w.id}/record.pdf`), 404);
    });

    it('cancel (摘牌) needs a reason; notices from editable templates', async () => {
      const w = expectCreated(await issue(jiwei, { required_measures: '一周内完成票据复核' }));
      for (const [kind, title] of [['prompt', '风险提示书'], ['prevention', '腐败风险防控通知书'], ['disposal', '腐败风险处置通知书']]) {
        const n = await bytes(jiwei, `/warnings/${w.id}/notice.pdf?kind=${kind}`);
        assert.equal(n.status, 200);
        const t = pdfText(n.bytes);
        assert.ok(t.includes(title), `${title}`);
        assert.ok(t.includes('一周内完成票据复核'), 'the measures required');
        assert.ok(t.includes('回复期限'));
      }
      expectError(await jiwei.get(`/warnings/${w.id}/notice.pdf?kind=poem`), 400, 'warning.notice_kind_invalid', 'kind');
      const tpl = expectOk(await jiwei.get(`/notice-templates?unit_id=${zy}`));
      assert.ok(tpl.prompt.includes('{{deadline}}'));
      expectError(await caiwu.put(`/notice-templates?unit_id=${zy}`, { kind: 'prompt', body: 'x' }), 403);
      expectOk(await jiwei.put(`/notice-templates?unit_id=${zy}`, { kind: 'prompt', body: '{{subject}}同志：请于{{deadline}}前说明情况。学院纪委' }));
      assert.ok(pdfText((await bytes(jiwei, `/warnings/${w.id}/notice.pdf?kind=prompt`)).bytes).includes('同志：请于'));
      expectError(await jiwei.post(`/warnings/${w.id}/transitions`, { action: 'cancel' }), 400, 'warning.comment_required');
      const x = expectOk(await jiwei.post(`/warnings/${w.id}/transitions`, { action: 'cancel', comment: '经核实反映不实' }));
      assert.equal(x.status, 'cancelled');
      assert.equal(x.cancel_reason, '经核实反映不实');
    });

    it('the third warning in a year on a post proposes raising its level: its filed risks go back to 纪委界定', async () => {
      const filed = (await listAll(jiwei, `/risks?unit_id=${zy}&status=filed`)).filter((r) => r.post_id && r.level !== 'high');
      assert.ok(filed.length > 0, 'a filed, not-high post risk in the demo');
      const post = filed[0].post_id;
      const onPost = filed.filter((r) => r.post_id === post).map((r) => r.id).sort((a, b) => a - b);
      const already = (await listAll(jiwei, `/warnings?unit_id=${zy}`)).filter((w) => w.subject_post_id === post && w.status !== 'cancelled').length;
      for (let i = already; i < 3; i++) {
        expectCreated(await jiwei.post('/warnings', { subject_kind: 'post', subject_id: post, source: 'inspection', situation: uniq('检查发现'), level: 'reminder' }));
        if (i < 2) assert.ok(!(expectOk(await jiwei.get('/warning-proposals')).items.some((p) => p.kind === 'post' && p.target_id === post)), 'no proposal before the third');
      }
      const p = expectOk(await jiwei.get('/warning-proposals')).items.find((x) => x.kind === 'post' && x.target_id === post);
      assert.ok(p, 'a proposal after the third warning');
      assert.equal(p.warnings, 3);
      assert.deepEqual([...p.reopened].sort((a, b) => a - b), onPost);
      const r = expectOk(await jiwei.get(`/risks/${onPost[0]}`));
      assert.equal(r.stage, 'commission_review');
      const h = expectOk(await jiwei.get(`/risks/${onPost[0]}/history`)).items;
      assert.ok(h.at(-1).comment.includes('次预警'), h.at(-1).comment);
      // a fourth warning does not propose again
      expectCreated(await jiwei.post('/warnings', { subject_kind: 'post', subject_id: post, situation: uniq('再次'), level: 'reminder' }));
      assert.equal(expectOk(await jiwei.get('/warning-proposals')).items.filter((x) => x.kind === 'post' && x.target_id === post).length, 1);
    });

    it('stats and settings: counts by level, status and department; colours and the repeat threshold', async () => {
      const s = expectOk(await jiwei.get('/warnings/stats'));
      assert.equal(s.total, Object.values(s.by_level).reduce((a, b) => a + b, 0));
      assert.equal(s.total, await total(jiwei, '/warnings'));
      assert.ok(s.by_department['财务处'] > 0);
      const g = expectOk(await jiwei.get('/warning-settings'));
      assert.deepEqual(Object.keys(g.colours).sort(), ['alarm', 'reminder', 'warning']);
      assert.equal(g.repeat_threshold, 3);
      expectError(await jiwei.put('/warning-settings', { colours: { warning: 'orange; background: url(x)' } }), 400, 'warning.settings_invalid', 'colours');
      expectError(await caiwu.put('/warning-settings', { repeat_threshold: 4 }), 403);
      const put = expectOk(await jiwei.put('/warning-settings', { colours: { warning: '#f97316' } }));
      assert.equal(put.colours.warning, '#f97316');
      assert.equal(put.colours.alarm, g.colours.alarm);
    });
  });
}

// Escalation on the working-day calendar with the server's clock fixed (serve --now), restarting the server on the
// same store as the days pass: 30 September 2026 (Wednesday) + 3 working days skips the National Day holiday
// (1–7 October) and lands on Saturday 10 October, a 调休 working day.
describe('warnings: escalation past deadlines with a fixed clock [sqlite]', () => {
  it('unsigned past its deadline: up one level and one recipient; a unit\'s own day off moves the next deadline', async () => {
    const store = freshStore('sqlite');
    let server;
    const at = async (now, demo = false) => {
      await server?.stop();
      server = await spawnServer(store.db, { demo, extraArgs: ['--now', now] });
      return as(server, 'jiwei');
    };
    try {
      let c = await at('2026-09-30T09:00:00Z', true);
      const zhiyuan = (await listAll(c, '/people')).find((p) => p.name === '朱文静');
      const w = expectCreated(await c.post('/warnings', { subject_kind: 'person', subject_id: zhiyuan.id, situation: '节前突击报销', level: 'reminder' }));
      assert.equal(w.deadline, '2026-10-10', 'three working days across the holiday: 8, 9 and the 调休 Saturday 10 October');
      assert.equal(w.recipient_role, 'dept_head');

      c = await at('2026-10-10T18:00:00Z');
      let x = expectOk(await c.get(`/warnings/${w.id}`));
      assert.equal(x.escalations, 0, 'not past its deadline on the deadline day');

      c = await at('2026-10-11T08:00:00Z');
      x = expectOk(await c.get(`/warnings/${w.id}`));
      assert.equal(x.escalations, 1);
      assert.equal(x.level, 'warning');
      assert.equal(x.recipient_role, 'supervisor');
      assert.equal(x.status, 'issued');
      assert.equal(x.deadline, '2026-10-13', 'two working days from Sunday 11 October');
      assert.equal(x.timeline.at(-1).action, 'escalate');
      assert.ok(x.timeline.at(-1).comment.includes('2026-10-10'));

      // the college closes on 15 October (its own day off): the next deadline skips it
      expectOk(await c.put('/calendar', { year: 2026, days: [{ date: '2026-10-15', working: false, note: '校庆放假' }] }));
      const cal = expectOk(await c.get('/calendar?year=2026'));
      assert.ok(cal.days.some((d) => d.date === '2026-10-10' && d.working && d.source === 'official'));
      assert.ok(cal.days.some((d) => d.date === '2026-10-15' && !d.working && d.source === 'unit'));
      c = await at('2026-10-14T08:00:00Z');
      x = expectOk(await c.get(`/warnings/${w.id}`));
      assert.equal(x.escalations, 2);
      assert.equal(x.level, 'alarm');
      assert.equal(x.recipient_tier, 2);
      assert.equal(x.deadline, '2026-10-16', 'one working day, skipping the 15th');

      c = await at('2026-10-20T08:00:00Z');
      x = expectOk(await c.get(`/warnings/${w.id}`));
      assert.equal(x.escalations, 2, 'an alarm at the top tier goes nowhere higher');
      assert.equal(x.overdue, true);
    } finally {
      await server?.stop();
      store.drop();
    }
  });
});
