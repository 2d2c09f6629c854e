// Journeys 9–11: the risk register (廉政风险点) and its grading workflow.
//   9. zhiyuan (staff, 会计 of 财务处) files a self-check from 我的排查 — the post's duties prefilled, the level
//      previewed from the grading inputs — and submits it; caiwu approves it at 部门审核; jiwei defines it at
//      纪委界定 with another level than computed (the reason is required, and shown so) and records the votes of
//      群众评议; lingdao approves 班子审定 with a publicity that ended yesterday; jiwei files it (备案). The register
//      shows 备案 and the history lists every step with its actor. A wrong actor sees no button, and the server
//      refuses them (403) when they call it anyway.
//  10. The register check (台账体检) of the college lists its findings, among them grading by rank alone in
//      后勤管理处, and links to the department's risks.
//  11. The power page colours the flow steps that carry risks; the posts table shows a post's risks in a drawer.
//  12. The register of 财务处: a batch approval that one risk refuses moves none and names the refused id; the
//      grading model's server error lands on its field; 附件三 exported and imported again changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, apiAs, loginUI, screenshot, pickOption, pagerTotal, eventually, treeNode } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

const day = (offset) => {
  const d = new Date(Date.now() + offset * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const DESCRIPTION = '对熟人报销单据降低审核标准';

/** Opens a select, picks the option and waits until its dropdown has closed (another may open next). */
async function choose(page, select, label) {
  await select.click();
  await pickOption(page, label);
  await eventually(async () => assert.equal(await page.locator('.el-select-dropdown:visible').count(), 0));
}

/** The risk page's stage (data-stage of its tag). */
const stageOf = (page) => page.locator('[data-test=risk-entry] .card-head [data-test=stage-tag]').getAttribute('data-stage');

async function waitStage(page, stage) {
  await eventually(async () => assert.equal(await stageOf(page), stage));
}

/** Clicks an action button on the risk page, confirms the dialog and waits for the server's answer. */
async function act(page, id, action, { fill } = {}) {
  await page.locator(`[data-test=risk-actions] [data-test=action-${action}]`).click();
  const dialog = page.locator('[data-test=transition-dialog]');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/risks/${id}/transitions`));
  await dialog.locator('[data-test=transition-confirm]').click();
  return answer;
}

test('journey 9: a staff self-check goes through every stage of the grading workflow to 备案', async () => {
  const jiweiApi = await apiAs(env.base, 'jiwei');
  const posts = (await jiweiApi.get(`/posts?q=${encodeURIComponent('会计')}&size=100`)).body.items;
  const kj = posts.find((p) => p.name === '会计' && p.department_name === '财务处');
  assert.ok(kj, 'demo post 财务处/会计');
  const duties = (await jiweiApi.get(`/posts/${kj.id}`)).body.duties;
  assert.ok(duties.length > 10, 'the 会计 post has duties');

  // ---- zhiyuan: 我的排查 → 新增, duties prefilled, level previewed, saved and submitted ----
  const staff = await env.newPage();
  await loginUI(staff, env.base, 'zhiyuan');
  // Staff get their own check, not the register.
  assert.equal(await staff.getByRole('menuitem', { name: '风险点台账' }).count(), 0);
  await staff.getByRole('menuitem', { name: '我的排查' }).click();
  await staff.waitForURL((u) => u.pathname === '/risks/mine');
  const card = staff.locator('[data-test=my-post]').filter({ has: staff.locator('[data-test=my-post-name]', { hasText: '财务处 / 会计' }) });
  await card.waitFor();
  assert.equal((await card.locator('[data-test=my-post-duties]').innerText()).trim(), duties);

  await card.locator('[data-test=add-own-risk]').click();
  const dialog = staff.locator('[data-test=risk-dialog]');
  await dialog.waitFor();
  assert.ok((await dialog.locator('.el-dialog__title').innerText()).includes('个人岗位廉政风险排查表'));
  // The duty field holds the post's duties, as the server has them.
  await eventually(async () => assert.equal(await dialog.locator('textarea[name=duty]').inputValue(), duties));
  await dialog.locator('[data-test=duty-prefilled]').waitFor();
  assert.ok((await dialog.locator('[data-test=risk-post]').innerText()).includes('会计（财务处）'));

  await choose(staff, dialog.locator('[data-test=risk-category]'), '岗位职责');
  await choose(staff, dialog.locator('[data-test=risk-power]'), '费用报销（财务处）');
  await choose(staff, dialog.locator('[data-test=risk-step]'), '会计审核（会计）');
  await dialog.locator('textarea[name=description]').fill(DESCRIPTION);
  await dialog.locator('textarea[name=manifestation]').fill('对熟人、同事提交的报销单据不认真核对发票和附件，放宽报销标准');
  for (const c of ['监管缺失', '个人自律']) await dialog.locator('[data-test=risk-cause-presets] .el-checkbox', { hasText: c }).click();
  await dialog.locator('input[name=causes]').fill('人情干扰');
  await dialog.locator('textarea[name=measures_text]').fill('副处长每月抽查报销凭证并登记台账，纪委办公室每季度复核');

  // Grading inputs of the college's model (3×3 matrix): 2 × 3 = 6 → 高, previewed by the server.
  assert.equal(await dialog.locator('[data-test=grading-inputs]').getAttribute('data-method'), 'matrix');
  await choose(staff, dialog.locator('[data-test=grading-likelihood]'), '2');
  await choose(staff, dialog.locator('[data-test=grading-impact]'), '3');
  const preview = dialog.locator('[data-test=preview-level]');
  await preview.waitFor();
  assert.equal(await preview.getAttribute('data-level'), 'high');
  assert.equal((await preview.innerText()).trim(), '高');
  assert.match(await dialog.locator('[data-test=preview-basis]').innerText(), /可能性 2 × 影响 3 = 6/);
  await screenshot(staff, 'journey9-self-check-form');

  const created = staff.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/risks'));
  await dialog.locator('[data-test=risk-save]').click();
  const createdRes = await created;
  assert.equal(createdRes.status(), 201, await createdRes.text());
  const risk = await createdRes.json();
  const id = risk.id;
  assert.equal(risk.post_id, kj.id);
  assert.equal(risk.duty, duties);
  assert.equal(risk.level, 'high');
  assert.equal(risk.causes, '监管缺失；个人自律；人情干扰');
  assert.equal(risk.step_element, 'Task_4');
  assert.equal(risk.stage, 'draft');

  // Graded 高: the unit's template measures for that level are offered; zhiyuan leaves them for later.
  const proposed = (await jiweiApi.get(`/risks/${id}/proposals`)).body.items;
  assert.ok(proposed.length > 0 && proposed.every((p) => p.level === 'high'), 'templates for 高');
  const proposals = staff.locator('[data-test=proposals-dialog]');
  await proposals.locator('[data-test=proposals-after-grading]').waitFor();
  await eventually(async () => assert.deepEqual(await proposals.locator('[data-test=proposal-description]').allInnerTexts(),
    proposed.map((p) => p.description)));
  await proposals.getByRole('button', { name: '以后再说' }).click();
  await proposals.waitFor({ state: 'hidden' });

  const row = card.locator('[data-test=my-risks-table] .el-table__body tr').filter({ hasText: DESCRIPTION });
  await row.waitFor();
  await row.locator('[data-test=submit-own-risk]').click();
  const submitDialog = staff.locator('[data-test=transition-dialog]');
  const submitted = staff.waitForResponse((r) => r.url().endsWith(`/risks/${id}/transitions`));
  await submitDialog.locator('[data-test=transition-confirm]').click();
  assert.equal((await submitted).status(), 200);
  await eventually(async () => assert.equal(await row.locator('[data-test=stage-tag]').getAttribute('data-stage'), 'dept_review'));
  await submitDialog.waitFor({ state: 'hidden' });
  await screenshot(staff, 'journey9-my-risks-submitted');

  // A wrong actor: zhiyuan sees no approve or return on the risk at 部门审核 …
  await row.locator('[data-test=risk-link]').click();
  await staff.waitForURL((u) => u.pathname === `/risks/${id}`);
  await waitStage(staff, 'dept_review');
  assert.equal(await staff.locator('[data-test=risk-actions] [data-test=action-approve]').count(), 0);
  assert.equal(await staff.locator('[data-test=risk-actions] [data-test=action-return]').count(), 0);
  assert.equal(await staff.locator('[data-test=edit-risk]').count(), 0);
  // … and the server refuses them when they call it anyway.
  const me = await (await staff.request.get(`${env.base}/api/v1/auth/me`)).json();
  const forged = await staff.request.post(`${env.base}/api/v1/risks/${id}/transitions`, {
    headers: { 'X-CSRF-Token': me.csrf_token }, data: { action: 'approve' },
  });
  assert.equal(forged.status(), 403);
  assert.equal((await forged.json()).error.code, 'auth.forbidden');
  assert.equal((await jiweiApi.get(`/risks/${id}`)).body.stage, 'dept_review', 'the refused call changed nothing');
  assert.deepEqual(staff.pageErrors, []);
  await staff.context().close();

  // ---- caiwu (dept_head of 财务处): finds it in the register and approves 部门审核 ----
  const head = await env.newPage();
  await loginUI(head, env.base, 'caiwu');
  await head.getByRole('menuitem', { name: '风险点台账' }).click();
  await head.waitForURL((u) => u.pathname === '/risks');
  await head.locator('input[data-test=filter-q]').fill(DESCRIPTION);
  await head.locator('input[data-test=filter-q]').press('Enter');
  const panel = head.locator('[data-test=risks-panel]');
  await eventually(async () => assert.equal(await pagerTotal(panel), 1));
  await head.locator('[data-test=risks-table] [data-test=risk-link]', { hasText: DESCRIPTION }).click();
  await head.waitForURL((u) => u.pathname === `/risks/${id}`);
  await waitStage(head, 'dept_review');
  const deptOk = await act(head, id, 'approve', { fill: (d) => d.locator('textarea[name=comment]').fill('情况属实，同意上报') });
  assert.equal(deptOk.status(), 200, await deptOk.text());
  await waitStage(head, 'commission_review');
  // At 纪委界定 the department head has nothing more to do.
  assert.equal(await head.locator('[data-test=risk-actions] [data-test=action-approve]').count(), 0);
  assert.deepEqual(head.pageErrors, []);
  await head.context().close();

  // ---- jiwei (supervisor): defines the level at 纪委界定, then records 群众评议 ----
  const office = await env.newPage();
  await loginUI(office, env.base, 'jiwei');
  await office.goto(`${env.base}/risks/${id}`);
  await waitStage(office, 'commission_review');
  await office.locator('[data-test=risk-actions] [data-test=action-approve]').click();
  const define = office.locator('[data-test=transition-dialog]');
  await define.waitFor();
  // The computed level is preselected; another level makes the reason required.
  await eventually(async () => assert.ok(
    (await define.locator('[data-test=define-level] label[data-level=high]').getAttribute('class')).includes('is-active')));
  await define.locator('[data-test=define-level] label[data-level=medium]').click();
  await define.locator('[data-test=level-differs]').waitFor();
  const refused = office.waitForResponse((r) => r.url().endsWith(`/risks/${id}/transitions`));
  await define.locator('[data-test=transition-confirm]').click();
  const refusedRes = await refused;
  assert.equal(refusedRes.status(), 400);
  assert.equal((await refusedRes.json()).error.code, 'risk.override_reason_required');
  // The server's message is on the reason field, and the dialog stays open.
  const reasonItem = define.locator('[data-test=transition-comment]');
  await eventually(async () => assert.match(await reasonItem.locator('.el-form-item__error').innerText(), /须说明理由/));
  assert.equal((await reasonItem.locator('.el-form-item__label').innerText()).trim(), '理由');
  await screenshot(office, 'journey9-define-reason-required');
  assert.equal((await jiweiApi.get(`/risks/${id}`)).body.stage, 'commission_review');

  const reason = '报销须经副处长复核，单人放宽标准的可能性较低';
  await define.locator('textarea[name=comment]').fill(reason);
  const defined = office.waitForResponse((r) => r.url().endsWith(`/risks/${id}/transitions`));
  await define.locator('[data-test=transition-confirm]').click();
  assert.equal((await defined).status(), 200);
  await waitStage(office, 'appraisal');
  await eventually(async () => assert.equal(
    await office.locator('[data-test=risk-entry] .card-head [data-test=level-tag]').getAttribute('data-level'), 'medium'));
  assert.equal((await office.locator('[data-test=risk-override-reason]').innerText()).trim(), reason);

  const votes = { agree: '25', disagree: '2', abstain: '1' };
  const appraised = await act(office, id, 'approve', {
    fill: async (d) => {
      for (const [k, v] of Object.entries(votes)) {
        const input = d.locator(`[data-test=votes-${k}] input`);
        await input.fill(v);
        await input.press('Tab');
      }
    },
  });
  assert.equal(appraised.status(), 200, await appraised.text());
  await waitStage(office, 'leadership_review');
  assert.equal((await office.locator('[data-test=risk-votes]').innerText()).trim(), '同意 25，不同意 2，弃权 1');
  assert.deepEqual(office.pageErrors, []);

  // ---- lingdao (leader of the college): 班子审定 with a publicity that ended yesterday ----
  const leader = await env.newPage();
  await loginUI(leader, env.base, 'lingdao');
  await leader.goto(`${env.base}/risks/${id}`);
  await waitStage(leader, 'leadership_review');
  const yesterday = day(-1);
  const approvedByLeader = await act(leader, id, 'approve', {
    fill: async (d) => {
      const input = d.locator('.el-date-editor input');
      await input.click();
      await input.fill(yesterday);
      await input.press('Enter');
      await d.locator('textarea[name=comment]').click(); // closes the picker
      await eventually(async () => assert.equal(await input.inputValue(), yesterday));
    },
  });
  assert.equal(approvedByLeader.status(), 200, await approvedByLeader.text());
  assert.equal((await approvedByLeader.json()).publicity_until, yesterday);
  await waitStage(leader, 'publicity');
  // The leader may object or file during publicity, not reopen.
  assert.equal(await leader.locator('[data-test=risk-actions] [data-test=action-reopen]').count(), 0);
  assert.deepEqual(leader.pageErrors, []);
  await leader.context().close();

  // ---- jiwei: 备案 ----
  await office.reload();
  await waitStage(office, 'publicity');
  const fileButton = office.locator('[data-test=risk-actions] [data-test=action-approve]');
  assert.equal((await fileButton.innerText()).trim(), '备案');
  const filed = await act(office, id, 'approve');
  assert.equal(filed.status(), 200, await filed.text());
  await waitStage(office, 'filed');
  const after = (await jiweiApi.get(`/risks/${id}`)).body;
  assert.equal(after.stage, 'filed');
  assert.equal(after.level, 'medium');
  assert.equal(after.valid_until, `${Number(day(0).slice(0, 4)) + 1}${day(0).slice(4)}`);
  assert.equal((await office.locator('[data-test=risk-valid-until]').innerText()).trim(), after.valid_until);
  // Every step of the bar is done; the supervisor may now reopen it for re-rating.
  assert.equal(await office.locator('[data-test=risk-steps] .el-step__head.is-success').count(), 7);
  await office.locator('[data-test=risk-actions] [data-test=action-reopen]').waitFor();

  // The history lists every step with the right actor, as the server has it.
  const expected = [
    ['create', 'zhiyuan', '', 'draft'],
    ['submit', 'zhiyuan', 'draft', 'dept_review'],
    ['approve', 'caiwu', 'dept_review', 'commission_review'],
    ['approve', 'jiwei', 'commission_review', 'appraisal'],
    ['approve', 'jiwei', 'appraisal', 'leadership_review'],
    ['approve', 'lingdao', 'leadership_review', 'publicity'],
    ['approve', 'jiwei', 'publicity', 'filed'],
  ];
  const history = (await jiweiApi.get(`/risks/${id}/history`)).body.items;
  assert.deepEqual(history.map((h) => [h.action, h.actor, h.from_stage, h.to_stage]), expected);
  assert.equal(history[3].comment, reason);
  assert.equal(history[3].level, 'medium');
  const entries = office.locator('[data-test=risk-history] [data-test=history-entry]');
  await eventually(async () => assert.equal(await entries.count(), expected.length));
  const stageName = { draft: '自查自报', dept_review: '部门审核', commission_review: '纪委界定', appraisal: '群众评议',
    leadership_review: '班子审定', publicity: '公示', filed: '备案' };
  for (let i = 0; i < expected.length; i++) {
    const [action, actor, from, to] = expected[i];
    const entry = entries.nth(i);
    assert.equal(await entry.getAttribute('data-action'), action);
    assert.equal((await entry.locator('[data-test=history-actor]').innerText()).trim(), actor);
    const stages = (await entry.locator('[data-test=history-stages]').innerText()).trim();
    assert.equal(stages, from ? `${stageName[from]} → ${stageName[to]}` : stageName[to]);
  }
  assert.equal((await entries.nth(6).locator('[data-test=history-action]').innerText()).trim(), '备案');
  await office.locator('[data-test=risk-history]').scrollIntoViewIfNeeded();
  await screenshot(office, 'journey9-filed-history');

  // The register shows it at 备案.
  await office.getByRole('menuitem', { name: '风险点台账' }).click();
  await office.waitForURL((u) => u.pathname === '/risks');
  await office.locator('input[data-test=filter-q]').fill(DESCRIPTION);
  await office.locator('input[data-test=filter-q]').press('Enter');
  const registerRow = office.locator('[data-test=risks-table] .el-table__body tr').filter({ hasText: DESCRIPTION });
  await eventually(async () => assert.equal(await office.locator('[data-test=risks-table] .el-table__body tr').count(), 1));
  const stageTag = registerRow.locator('[data-test=stage-tag]');
  assert.equal(await stageTag.getAttribute('data-stage'), 'filed');
  assert.match(await stageTag.innerText(), /备案/);
  assert.equal((await registerRow.locator('[data-test=level-tag]').innerText()).trim(), '中');
  assert.equal((await registerRow.locator('[data-test=risk-place]').innerText()).trim(), '财务处 / 会计');
  await screenshot(office, 'journey9-register-filed');
  assert.deepEqual(office.pageErrors, []);
  await office.context().close();
});

test('journey 10: the register check of the college lists its findings, grading by rank alone in 后勤管理处 among them', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const college = (await api.get('/units')).body.items.find((u) => u.name === '某市职业技术学院');
  const findings = (await api.get(`/quality/risks?unit_id=${college.id}`)).body.items;
  const rankOnly = findings.find((f) => f.code === 'rank_only_grading');
  assert.ok(rankOnly && rankOnly.message.includes('后勤管理处'), `findings: ${JSON.stringify(findings.map((f) => f.code))}`);

  await loginUI(page, env.base, 'jiwei');
  await page.getByRole('menuitem', { name: '台账体检' }).click();
  await page.waitForURL((u) => u.pathname === '/risks/quality');
  await page.locator('[data-test=quality-unit]').click();
  await pickOption(page, '某市职业技术学院');
  await eventually(async () => assert.equal((await page.locator('[data-test=quality-total]').innerText()).trim(), `共发现 ${findings.length} 项问题`));
  const rows = page.locator('[data-test=quality-table] .el-table__body tr');
  await eventually(async () => assert.equal(await rows.count(), findings.length));
  const row = rows.filter({ has: page.locator('[data-test=finding-code][data-code=rank_only_grading]') });
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('[data-test=finding-code]').innerText()).trim(), '按职级定级');
  assert.equal((await row.locator('[data-test=finding-message]').innerText()).trim(), rankOnly.message);
  await page.waitForTimeout(800); // the chart's entry animation, for the picture
  await screenshot(page, 'journey10-quality');

  // Its link opens the register of 后勤管理处.
  await row.locator('[data-test=finding-link]').click();
  await page.waitForURL((u) => u.pathname === '/risks' && u.searchParams.get('department_id') === String(rankOnly.entity_id));
  await eventually(async () => assert.equal((await page.locator('[data-test=risks-scope]').innerText()).trim(), '后勤管理处'));
  const total = (await api.get(`/risks?department_id=${rankOnly.entity_id}&size=1`)).body.total;
  await eventually(async () => assert.equal(await pagerTotal(page.locator('[data-test=risks-panel]')), total));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 11: the flow of 费用报销 is coloured by its risks; a post shows its risks in a drawer', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const power = (await api.get(`/powers?q=${encodeURIComponent('费用报销')}`)).body.items.find((p) => p.name === '费用报销');
  const risks = (await api.get(`/risks?power_id=${power.id}&size=500`)).body.items;
  assert.ok(risks.length > 0, 'demo risks of 费用报销');
  const rank = { high: 3, medium: 2, low: 1 };
  const top = new Map();
  for (const r of risks) {
    if (!r.step_element || !r.level) continue;
    if (!top.has(r.step_element) || rank[r.level] > rank[top.get(r.step_element)]) top.set(r.step_element, r.level);
  }

  await loginUI(page, env.base, 'jiwei');
  await page.goto(`${env.base}/powers/${power.id}`);
  await page.locator('[data-test=power-risks]').waitFor();
  await eventually(async () => assert.equal(await page.locator('[data-test=power-risk-table] .el-table__body tr').count(), risks.length));
  for (const [element, level] of top) {
    const shape = page.locator(`[data-test=flow-canvas] .djs-element[data-element-id="${element}"]`);
    await eventually(async () => assert.ok((await shape.getAttribute('class')).includes(`lf-risk-${level}`), `${element} marked ${level}`));
    assert.equal(await page.locator(`[data-test=risk-badge][data-element="${element}"]`).getAttribute('data-level'), level);
  }
  await page.locator('[data-test=flow-card]').scrollIntoViewIfNeeded();
  await screenshot(page, 'journey11-flow-risks');

  // 单位与岗位: the 会计 post of 财务处 and its risks.
  const kj = (await api.get(`/posts?q=${encodeURIComponent('会计')}&size=100`)).body.items.find((p) => p.name === '会计' && p.department_name === '财务处');
  const postRisks = (await api.get(`/risks?post_id=${kj.id}&size=1`)).body.total;
  await page.getByRole('menuitem', { name: '单位与岗位' }).click();
  await treeNode(page, '财务处').click();
  const row = page.locator('[data-test=posts-table] .el-table__body tr').filter({ has: page.locator('.post-name', { hasText: /^会计$/ }) });
  await row.first().locator('[data-test=post-risks]').click();
  const drawer = page.locator('[data-test=risk-list-drawer]');
  await drawer.waitFor();
  await eventually(async () => assert.equal(await drawer.locator('[data-test=risk-list] .el-table__body tr').count(), postRisks));
  assert.ok((await drawer.locator('.el-drawer__title').innerText()).includes('财务处 / 会计'));
  await page.waitForTimeout(400); // the drawer slides in
  await screenshot(page, 'journey11-post-risks');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 12: batch approval is all or nothing, the model refuses bad cut-offs on the field, 附件三 round-trips', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const college = (await api.get('/units')).body.items.find((u) => u.code === 'ZYXY');
  const cwc = (await api.get(`/departments?unit_id=${college.id}&size=500`)).body.items.find((d) => d.name === '财务处');
  const risks = (await api.get(`/risks?department_id=${cwc.id}&size=500`)).body.items;
  // jiwei may approve at 纪委界定, not at 部门审核 (the department head's stage).
  const mine = risks.find((r) => r.stage === 'commission_review' && r.level);
  const theirs = risks.find((r) => r.stage === 'dept_review');
  assert.ok(mine && theirs, 'demo risks of 财务处 at 纪委界定 and 部门审核');
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  try {
    await loginUI(page, env.base, 'jiwei');
    await page.getByRole('menuitem', { name: '风险点台账' }).click();
    await treeNode(page, '财务处').click();
    await eventually(async () => assert.equal((await page.locator('[data-test=risks-scope]').innerText()).trim(), '财务处'));
    const panel = page.locator('[data-test=risks-panel]');
    await eventually(async () => assert.equal(await pagerTotal(panel), risks.length));

    // ---- batch: the second risk is refused, so neither moves ----
    const rowOf = (r) => page.locator('[data-test=risks-table] .el-table__body tr').filter({ hasText: r.description });
    await rowOf(mine).locator('.el-checkbox').click();
    await rowOf(theirs).locator('.el-checkbox').click();
    await eventually(async () => assert.equal((await page.locator('[data-test=selection-count]').innerText()).trim(), '已选 2 项'));
    await page.locator('[data-test=batch-approve]').click();
    const dialog = page.locator('[data-test=transition-dialog]');
    await dialog.waitFor();
    assert.ok((await dialog.locator('.el-dialog__title').innerText()).includes('（2 项）'));
    const batch = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/risks/transitions'));
    await dialog.locator('[data-test=transition-confirm]').click();
    const res = await batch;
    assert.equal(res.status(), 403);
    assert.deepEqual(JSON.parse(res.request().postData()).ids, [mine.id, theirs.id]);
    const alert = dialog.locator('[data-test=transition-error]');
    await alert.waitFor();
    assert.ok((await alert.innerText()).includes(`编号 ${theirs.id}`), `the error names ${theirs.id}: ${await alert.innerText()}`);
    await screenshot(page, 'journey12-batch-refused');
    for (const r of [mine, theirs]) assert.equal((await api.get(`/risks/${r.id}`)).body.stage, r.stage, `risk ${r.id} did not move`);
    await dialog.locator('.el-dialog__headerbtn').click();
    await dialog.waitFor({ state: 'hidden' });

    // ---- the grading model: a cut-off above the 3×3 maximum is refused on its field ----
    const modelBefore = (await api.get(`/grading-models/${college.id}`)).body;
    await page.locator('[data-test=grading-settings]').click();
    const model = page.locator('[data-test=grading-model-dialog]');
    await model.waitFor();
    await eventually(async () => assert.equal(await model.locator('[data-test=model-high-from] input').inputValue(), String(modelBefore.high_from)));
    await model.locator('[data-test=model-high-from] input').fill('12');
    await model.locator('[data-test=model-high-from] input').press('Tab');
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/grading-models/${college.id}`));
    await model.locator('[data-test=model-save]').click();
    const putRes = await put;
    assert.equal(putRes.status(), 400);
    assert.equal((await putRes.json()).error.field, 'high_from');
    const highItem = model.locator('.el-form-item').filter({ has: page.locator('[data-test=model-high-from]') });
    await eventually(async () => assert.match(await highItem.locator('.el-form-item__error').innerText(), /不超过 9/));
    await screenshot(page, 'journey12-model-refused');
    assert.deepEqual((await api.get(`/grading-models/${college.id}`)).body, modelBefore);
    await model.locator('.el-dialog__footer button', { hasText: '取消' }).click();
    await model.waitFor({ state: 'hidden' });

    // ---- 附件三 of 财务处: exported, imported again, nothing changes ----
    const downloading = page.waitForEvent('download');
    await page.locator('[data-test=export-personal]').click();
    const download = await downloading;
    assert.match(download.url(), new RegExp(`/exports/risk-personal\\.xlsx\\?department_id=${cwc.id}$`));
    const file = join(dir, '附件三.xlsx');
    await download.saveAs(file);
    // 职权运行和廉政风险防控措施表 sits beside the other forms, for the same department, as Excel and as PDF.
    for (const [name, ext] of [['export-power-measures', 'xlsx'], ['export-power-measures-pdf', 'pdf']]) {
      assert.equal(await page.locator(`[data-test=${name}]`).getAttribute('href'), `/api/v1/exports/power-measures.${ext}?department_id=${cwc.id}`);
    }
    const table = await page.request.get(`${env.base}/api/v1/exports/power-measures.pdf?department_id=${cwc.id}`);
    assert.equal(table.status(), 200);
    assert.equal((await table.body()).subarray(0, 4).toString('latin1'), '%PDF');
    // What the server makes of the same bytes (importing unchanged rows writes nothing).
    const direct = await fetch(`${env.base}/api/v1/imports/risk-personal?unit_id=${college.id}`, {
      method: 'POST', body: readFileSync(file), headers: { cookie: api.cookie, 'x-csrf-token': api.csrf, 'content-type': 'application/octet-stream' },
    });
    const expected = await direct.json();
    assert.equal(direct.status, 200, JSON.stringify(expected));
    assert.equal(expected.created + expected.updated, 0);
    assert.ok(expected.unchanged > 0);

    await page.locator('[data-test=import-risks]').click();
    const importer = page.locator('[data-test=risk-import-dialog]');
    await importer.waitFor();
    assert.ok((await importer.locator('[data-test=import-unit]').innerText()).includes('某市职业技术学院'));
    await importer.locator('[data-test=import-form-personal]').click();
    await importer.locator('[data-test=import-upload] input[type=file]').setInputFiles(file);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/imports/risk-personal'));
    await importer.locator('[data-test=import-start]').click();
    const imported = await posted;
    assert.equal(imported.status(), 200);
    assert.equal(new URL(imported.url()).searchParams.get('unit_id'), String(college.id));
    assert.ok(imported.request().headers()['x-csrf-token'], 'the upload carries the CSRF token');
    await importer.locator('[data-test=import-result]').waitFor();
    const count = async (name) => Number((await importer.locator(`[data-test=import-${name}] .el-statistic__content`).innerText()).trim());
    await eventually(async () => {
      assert.equal(await count('created'), 0);
      assert.equal(await count('updated'), 0);
      assert.equal(await count('unchanged'), expected.unchanged);
    });
    await screenshot(page, 'journey12-import-unchanged');
    assert.equal((await api.get(`/risks?department_id=${cwc.id}&size=1`)).body.total, risks.length);
    assert.deepEqual(page.pageErrors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
});
