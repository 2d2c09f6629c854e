// Journeys 6–8: the power catalogue and its flows.
//   6. jiwei searches 采购, opens 物资采购, sees its diagram, adds a step 复核 in the modeler and saves it.
//   7. A flow with an unreachable step is refused: the message names the step, the element is marked red and
//      the stored flow is unchanged.
//   8. Exporting 附件一 and importing the same file changes nothing (unchanged = the number of rows).
// The modeler is driven as a person would: palette, space tool, drop on a sequence flow, the side panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, apiAs, loginUI, screenshot, treeNode, pickOption, pagerTotal, eventually } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

/** The diagram's element (shape or connection) with this BPMN id. */
const element = (page, id) => page.locator(`[data-test=flow-canvas] .djs-element[data-element-id="${id}"]`);
/** Task shapes whose label contains `text`. */
const taskLabelled = (page, text) => page.locator('[data-test=flow-canvas] .djs-element.djs-shape[data-element-id]')
  .filter({ has: page.locator('text', { hasText: text }) });

async function centre(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'element has no box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2, box: b };
}

/** Ids in the stored BPMN of 物资采购: its payment task, the end event and the flow between them. */
function idsOf(bpmn) {
  const task = /<bpmn:\w*[tT]ask id="([^"]+)" name="付款"/.exec(bpmn)?.[1];
  const end = /<bpmn:endEvent id="([^"]+)"/.exec(bpmn)?.[1];
  const flow = new RegExp(`<bpmn:sequenceFlow id="([^"]+)" sourceRef="${task}" targetRef="${end}"`).exec(bpmn)?.[1];
  const participant = /<bpmn:participant id="([^"]+)"/.exec(bpmn)?.[1];
  assert.ok(task && end && flow && participant, `unexpected demo flow:\n${bpmn.slice(0, 400)}`);
  return { task, end, flow, participant };
}

async function bpmnOf(api, powerId) {
  const r = await fetch(`${env.base}/api/v1/powers/${powerId}/flow.bpmn`, { headers: { cookie: api.cookie } });
  assert.equal(r.status, 200);
  return r.text();
}

/** Opens the modeler on the power page and waits until its palette is there. */
async function startEditing(page) {
  await page.locator('[data-test=flow-edit]').click();
  await page.locator('[data-test=flow-canvas] .djs-palette').waitFor();
  await page.waitForTimeout(300); // the card scrolls to the top and the canvas fits the diagram
}

/** Types into the side panel's name field and leaves it (the name is written on change). */
async function nameStep(page, name) {
  const input = page.locator('[data-test=step-panel] input[name=step-name]');
  await input.fill(name);
  await input.press('Tab');
  await eventually(async () => assert.ok(await taskLabelled(page, name).count() >= 1, `no task labelled ${name} in the canvas`));
}

test('journey 6: jiwei finds 物资采购, adds the step 复核 in the modeler, saves, and sees it after a reload', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const found = await api.get(`/powers?q=${encodeURIComponent('采购')}`);
  assert.equal(found.status, 200);
  const power = found.body.items.find((p) => p.name === '物资采购');
  assert.ok(power?.has_flow, 'demo power 物资采购 with a flow is missing');
  const before = (await api.get(`/powers/${power.id}/flow`)).body;
  const ids = idsOf(await bpmnOf(api, power.id));
  const deputy = (await api.get(`/posts?department_id=${power.department_id}&size=500`)).body.items.find((p) => p.name === '副处长');
  assert.ok(deputy, 'demo post 副处长 of 资产与采购管理处 is missing');

  await loginUI(page, env.base, 'jiwei');
  await page.getByRole('menuitem', { name: '职权目录' }).click();
  await page.waitForURL((u) => u.pathname === '/powers');
  const panel = page.locator('[data-test=powers-panel]');
  await page.locator('input[data-test=filter-q]').fill('采购');
  await page.locator('input[data-test=filter-q]').press('Enter');
  await eventually(async () => assert.equal(await pagerTotal(panel), found.body.total));
  const rows = page.locator('[data-test=powers-table] .el-table__body tr');
  assert.equal(await rows.count(), found.body.total);
  await screenshot(page, 'journey6-powers-search');

  await rows.locator('[data-test=power-link]', { hasText: /^物资采购$/ }).click();
  await page.waitForURL((u) => u.pathname === `/powers/${power.id}`);
  await page.locator('[data-test=power-name]', { hasText: '物资采购' }).waitFor();
  // The diagram is drawn by bpmn-js: its tasks carry their names.
  for (const name of ['申请', '付款']) await taskLabelled(page, name).first().waitFor();
  assert.equal(await page.locator('[data-test=flow-steps] .el-table__body tr').count(), before.steps.length);

  // Edit: make room between 付款 and the end with the space tool (dragged below the pool), then drop a new
  // task from the palette onto the sequence flow 付款 → 办结, which splices it in (the save below is refused
  // unless the task ends up between the two).
  await startEditing(page);
  const pool = (await centre(element(page, ids.participant))).box;
  const pay = (await centre(element(page, ids.task))).box;
  const end = (await centre(element(page, ids.end))).box;
  const x = (pay.x + pay.width + end.x) / 2;
  const y = pool.y + pool.height + 30;
  await page.locator('.djs-palette .entry[data-action="space-tool"]').click();
  await page.mouse.move(x - 40, y - 20, { steps: 4 });
  await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.move(x + 40, y, { steps: 5 });
  await page.mouse.move(x + 80, y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Escape'); // leave the space tool
  await eventually(async () => assert.ok((await element(page, ids.end).boundingBox()).x > end.x + 40, 'the space tool made no room'));

  const flow = await centre(element(page, ids.flow));
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  await page.mouse.move(flow.x - 30, flow.y - 30, { steps: 4 });
  await page.mouse.move(flow.x, flow.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.press('Escape'); // close the label editor bpmn-js opens on a new task
  const newId = (await page.locator('[data-test=step-panel] [data-test=step-id]').innerText()).trim();
  assert.ok(newId && !before.steps.some((s) => s.element_id === newId), `no new task selected (${newId})`);

  // Its properties in the side panel.
  await nameStep(page, '复核');
  await page.locator('[data-test=step-panel] [data-test=step-post]').click();
  await pickOption(page, '副处长（资产与采购管理处）');
  await page.locator('[data-test=step-panel] [data-test=step-time-limit] input').fill('2');
  await page.locator('[data-test=step-panel] [data-test=step-time-limit] input').press('Tab');
  await page.locator('[data-test=flow-dirty]').waitFor();
  await screenshot(page, 'journey6-flow-editing');

  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/powers/${power.id}/flow`));
  await page.locator('[data-test=flow-save]').click();
  const res = await saved;
  assert.equal(res.status(), 200, `save refused: ${await res.text()}`);
  assert.equal(res.request().headers()['content-type'], 'application/xml');
  await page.locator('.el-message', { hasText: '流程已保存' }).first().waitFor();

  // After a reload: 复核 in the diagram and in the steps table, with its post and time limit.
  await page.reload();
  await taskLabelled(page, '复核').first().waitFor();
  const row = page.locator('[data-test=flow-steps] .el-table__body tr').filter({ hasText: '复核' });
  await row.waitFor();
  const text = await row.innerText();
  for (const expected of ['复核', '副处长', '2 个工作日']) assert.ok(text.includes(expected), `row "${text}" lacks ${expected}`);
  assert.equal(await page.locator('[data-test=flow-steps] .el-table__body tr').count(), before.steps.length + 1);

  // And the server agrees.
  const after = (await api.get(`/powers/${power.id}/flow`)).body;
  const step = after.steps.find((s) => s.name === '复核');
  assert.ok(step, 'the server has no step 复核');
  assert.equal(step.element_id, newId);
  assert.equal(step.post_id, deputy.id);
  assert.equal(step.time_limit_days, 2);
  const stored = await bpmnOf(api, power.id);
  assert.match(stored, new RegExp(`<lf:step post="${deputy.id}" timeLimitDays="2"\\s*/>`));

  await page.locator('[data-test=flow-steps]').scrollIntoViewIfNeeded();
  await screenshot(page, 'journey6-flow-saved');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 7: a step nothing leads to is refused, named and marked red; the stored flow stays as it was', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const power = (await api.get(`/powers?q=${encodeURIComponent('物资采购')}`)).body.items.find((p) => p.name === '物资采购');
  const storedBefore = await bpmnOf(api, power.id);
  const stepsBefore = (await api.get(`/powers/${power.id}/flow`)).body.steps.length;
  const participant = /<bpmn:participant id="([^"]+)"/.exec(storedBefore)?.[1];
  assert.ok(participant, 'the flow of 物资采购 has no pool');
  let puts = 0;
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().endsWith('/flow')) puts++; });

  await loginUI(page, env.base, 'jiwei');
  await page.goto(`${env.base}/powers/${power.id}`);
  await taskLabelled(page, '申请').first().waitFor();
  await startEditing(page);

  // A new task in an empty stretch of the first lane, to the right of 申请, connected to nothing.
  const apply = (await centre(taskLabelled(page, '申请').first())).box;
  const pool = (await centre(element(page, participant))).box;
  const at = { x: apply.x + apply.width * 5, y: apply.y + apply.height / 2 };
  assert.ok(at.x < pool.x + pool.width, 'no room in the first lane');
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  await page.mouse.move(at.x - 30, at.y + 30, { steps: 4 });
  await page.mouse.move(at.x, at.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.press('Escape');
  const newId = (await page.locator('[data-test=step-panel] [data-test=step-id]').innerText()).trim();
  assert.ok(newId, 'no new task selected');
  await nameStep(page, '补充审批');

  const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/powers/${power.id}/flow`));
  await page.locator('[data-test=flow-save]').click();
  const res = await refused;
  const body = await res.json();
  assert.equal(res.status(), 400);
  assert.equal(body.error.code, 'flow.invalid');
  const unreachable = body.issues.find((i) => i.code === 'flow.unreachable');
  assert.equal(unreachable?.element, newId, `issues: ${JSON.stringify(body.issues)}`);

  // The headline and every issue, in Chinese, naming the step; the element outlined red in the canvas.
  await eventually(async () => assert.equal(
    (await page.locator('[data-test=flow-error] .el-alert__title').innerText()).trim(), body.error.message));
  const items = await page.locator('[data-test=flow-issue]').allInnerTexts();
  assert.equal(items.length, body.issues.length);
  assert.ok(items.some((t) => t.includes(unreachable.message) && t.includes('补充审批')), `issues shown: ${items}`);
  assert.equal(await page.locator(`[data-test=flow-canvas] .djs-element.lf-flow-error[data-element-id="${newId}"]`).count(), 1);
  // The modeler keeps the work: still editing, the task still there.
  assert.equal(await element(page, newId).count(), 1);
  await screenshot(page, 'journey7-flow-refused');

  // In English the issues read in English (the server's message_en).
  await page.getByText('English', { exact: true }).click();
  await eventually(async () => assert.ok(
    (await page.locator('[data-test=flow-issue]').allInnerTexts()).some((t) => t.includes(unreachable.message_en))));
  await page.getByText('中文', { exact: true }).click();

  // Nothing was saved.
  assert.equal(puts, 1);
  assert.equal(await bpmnOf(api, power.id), storedBefore);
  await page.reload();
  await taskLabelled(page, '申请').first().waitFor();
  await page.locator('[data-test=flow-steps]').waitFor();
  assert.equal(await taskLabelled(page, '补充审批').count(), 0);
  assert.equal(await page.locator('[data-test=flow-steps] .el-table__body tr').count(), stepsBefore);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 8: exporting 附件一 and importing the same file changes nothing', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const college = (await api.get('/units')).body.items.find((u) => u.code === 'ZYXY');
  const total = (await api.get(`/powers?unit_id=${college.id}&size=1`)).body.total;
  assert.ok(total > 0);
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  try {
    await loginUI(page, env.base, 'jiwei');
    await page.goto(`${env.base}/powers`);
    await treeNode(page, '某市职业技术学院').click();
    await eventually(async () => assert.equal(await page.locator('[data-test=powers-scope]').innerText(), '某市职业技术学院'));
    await eventually(async () => assert.equal(await pagerTotal(page.locator('[data-test=powers-panel]')), total));

    const downloading = page.waitForEvent('download');
    await page.locator('[data-test=export-attachment1]').click();
    const download = await downloading;
    assert.match(download.url(), new RegExp(`/exports/power-catalogue\\.xlsx\\?unit_id=${college.id}&form=attachment1$`));
    const file = join(dir, '附件一.xlsx');
    await download.saveAs(file);

    await page.locator('[data-test=import-powers]').click();
    const dialog = page.getByRole('dialog', { name: '导入职权目录' });
    await dialog.waitFor();
    assert.ok((await dialog.locator('[data-test=import-unit]').innerText()).includes('某市职业技术学院'), 'the import goes to the selected unit');
    await dialog.locator('[data-test=import-upload] input[type=file]').setInputFiles(file);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/imports/power-catalogue'));
    await dialog.locator('[data-test=import-start]').click();
    const res = await posted;
    assert.equal(res.status(), 200);
    assert.ok(new URL(res.url()).searchParams.get('unit_id') === String(college.id));

    await dialog.locator('[data-test=import-result]').waitFor();
    const count = async (name) => Number((await dialog.locator(`[data-test=import-${name}] .el-statistic__content`).innerText()).trim());
    await eventually(async () => {
      assert.equal(await count('created'), 0);
      assert.equal(await count('updated'), 0);
      assert.equal(await count('unchanged'), total);
    });
    await screenshot(page, 'journey8-import-unchanged');
    assert.equal((await api.get(`/powers?unit_id=${college.id}&size=1`)).body.total, total);
    assert.deepEqual(page.pageErrors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
});
