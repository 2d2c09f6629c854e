// Journey 14: a warning (预警处置) from issue to close, each person in their own browser. jiwei (discipline office)
// issues a reminder to 朱文静 (zhiyuan, 会计 of 财务处) from the register; caiwu (head of 财务处) finds it in the
// inbox — the menu counts it — signs for it and records an integrity talk (廉政谈话) with their title; zhiyuan opens
// 我的预警 and gives the commitment; jiwei verifies (rectified) and closes it; the record sheet (附件四) downloads as
// a PDF naming 预警对象姓名 and 朱文静.
// Journey 15: electronic monitoring (电子监察). jiwei imports a rule file for 某市职业技术学院 through the dialog (a
// broken file first: refused, nothing changed), and the rules page lists the rule; an ingest token is shown once
// and can be revoked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, apiAs, loginUI, screenshot, eventually, pickTreeNode } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

const SITUATION = '报销审核中多次对同一供应商发票未核对原件即予以报销';
const MEASURES = '立即自查近一年报销单据，列出未核原件的清单';
const COMMITMENT = '已逐笔核对近一年报销单据 326 笔，补核原件 12 笔；今后严格执行发票原件核对制度，每月向处长书面报告。';

/** The status of the warning on its page (data-status of the header's tag). */
const statusOf = (page) => page.locator('[data-test=warning-entry] .card-head [data-test=warning-status]').getAttribute('data-status');

/** Runs a step from the warning page: the button, the dialog (`fill` fills it), confirm, and the new status. */
async function act(page, id, action, expected, fill = async () => {}) {
  await page.locator(`[data-test=action-${action}]`).click();
  const dialog = page.locator('[data-test=warning-action-dialog]');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('data-action'), action);
  await fill(dialog);
  const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/warnings/${id}/transitions`));
  await dialog.locator('[data-test=warning-action-confirm]').click();
  const res = await sent;
  assert.equal(res.status(), 200, await res.text());
  await dialog.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal(await statusOf(page), expected));
  return JSON.parse(res.request().postData());
}

test('journey 14: jiwei warns zhiyuan, caiwu signs and talks, zhiyuan commits, jiwei verifies and closes', async () => {
  const jiweiApi = await apiAs(env.base, 'jiwei');
  const caiwuApi = await apiAs(env.base, 'caiwu');
  const person = (await jiweiApi.get(`/people?q=${encodeURIComponent('朱文静')}`)).body.items.find((p) => p.name === '朱文静');
  assert.ok(person, 'the demo has 朱文静');
  const inboxBefore = (await caiwuApi.get('/warnings?inbox=1&open=1&size=1')).body.total;

  const dir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  const jiwei = await env.newPage();
  let caiwu;
  let zhiyuan;
  try {
    // ---- jiwei issues a reminder from the register ----
    await loginUI(jiwei, env.base, 'jiwei');
    await jiwei.locator('[data-test=menu-warning-ledger]').click();
    await jiwei.waitForURL((u) => u.pathname === '/warnings');
    await jiwei.locator('[data-test=issue-warning]').click();
    const dialog = jiwei.locator('[data-test=issue-warning-dialog]');
    await dialog.waitFor();
    await pickTreeNode(jiwei, dialog.locator('[data-test=issue-unit]'), '某市职业技术学院');
    // Required fields are checked before anything is sent.
    await dialog.locator('[data-test=issue-save]').click();
    await dialog.locator('.el-form-item__error', { hasText: '请选择预警对象' }).waitFor();
    await dialog.locator('.el-form-item__error', { hasText: '请填写发生廉政风险情形' }).waitFor();

    await dialog.locator('[data-test=issue-person]').click();
    await dialog.locator('[data-test=issue-person] input').fill('朱文静');
    await jiwei.locator('.el-select-dropdown__item:visible').filter({ hasText: /^\s*朱文静 · 财务处/ }).click();
    await dialog.locator('[data-test=issue-level] label[data-level=reminder]').click();
    await dialog.locator('textarea[name=situation]').fill(SITUATION);
    await dialog.locator('textarea[name=required_measures]').fill(MEASURES);
    await screenshot(jiwei, 'journey14-issue');
    const issued = jiwei.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/warnings'));
    await dialog.locator('[data-test=issue-save]').click();
    const issuedRes = await issued;
    assert.equal(issuedRes.status(), 201, await issuedRes.text());
    const sent = JSON.parse(issuedRes.request().postData());
    assert.deepEqual([sent.subject_kind, sent.subject_id, sent.level, sent.source], ['person', person.id, 'reminder', 'manual']);
    const warning = await issuedRes.json();
    const id = warning.id;
    await dialog.waitFor({ state: 'hidden' });
    // A reminder goes to the head of the subject's department: caiwu.
    assert.equal(warning.recipient_role, 'dept_head');
    assert.equal(warning.subject_name, '朱文静');
    await jiwei.locator(`[data-test=warnings-table] [data-test=warning-link][data-id="${id}"]`).waitFor();

    // ---- caiwu: the inbox counts it; sign for it, then handle it with an integrity talk ----
    caiwu = await env.newPage();
    await loginUI(caiwu, env.base, 'caiwu');
    // (The monitoring round may add findings meanwhile: the badge counts at least this one, at most what is open now.)
    const badge = caiwu.locator('[data-test=menu-inbox-badge]');
    const inboxCounted = async () => {
      const shown = Number((await badge.innerText()).trim());
      const open = (await caiwuApi.get('/warnings?inbox=1&open=1&size=1')).body.total;
      assert.ok(shown >= inboxBefore + 1 && shown <= open, `badge ${shown}, open before ${inboxBefore}, now ${open}`);
    };
    await eventually(inboxCounted);
    await caiwu.locator('[data-test=menu-warning-inbox]').click();
    await caiwu.waitForURL((u) => u.pathname === '/warnings/inbox');
    const row = caiwu.locator('[data-test=warnings-table] .el-table__body tr').filter({ has: caiwu.locator(`[data-test=warning-link][data-id="${id}"]`) });
    await row.waitFor();
    assert.equal(await row.locator('[data-test=warning-level]').getAttribute('data-level'), 'reminder');
    assert.equal(await row.locator('[data-test=warning-status]').getAttribute('data-status'), 'issued');
    await screenshot(caiwu, 'journey14-inbox');
    await row.locator('[data-test=warning-link]').click();
    await caiwu.waitForURL((u) => u.pathname === `/warnings/${id}`);
    await caiwu.locator('[data-test=warning-entry]').waitFor();
    assert.equal((await caiwu.locator('[data-test=warning-situation]').innerText()).trim(), SITUATION);
    // The recipient signs and handles; verifying and closing are the issuer's.
    await caiwu.locator('[data-test=action-sign]').waitFor();
    assert.equal(await caiwu.locator('[data-test=action-verify], [data-test=action-close], [data-test=action-commit]').count(), 0);
    await act(caiwu, id, 'sign', 'signed');

    const handled = await act(caiwu, id, 'handle', 'handling', async (d) => {
      // A measure is required.
      await d.locator('[data-test=warning-action-confirm]').click();
      await d.locator('.el-form-item__error', { hasText: '请至少选择一项预警措施' }).waitFor();
      await d.locator('[data-test=handle-measures] label[data-measure=廉政谈话]').click();
      assert.equal(await d.locator('input[name=handler_name]').inputValue(), '方振宇');
      await d.locator('input[name=handler_title]').fill('财务处处长');
      await d.locator('textarea[name=comment]').fill('已与本人进行廉政谈话，指出问题并提出整改要求');
      await screenshot(caiwu, 'journey14-handle');
    });
    assert.deepEqual(handled.measures, ['廉政谈话']);
    assert.equal(handled.handler_title, '财务处处长');
    await eventually(async () => assert.equal((await caiwu.locator('[data-test=warning-measures]').innerText()).trim(), '廉政谈话'));
    assert.equal((await caiwu.locator('[data-test=warning-handler-title]').innerText()).trim(), '财务处处长');
    await eventually(inboxCounted); // still open
    await screenshot(caiwu, 'journey14-handled');

    // ---- zhiyuan: 我的预警, the commitment ----
    zhiyuan = await env.newPage();
    await loginUI(zhiyuan, env.base, 'zhiyuan');
    await zhiyuan.locator('[data-test=menu-my-warnings]').click();
    await zhiyuan.waitForURL((u) => u.pathname === '/warnings/mine');
    const mine = zhiyuan.locator(`[data-test=warnings-mine] [data-test=warning-link][data-id="${id}"]`);
    await mine.click();
    await zhiyuan.waitForURL((u) => u.pathname === `/warnings/${id}`);
    await zhiyuan.locator('[data-test=action-commit]').waitFor();
    assert.equal(await zhiyuan.locator('[data-test=action-sign], [data-test=action-handle], [data-test=action-verify]').count(), 0);
    await act(zhiyuan, id, 'commit', 'rectifying', async (d) => {
      await d.locator('textarea[name=commitment]').fill(COMMITMENT);
    });
    assert.equal((await zhiyuan.locator('[data-test=warning-commitment]').innerText()).trim(), COMMITMENT);
    await screenshot(zhiyuan, 'journey14-commitment');

    // ---- jiwei: verify (rectified) and close ----
    await jiwei.goto(`${env.base}/warnings/${id}`);
    await jiwei.locator('[data-test=warning-entry]').waitFor();
    await eventually(async () => assert.equal(await statusOf(jiwei), 'rectifying'));
    const verified = await act(jiwei, id, 'verify', 'verified', async (d) => {
      await d.locator('[data-test=verify-result] label[data-result=ok]').click();
      await d.locator('textarea[name=comment]').fill('经核查，整改到位');
    });
    assert.equal(verified.result, 'ok');
    await act(jiwei, id, 'close', 'closed');
    const actions = await jiwei.locator('[data-test=warning-timeline] [data-test=timeline-entry]').evaluateAll((els) => els.map((e) => e.dataset.action));
    assert.deepEqual(actions, ['close', 'verify', 'commit', 'handle', 'sign', 'issue']);
    assert.equal(await jiwei.locator('[data-test=warning-actions] button').count(), 0);
    await screenshot(jiwei, 'journey14-closed');

    // What the server holds.
    const stored = (await jiweiApi.get(`/warnings/${id}`)).body;
    assert.equal(stored.status, 'closed');
    assert.deepEqual(stored.measures_taken, ['廉政谈话']);
    assert.equal(stored.handler_name, '方振宇');
    assert.equal(stored.handler_title, '财务处处长');
    assert.equal(stored.commitment, COMMITMENT);

    // ---- the record sheet (附件四) as a PDF ----
    const downloading = jiwei.waitForEvent('download');
    await jiwei.locator('[data-test=download-record-pdf]').click();
    const download = await downloading;
    assert.match(download.url(), new RegExp(`/api/v1/warnings/${id}/record\\.pdf$`));
    const file = join(dir, 'record.pdf');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const s of ['预警对象姓名', '朱文静']) assert.ok(text.includes(s), `the record sheet says ${s}: ${text}`);
    }
    for (const p of [jiwei, caiwu, zhiyuan]) assert.deepEqual(p.pageErrors, []);
  } finally {
    for (const p of [jiwei, caiwu, zhiyuan]) await p?.context().close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('journey 15: jiwei imports a rule file for the college and the rules page lists it; a token is shown once', async () => {
  const api = await apiAs(env.base, 'jiwei');
  const college = (await api.get('/units')).body.items.find((u) => u.name === '某市职业技术学院');
  // The rule set (hit counts may move: the demo's rules keep running).
  const ruleSet = async () => (await api.get(`/monitor-rules?unit_id=${college.id}`)).body.items.map((r) => [r.code, r.name, r.kind, r.enabled, r.rule]);
  const before = await ruleSet();
  const page = await env.newPage();
  try {
    await loginUI(page, env.base, 'jiwei');
    await page.locator('[data-test=menu-monitor-rules]').click();
    await page.waitForURL((u) => u.pathname === '/monitoring/rules');
    await pickTreeNode(page, page.locator('.el-select[data-test=monitor-unit]'), '某市职业技术学院');
    await page.locator('[data-test=monitor-status] [data-test=count-received]').waitFor();

    await page.locator('[data-test=import-rules]').click();
    const dialog = page.locator('[data-test=rule-import-dialog]');
    await dialog.waitFor();
    // A rule of an unknown kind: the engine refuses the file and nothing changes.
    const text = dialog.locator('textarea[name=rules]');
    await text.fill('{"rules":[{"code":"R1","kind":"precede","name":"付款前须经验收"}]}');
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/monitor-rules?'));
    await dialog.locator('[data-test=rule-import-save]').click();
    assert.equal((await refused).status(), 400);
    await eventually(async () => assert.match(await dialog.locator('[data-test=rule-import-error]').innerText(), /precede/));
    assert.deepEqual(await ruleSet(), before);

    const file = { rules: [{ code: 'R1', kind: 'precedence', name: '付款前须经验收', activity: '付款', requires: ['验收'] }] };
    await text.fill(JSON.stringify(file));
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/monitor-rules?unit_id=${college.id}`));
    await dialog.locator('[data-test=rule-import-save]').click();
    assert.equal((await saved).status(), 200);
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator('[data-test=rules-table] .el-table__body tr').filter({ has: page.locator('[data-test=rule-code]', { hasText: /^R1$/ }) });
    await row.waitFor();
    assert.ok((await row.innerText()).includes('付款前须经验收'));
    assert.ok((await row.locator('[data-test=rule-enabled]').getAttribute('class')).includes('is-checked'), 'the rule is on');
    assert.equal((await row.locator('[data-test=rule-hits]').innerText()).trim(), '0');
    const stored = (await api.get(`/monitor-rules?unit_id=${college.id}`)).body.items;
    assert.deepEqual(stored.map((r) => [r.code, r.name, r.kind, r.enabled]), [['R1', '付款前须经验收', 'precedence', true]]);
    await screenshot(page, 'journey15-rules');

    // ---- an ingest token: shown once, then only listed; revoked on request ----
    await page.locator('[data-test=menu-ingest-tokens]').click();
    await page.waitForURL((u) => u.pathname === '/monitoring/tokens');
    await page.locator('[data-test=create-token]').click();
    const form = page.locator('[data-test=token-dialog]');
    await form.waitFor();
    await pickTreeNode(page, form.locator('.el-select').first(), '某市职业技术学院');
    await form.locator('input[name=name]').fill('财务系统');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/ingest-tokens'));
    await form.locator('[data-test=token-save]').click();
    const token = await (await created).json();
    const shown = page.locator('[data-test=token-created]');
    await shown.waitFor();
    assert.equal(await shown.locator('[data-test=token-secret]').inputValue(), token.token);
    assert.match(token.token, /^lft_/);
    await screenshot(page, 'journey15-token');
    await shown.locator('[data-test=token-done]').click();
    await shown.waitFor({ state: 'hidden' });
    const tokenRow = page.locator('[data-test=tokens-table] .el-table__body tr').filter({ has: page.locator('[data-test=token-name]', { hasText: /^财务系统$/ }) });
    assert.equal(await tokenRow.locator('[data-test=token-status]').getAttribute('data-status'), 'active');
    assert.ok(!(await page.locator('[data-test=ingest-tokens]').innerText()).includes(token.token), 'the secret is not listed');
    await tokenRow.locator('[data-test=revoke-token]').click();
    await page.locator('.el-message-box__btns .el-button--danger').click();
    await eventually(async () => assert.equal(await tokenRow.locator('[data-test=token-status]').getAttribute('data-status'), 'revoked'));
    const listed = (await api.get(`/ingest-tokens?unit_id=${college.id}`)).body.items.find((t) => t.id === token.id);
    assert.ok(listed.revoked_at, 'revoked on the server');
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.context().close();
  }
});
