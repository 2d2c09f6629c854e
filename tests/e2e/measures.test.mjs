// Journey 13: control measures (防控措施). caiwu (head of 财务处) opens 我的任务 from the menu, where their overdue
// check tasks are on top and in red; completes one with a note and a PDF as evidence; the task shows as done with
// its evidence, which downloads as a PDF; the measure's risk page then shows the measure as 已见效.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, apiAs, loginUI, screenshot, eventually, pickOption } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

/** A small but well-formed one-page PDF saying `text` (the server checks the bytes, not the name). */
function tinyPdf(text) {
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

test('journey 13: caiwu completes an overdue check with evidence, and its measure shows as applied', async () => {
  const api = await apiAs(env.base, 'caiwu');
  const overdue = (await api.get('/tasks?mine=1&overdue=1&size=100')).body;
  assert.ok(overdue.total > 0, 'the demo gives caiwu overdue tasks');
  // A task whose measure is not applied yet only because of this one overdue check: no indicator, in force.
  let task = null;
  let measure = null;
  for (const tk of overdue.items) {
    const m = (await api.get(`/measures/${tk.measure_id}`)).body;
    if (!m.applied && m.status === 'in_force' && m.indicator === null && m.overdue_tasks === 1) {
      task = tk;
      measure = m;
      break;
    }
  }
  assert.ok(task, `an overdue task that will apply its measure: ${JSON.stringify(overdue.items.map((t) => t.id))}`);

  const dir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  const pdfPath = join(dir, '检查记录.pdf');
  const pdf = tinyPdf('Lianfang check record');
  writeFileSync(pdfPath, pdf);
  const page = await env.newPage();
  try {
    await loginUI(page, env.base, 'caiwu');
    // The menu counts the overdue tasks.
    const badge = page.locator('[data-test=menu-overdue-badge]');
    await eventually(async () => assert.equal((await badge.innerText()).trim(), String(overdue.total)));

    await page.locator('[data-test=menu-my-tasks]').click();
    await page.waitForURL((u) => u.pathname === '/tasks');
    await page.waitForLoadState('networkidle');
    const rows = page.locator('[data-test=my-tasks] [data-test=tasks-table] .el-table__body tr');
    await eventually(async () => assert.ok(await rows.count() >= overdue.total));
    // Open tasks come first, the overdue ones on top and in red.
    for (let i = 0; i < overdue.total; i++) {
      const row = rows.nth(i);
      assert.ok((await row.getAttribute('class')).includes('overdue-row'), `row ${i} is red`);
      await row.locator('[data-test=task-overdue]').waitFor();
    }
    await screenshot(page, 'journey13-my-tasks');

    const row = rows.filter({ has: page.locator(`[data-test=task-measure][data-measure-id="${task.measure_id}"]`) })
      .filter({ has: page.locator('[data-test=task-overdue]') });
    assert.equal(await row.count(), 1);
    await row.locator('[data-test=task-complete]').click();
    const dialog = page.locator('[data-test=task-complete-dialog]');
    await dialog.waitFor();

    // The note is required: the form says so before anything is sent.
    await dialog.locator('[data-test=task-complete-save]').click();
    await dialog.locator('.el-form-item__error', { hasText: '请填写完成情况' }).waitFor();

    const note = '已于本月补做检查，核对大额支付台账 12 笔，未发现问题';
    await dialog.locator('textarea[name=note]').fill(note);
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/files?'));
    await dialog.locator('[data-test=evidence-input]').setInputFiles(pdfPath);
    const upRes = await uploaded;
    assert.equal(upRes.status(), 201);
    assert.equal(upRes.request().headers()['content-type'], 'application/pdf');
    await eventually(async () => assert.equal((await dialog.locator('[data-test=evidence-file]').innerText()).trim(), '检查记录.pdf'));
    await screenshot(page, 'journey13-complete-dialog');

    const completed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/tasks/${task.id}/complete`));
    await dialog.locator('[data-test=task-complete-save]').click();
    const doneRes = await completed;
    assert.equal(doneRes.status(), 200, await doneRes.text());
    const sent = JSON.parse(doneRes.request().postData());
    assert.equal(sent.note, note);
    assert.ok(Number.isInteger(sent.file_id), `the evidence is attached: ${JSON.stringify(sent)}`);
    const file = { id: sent.file_id };
    await dialog.waitFor({ state: 'hidden' });
    const done = (await api.get(`/tasks?mine=1&status=done&measure_id=${task.measure_id}&size=100`)).body.items.find((t) => t.id === task.id);
    assert.equal(done.status, 'done');
    assert.equal(done.note, note);
    assert.equal(done.file_id, file.id);
    assert.equal(done.file_name, '检查记录.pdf');

    // The task left the open list and the badge counts one less.
    await eventually(async () => assert.equal((await badge.innerText()).trim(), String(overdue.total - 1)));
    await eventually(async () => assert.equal(await page.locator(`[data-test=task-measure][data-measure-id="${task.measure_id}"]`)
      .locator('xpath=ancestor::tr').filter({ has: page.locator('[data-test=task-overdue]') }).count(), 0));

    // Under 已完成 it shows its note and its evidence, which downloads as the PDF.
    // (done tasks come latest due first: show them all on one page)
    await page.locator('[data-test=task-status-filter] label', { hasText: '已完成' }).click();
    await page.locator('[data-test=tasks-pager] .el-pagination__sizes .el-select').click();
    await pickOption(page, '100条/页');
    const doneRow = rows.filter({ has: page.locator('[data-test=task-note]', { hasText: note }) });
    await doneRow.waitFor();
    const link = doneRow.locator('[data-test=evidence-link]');
    assert.equal((await link.innerText()).trim(), '检查记录.pdf');
    const href = await link.getAttribute('href');
    assert.equal(href, `/api/v1/files/${file.id}`);
    const download = await page.request.get(env.base + href);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.ok((await download.body()).equals(pdf), 'the evidence comes back byte for byte');
    await screenshot(page, 'journey13-task-done');

    // The measure's risk page: the measure is now 已见效, with no overdue check.
    await doneRow.locator('[data-test=task-risk-link]').click();
    await page.waitForURL((u) => u.pathname === `/risks/${task.risk_id}`);
    const panel = page.locator('[data-test=risk-measures]');
    await panel.waitFor();
    const measureRow = panel.locator('.el-table__body tr').filter({ has: page.locator(`[data-test=measure-description][data-id="${measure.id}"]`) });
    await measureRow.waitFor();
    const applied = measureRow.locator('[data-test=measure-applied]');
    assert.equal(await applied.getAttribute('data-applied'), 'true');
    assert.equal((await applied.innerText()).trim(), '已见效');
    assert.equal(await measureRow.locator('[data-test=measure-overdue-tasks]').count(), 0);
    // The levels beside each other, as the server has them.
    const riskNow = (await api.get(`/risks/${task.risk_id}`)).body;
    assert.equal(riskNow.measures.find((m) => m.id === measure.id).applied, true);
    for (const [key, level] of [['inherent', riskNow.inherent_level], ['residual', riskNow.residual_level],
      ['monitored', riskNow.residual_after_monitoring]]) {
      assert.equal(await panel.locator(`[data-test=level-${key}]`).getAttribute('data-level'), level, key);
    }

    // Opened, the measure lists the done task with its evidence.
    await measureRow.locator('.el-table__expand-icon').click();
    const detail = panel.locator(`[data-test=measure-detail][data-id="${measure.id}"]`);
    await detail.waitFor();
    await detail.locator('[data-test=task-note]', { hasText: note }).waitFor();
    assert.equal((await detail.locator('[data-test=evidence-link]').first().innerText()).trim(), '检查记录.pdf');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'journey13-measure-applied');
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.context().close();
    rmSync(dir, { recursive: true, force: true });
  }
});
