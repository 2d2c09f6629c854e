// The grading workflow of risk points: 自查自报 → 部门审核 → 纪委界定 → 群众评议 → 班子审定 → 公示 → 备案, who may act at
// each stage, returns, objections, reopening, defining a level, batches (all or none), history, and re-rating when a
// post's duties change (docs/api.md: Grading workflow). Every risk asserted on is made here, in 财务处 of the college.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, total, listAll, demoOrg, uniq } from './_util.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const TODAY = day(0);


for (const backend of backends()) {
  describe(`risk workflow [${backend}]`, () => {
    let srv, admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji, org, cwc, kj;

    // A draft filed by zhiyuan for 会计, graded high (2 × 3) unless `body` says otherwise.
    const draft = async (body = {}) => expectCreated(await zhiyuan.post('/risks', {
      post_id: kj.id, description: uniq('流程风险'), grading_inputs: { likelihood: 2, impact: 3 }, measures_text: '每月抽查', ...body,
    }), 'zhiyuan files a draft');
    const move = async (c, id, body, what) => {
      const r = await c.post(`/risks/${id}/transitions`, body);
      assert.equal(r.status, 200, `${what ?? body.action} of ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const get = async (id) => (await admin.get(`/risks/${id}`)).body;
    const history = async (id) => {
      const r = await admin.get(`/risks/${id}/history`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(Array.isArray(r.body.items));
      return r.body.items;
    };
    // The steps that take a risk from `stage` one stage on, with the right actor.
    const STEP = {
      draft: () => [zhiyuan, { action: 'submit' }],
      dept_review: () => [caiwu, { action: 'approve' }],
      commission_review: () => [jiwei, { action: 'approve' }],
      appraisal: () => [jiwei, { action: 'approve', appraisal: { agree: 10, disagree: 0, abstain: 1 } }],
      leadership_review: () => [lingdao, { action: 'approve', publicity_until: day(-1) }],
      publicity: () => [jiwei, { action: 'approve' }],
    };
    const ORDER = ['draft', 'dept_review', 'commission_review', 'appraisal', 'leadership_review', 'publicity', 'filed'];
    // Moves risk `id` (filed by zhiyuan) on until it reaches `stage`.
    const driveTo = async (id, stage) => {
      let r = await get(id);
      while (r.stage !== stage) {
        assert.ok(STEP[r.stage], `cannot drive ${id} from ${r.stage} to ${stage}`);
        const [c, body] = STEP[r.stage]();
        r = await move(c, id, body, `${body.action} at ${r.stage}`);
      }
      return r;
    };
    // A risk and its history, to show that a refusal changed nothing.
    const state = async (id) => ({ risk: await get(id), history: await history(id), audit: await total(admin, '/audit') });

    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, lingdao, caiwu, lianluo, zhiyuan, shenji] = await Promise.all(
        ['admin', 'jiwei', 'lingdao', 'caiwu', 'lianluo', 'zhiyuan', 'shenji'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      cwc = org.college('财务处');
      kj = (await listAll(jiwei, `/posts?department_id=${cwc.id}`)).find((p) => p.name === '会计' && p.department_id === cwc.id);
      assert.ok(kj, 'demo post 财务处/会计');
    });
    after(async () => { await srv?.stop(); });

    it('ratings past their validity are back at 纪委界定 once the server has started, each with a system history entry', async (t) => {
      const reopened = (await listAll(admin, '/risks?status=commission_review')).filter((r) => r.valid_until && r.valid_until < TODAY);
      if (reopened.length === 0) { t.skip('the demo has no expired rating'); return; }
      for (const r of reopened) {
        const h = await history(r.id);
        const e = h.filter((x) => x.action === 'reopen' && x.from_stage === 'filed' && x.to_stage === 'commission_review');
        assert.ok(e.length >= 1, `risk ${r.id} (valid until ${r.valid_until}) has a reopen entry: ${JSON.stringify(h.at(-1))}`);
        assert.equal(e.at(-1).actor, 'system');
        assert.ok(e.at(-1).comment.length > 0, 'the entry gives the reason');
      }
      assert.equal((await listAll(admin, '/risks?status=filed')).filter((r) => !r.cycle_closed && r.valid_until < TODAY).length, 0,
        'no filed risk is past its validity');
    });

    it('the full path: submit → 部门审核 → 纪委界定 → 群众评议 → 班子审定 → 公示 → 备案, with every stage in the history', async () => {
      const r0 = await draft();
      const r1 = await move(zhiyuan, r0.id, { action: 'submit' });
      assert.equal(r1.stage, 'dept_review');
      assert.ok(r1.stage_due, 'a stage has a due date');
      const r2 = await move(caiwu, r0.id, { action: 'approve' });
      assert.equal(r2.stage, 'commission_review');
      const r3 = await move(jiwei, r0.id, { action: 'approve', level: 'high' });
      assert.equal(r3.stage, 'appraisal');
      assert.equal(r3.level, 'high');
      assert.equal(r3.override_reason, '');
      const votes = { agree: 12, disagree: 1, abstain: 0 };
      const r4 = await move(jiwei, r0.id, { action: 'approve', appraisal: votes });
      assert.equal(r4.stage, 'leadership_review');
      assert.deepEqual(r4.appraisal, votes);
      const r5 = await move(lingdao, r0.id, { action: 'approve', publicity_until: day(-1) });
      assert.equal(r5.stage, 'publicity');
      assert.equal(r5.publicity_until, day(-1));
      const r6 = await move(jiwei, r0.id, { action: 'approve' });
      assert.equal(r6.stage, 'filed');
      const [y, md] = [Number(TODAY.slice(0, 4)), TODAY.slice(4)];
      const expected = md === '-02-29' ? [`${y + 1}-02-28`, `${y + 1}-03-01`] : [`${y + 1}${md}`];
      assert.ok(expected.includes(r6.valid_until), `valid_until ${r6.valid_until}, expected one year on: ${expected}`);
      assert.deepEqual(r6.appraisal, votes, 'the appraisal is kept');
      assert.equal(r6.level, 'high');
      assert.deepEqual(await get(r0.id), r6);
      assert.ok((await listAll(admin, `/risks?status=filed&department_id=${cwc.id}`)).some((x) => x.id === r0.id), 'status=filed lists it');

      const h = await history(r0.id);
      const moves = h.filter((e) => e.from_stage !== '' && e.from_stage !== null);
      const rest = h.filter((e) => !moves.includes(e));
      assert.ok(rest.length <= 1, `at most one creation entry besides the moves: ${JSON.stringify(rest)}`);
      if (rest.length) assert.equal(h[0], rest[0], 'the creation entry comes first');
      assert.deepEqual(moves.map((e) => [e.action, e.from_stage, e.to_stage, e.actor, e.level]), [
        ['submit', 'draft', 'dept_review', 'zhiyuan', 'high'],
        ['approve', 'dept_review', 'commission_review', 'caiwu', 'high'],
        ['approve', 'commission_review', 'appraisal', 'jiwei', 'high'],
        ['approve', 'appraisal', 'leadership_review', 'jiwei', 'high'],
        ['approve', 'leadership_review', 'publicity', 'lingdao', 'high'],
        ['approve', 'publicity', 'filed', 'jiwei', 'high'],
      ]);
      for (let i = 1; i < h.length; i++) {
        assert.ok(h[i].id > h[i - 1].id, 'history in order of ids');
        assert.ok(h[i].at >= h[i - 1].at, 'history in order of time');
      }
      for (const e of h) assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
      // the history is readable in scope only
      assert.equal((await zhiyuan.get(`/risks/${r0.id}/history`)).status, 200);
      expectError(await lianluo.get(`/risks/${r0.id}/history`), 404);
    });

    it('the wrong actor at each stage gets 403 and nothing changes', async () => {
      const r = await draft();
      const refuse = async (c, who, body = { action: 'approve' }) => {
        const s = await state(r.id);
        expectError(await c.post(`/risks/${r.id}/transitions`, body), 403, 'auth.forbidden');
        assert.deepEqual(await state(r.id), s, `${who} ${body.action} at ${s.risk.stage}: nothing changed`);
      };
      await refuse(shenji, 'shenji', { action: 'submit' });
      await refuse(lingdao, 'lingdao', { action: 'submit' });
      await driveTo(r.id, 'dept_review');
      await refuse(zhiyuan, 'zhiyuan');
      await refuse(lingdao, 'lingdao');
      await refuse(jiwei, 'jiwei');
      await refuse(shenji, 'shenji');
      await refuse(zhiyuan, 'zhiyuan', { action: 'return', comment: '自己退回' });
      await driveTo(r.id, 'commission_review');
      await refuse(caiwu, 'caiwu');
      await refuse(zhiyuan, 'zhiyuan');
      await refuse(lingdao, 'lingdao');
      await refuse(caiwu, 'caiwu', { action: 'return', comment: '部门退回' });
      await driveTo(r.id, 'appraisal');
      await refuse(caiwu, 'caiwu');
      await refuse(lingdao, 'lingdao');
      await driveTo(r.id, 'leadership_review');
      await refuse(jiwei, 'jiwei', { action: 'approve', publicity_until: day(-1) });
      await refuse(caiwu, 'caiwu');
      await refuse(zhiyuan, 'zhiyuan');
      await driveTo(r.id, 'publicity');
      await refuse(caiwu, 'caiwu');
      await refuse(zhiyuan, 'zhiyuan');
      await refuse(shenji, 'shenji', { action: 'object', comment: '审计异议' });
      await driveTo(r.id, 'filed');
      await refuse(caiwu, 'caiwu', { action: 'reopen', comment: '部门要求重评' });
      await refuse(lingdao, 'lingdao', { action: 'reopen', comment: '领导要求重评' });
      await refuse(zhiyuan, 'zhiyuan', { action: 'reopen', comment: '本人要求重评' });
    });

    it('admin may act at every stage', async () => {
      const r = await draft();
      for (const stage of ORDER.slice(0, -1)) {
        const body = stage === 'leadership_review' ? { action: 'approve', publicity_until: day(-1) } : { action: stage === 'draft' ? 'submit' : 'approve' };
        const after = await move(admin, r.id, body, `admin at ${stage}`);
        assert.equal(after.stage, ORDER[ORDER.indexOf(stage) + 1]);
      }
    });

    it('an action the stage does not offer → 400 risk.action_invalid; nothing changes', async () => {
      const r = await draft();
      const refuse = async (c, body) => {
        const s = await state(r.id);
        expectError(await c.post(`/risks/${r.id}/transitions`, body), 400, 'risk.action_invalid');
        assert.deepEqual(await state(r.id), s, `${body.action} at ${s.risk.stage}: nothing changed`);
      };
      await refuse(admin, { action: 'approve' });
      await refuse(admin, { action: 'reopen', comment: '草稿不能重评' });
      await refuse(admin, { action: 'object', comment: '草稿不能异议' });
      await refuse(admin, { action: 'return', comment: '草稿不能退回' });
      await refuse(zhiyuan, { action: 'fly' });
      await refuse(zhiyuan, { action: '' });
      await driveTo(r.id, 'dept_review');
      await refuse(zhiyuan, { action: 'submit' });
      await refuse(caiwu, { action: 'object', comment: '不在公示期' });
      await refuse(jiwei, { action: 'reopen', comment: '未备案' });
      await driveTo(r.id, 'commission_review');
      await refuse(jiwei, { action: 'object', comment: '不在公示期' });
      await driveTo(r.id, 'filed');
      await refuse(jiwei, { action: 'approve' });
      await refuse(jiwei, { action: 'return', comment: '已备案' });
      await refuse(zhiyuan, { action: 'submit' });
    });

    it('return needs a comment; with one the risk goes back to draft, the history shows the comment, the filer edits and resubmits', async () => {
      const r = await draft();
      await driveTo(r.id, 'dept_review');
      const s = await state(r.id);
      expectError(await caiwu.post(`/risks/${r.id}/transitions`, { action: 'return' }), 400, undefined, 'comment');
      expectError(await caiwu.post(`/risks/${r.id}/transitions`, { action: 'return', comment: '' }), 400, undefined, 'comment');
      assert.deepEqual(await state(r.id), s);

      const comment = '表现形式描述不具体，请补充典型情形后重新提交';
      const back = await move(caiwu, r.id, { action: 'return', comment });
      assert.equal(back.stage, 'draft');
      const last = (await history(r.id)).at(-1);
      assert.deepEqual([last.action, last.from_stage, last.to_stage, last.actor, last.comment], ['return', 'dept_review', 'draft', 'caiwu', comment]);
      const put = await zhiyuan.put(`/risks/${r.id}`, { manifestation: '对连号发票、大额办公用品发票不予追问' });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal((await move(zhiyuan, r.id, { action: 'submit' })).stage, 'dept_review');

      // a return at 纪委界定 by the office goes to draft as well
      await driveTo(r.id, 'commission_review');
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'return' }), 400, undefined, 'comment');
      const back2 = await move(jiwei, r.id, { action: 'return', comment: '请重新评估可能性' });
      assert.equal(back2.stage, 'draft');
    });

    it('filing before the publicity ends → 409 risk.publicity_running; an objection is recorded and the risk stays in publicity', async () => {
      const r = await draft();
      await driveTo(r.id, 'leadership_review');
      const p = await move(lingdao, r.id, { action: 'approve', publicity_until: day(1) });
      assert.equal(p.stage, 'publicity');
      assert.equal(p.publicity_until, day(1));
      for (const c of [jiwei, lingdao]) {
        const s = await state(r.id);
        expectError(await c.post(`/risks/${r.id}/transitions`, { action: 'approve' }), 409, 'risk.publicity_running');
        assert.deepEqual(await state(r.id), s);
      }

      const s = await state(r.id);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'object' }), 400, undefined, 'comment');
      assert.deepEqual(await state(r.id), s);
      const objection = '群众反映：该岗位报销审核存在“人情票”现象';
      const o = await move(jiwei, r.id, { action: 'object', comment: objection });
      assert.equal(o.stage, 'publicity', 'an objection leaves the risk in publicity');
      assert.equal(o.publicity_until, day(1));
      const last = (await history(r.id)).at(-1);
      assert.deepEqual([last.action, last.from_stage, last.to_stage, last.actor, last.comment], ['object', 'publicity', 'publicity', 'jiwei', objection]);
      assert.equal((await get(r.id)).stage, 'publicity');
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'approve' }), 409, 'risk.publicity_running');
    });

    it('班子审定 without publicity_until sets the default (a few working days on); a bad date → 400', async () => {
      const r = await draft();
      await driveTo(r.id, 'leadership_review');
      const s = await state(r.id);
      expectError(await lingdao.post(`/risks/${r.id}/transitions`, { action: 'approve', publicity_until: '2026-13-45' }), 400, undefined, 'publicity_until');
      assert.deepEqual(await state(r.id), s);
      const p = await move(lingdao, r.id, { action: 'approve' });
      assert.equal(p.stage, 'publicity');
      assert.match(p.publicity_until ?? '', /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(p.publicity_until >= day(5) && p.publicity_until <= day(9), `5 working days on: ${p.publicity_until}`);
    });

    it('reopen a filed risk: supervisor with a reason → 纪委界定; without a reason → 400', async () => {
      const r = await draft();
      const filed = await driveTo(r.id, 'filed');
      const s = await state(r.id);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'reopen' }), 400, undefined, 'comment');
      assert.deepEqual(await state(r.id), s);
      const reason = '岗位调整后审核权限扩大，需重新评定';
      const back = await move(jiwei, r.id, { action: 'reopen', comment: reason });
      assert.equal(back.stage, 'commission_review');
      assert.equal(back.level, filed.level);
      const last = (await history(r.id)).at(-1);
      assert.deepEqual([last.action, last.from_stage, last.to_stage, last.actor, last.comment], ['reopen', 'filed', 'commission_review', 'jiwei', reason]);
      // and it can be taken through to filed again
      assert.equal((await driveTo(r.id, 'filed')).stage, 'filed');
    });

    it('纪委界定: a level other than the computed one needs a comment; with one the level changes and override_reason is set', async () => {
      const r = await draft();
      assert.equal(r.computed_level, 'high');
      await driveTo(r.id, 'commission_review');
      const s = await state(r.id);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'approve', level: 'low' }), 400);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'approve', level: 'low', comment: '' }), 400);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'approve', level: 'severe', comment: '未知等级' }), 400);
      assert.deepEqual(await state(r.id), s);
      const reason = '经核实，该岗位单笔报销额度小且有处长复核';
      const a = await move(jiwei, r.id, { action: 'approve', level: 'low', comment: reason });
      assert.equal(a.stage, 'appraisal');
      assert.equal(a.level, 'low');
      assert.equal(a.computed_level, 'high', 'the computed level stays');
      assert.equal(a.override_reason, reason);
      const last = (await history(r.id)).at(-1);
      assert.deepEqual([last.action, last.from_stage, last.to_stage, last.actor, last.level, last.comment],
        ['approve', 'commission_review', 'appraisal', 'jiwei', 'low', reason]);
      const done = await driveTo(r.id, 'filed');
      assert.equal(done.level, 'low', 'the defined level is the one filed');
    });

    it('纪委界定 of a risk with no level → 400 risk.level_required; the office may edit it there and then approve', async () => {
      const r = await draft({ grading_inputs: undefined });
      assert.equal(r.level, '');
      await driveTo(r.id, 'commission_review');
      const s = await state(r.id);
      expectError(await jiwei.post(`/risks/${r.id}/transitions`, { action: 'approve' }), 400, 'risk.level_required');
      assert.deepEqual(await state(r.id), s);
      // content may be edited at 纪委界定 by the office, not by the filer
      expectError(await zhiyuan.put(`/risks/${r.id}`, { manifestation: '本人补充' }), 409, 'risk.not_editable');
      const put = await jiwei.put(`/risks/${r.id}`, { grading_inputs: { likelihood: 1, impact: 3 } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.level, 'medium');
      assert.equal((await move(jiwei, r.id, { action: 'approve' })).stage, 'appraisal');
    });

    it('POST /risks/transitions moves several drafts at once; a batch with one that cannot move → error and none moved', async () => {
      const a = await draft(), b = await draft(), c = await draft();
      const res = await zhiyuan.post('/risks/transitions', { ids: [a.id, b.id, c.id], action: 'submit' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      for (const k of [a, b, c]) assert.equal((await get(k.id)).stage, 'dept_review', `risk ${k.id} moved`);
      for (const k of [a, b, c]) assert.equal((await history(k.id)).at(-1).action, 'submit', 'one history row each');

      const d = await draft(), e = await draft();
      const before = await Promise.all([d, a, e].map((k) => state(k.id)));
      const audit = await total(admin, '/audit');
      const bad = await zhiyuan.post('/risks/transitions', { ids: [d.id, a.id, e.id], action: 'submit' });
      const err = expectError(bad, 400, 'risk.action_invalid');
      assert.ok(err.message.includes(String(a.id)) || err.message_en.includes(String(a.id)), `the error names the refused id ${a.id}: ${JSON.stringify(err)}`);
      assert.deepEqual(await Promise.all([d, a, e].map((k) => state(k.id))), before, 'none moved');
      assert.equal(await total(admin, '/audit'), audit);

      // refused by role: none moves either
      const f = await draft();
      await move(zhiyuan, f.id, { action: 'submit' });
      const s2 = await Promise.all([b, f].map((k) => state(k.id)));
      expectError(await zhiyuan.post('/risks/transitions', { ids: [b.id, f.id], action: 'approve' }), 403, 'auth.forbidden');
      assert.deepEqual(await Promise.all([b, f].map((k) => state(k.id))), s2);
      // the dept head approves both in one go
      const ok = await caiwu.post('/risks/transitions', { ids: [b.id, f.id], action: 'approve' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      for (const k of [b, f]) assert.equal((await get(k.id)).stage, 'commission_review');
      expectError(await caiwu.post('/risks/transitions', { ids: [], action: 'approve' }), 400);
    });

    it('changing a post\'s duties reopens its filed risks at 纪委界定 with a history entry; other changes and other posts do not', async () => {
      const made = await caiwu.post('/posts', { department_id: cwc.id, name: uniq('专项资金审核'), duties: '审核专项资金支出', tier: 'staff', headcount: 1, keys: ['money'] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const post = made.body;
      const onPost = [];
      for (let i = 0; i < 2; i++) {
        const r = expectCreated(await caiwu.post('/risks', { post_id: post.id, description: uniq('专项资金'), grading_inputs: { likelihood: 3, impact: 3 } }));
        await move(caiwu, r.id, { action: 'submit' });
        onPost.push(r);
      }
      const draftOnPost = expectCreated(await caiwu.post('/risks', { post_id: post.id, description: uniq('专项资金草稿'), level: 'low' }));
      const other = await draft();
      for (const r of [...onPost, other]) await driveTo(r.id, 'filed');

      // a change that is not the duties reopens nothing
      const hc = await caiwu.put(`/posts/${post.id}`, { headcount: 2 });
      assert.equal(hc.status, 200, JSON.stringify(hc.body));
      for (const r of onPost) assert.equal((await get(r.id)).stage, 'filed');

      const historyBefore = await Promise.all(onPost.map((r) => history(r.id)));
      const put = await caiwu.put(`/posts/${post.id}`, { duties: '审核专项资金支出，并负责科研经费预算调整的初审' });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      for (const [i, r] of onPost.entries()) {
        const now = await get(r.id);
        assert.equal(now.stage, 'commission_review', `risk ${r.id} reopened`);
        const h = await history(r.id);
        assert.equal(h.length, historyBefore[i].length + 1, 'one new history entry');
        const last = h.at(-1);
        assert.deepEqual([last.from_stage, last.to_stage], ['filed', 'commission_review']);
        assert.ok(last.comment.length > 0, 'the entry gives the reason');
      }
      assert.equal((await get(other.id)).stage, 'filed', 'a risk of another post stays filed');
      assert.equal((await get(draftOnPost.id)).stage, 'draft', 'a draft of the post stays a draft');
    });
  });
}
