// Journeys 1 and 2: a supervisor of the whole city builds a department and a post; bad input saves nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp, apiAs, loginUI, screenshot, treeNode, pickOption, pagerTotal, eventually, formItem, findByName,
} from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

async function collegeId(client) {
  const units = await client.get('/units');
  assert.equal(units.status, 200);
  const college = units.body.items.find((u) => u.code === 'ZYXY');
  assert.ok(college, 'demo unit ZYXY (某市职业技术学院) is missing');
  return college.id;
}

test('journey 1: jiwei creates 审计处 under 某市职业技术学院 and a post in it; both are there after a reload', async () => {
  const page = await env.newPage();
  await loginUI(page, env.base, 'jiwei');

  await page.getByRole('menuitem', { name: '单位与岗位' }).click();
  await page.waitForURL((u) => u.pathname === '/org');
  await treeNode(page, '某市职业技术学院').click();
  await eventually(async () => assert.equal(await page.locator('[data-test=posts-scope]').innerText(), '某市职业技术学院'));

  // New department under the selected unit.
  await page.locator('[data-test=add-department]').click();
  const deptDialog = page.getByRole('dialog', { name: '新增部门' });
  await deptDialog.waitFor();
  // The unit comes from the selected tree node.
  await eventually(async () => assert.ok((await formItem(deptDialog, '所属单位').innerText()).includes('某市职业技术学院')));
  await deptDialog.locator('input[name=name]').fill('审计处');
  await deptDialog.locator('input[name=code]').fill('SJC');
  await deptDialog.getByRole('button', { name: '保存' }).click();
  await deptDialog.waitFor({ state: 'hidden' });
  await treeNode(page, '审计处').waitFor();
  // The new department is selected: the posts panel shows it, with no posts yet.
  await eventually(async () => assert.equal(await page.locator('[data-test=posts-scope]').innerText(), '审计处'));
  await eventually(async () => assert.equal(await pagerTotal(page.locator('[data-test=posts-panel]')), 0));

  // New post in it.
  await page.locator('[data-test=add-post]').click();
  const postDialog = page.getByRole('dialog', { name: '新增岗位' });
  await postDialog.waitFor();
  await postDialog.locator('input[name=name]').fill('内部审计岗');
  await formItem(postDialog, '岗位层级').locator('.el-select').click();
  await pickOption(page, '中层');
  await postDialog.locator('.el-checkbox').filter({ hasText: /^财$/ }).click();
  await postDialog.locator('textarea[name=duties]').fill('负责学院内部审计、经济责任审计');
  await postDialog.locator('.el-input-number input').fill('2');
  await postDialog.getByRole('button', { name: '保存' }).click();
  await postDialog.waitFor({ state: 'hidden' });
  const row = page.locator('[data-test=posts-table] .el-table__body tr').filter({ hasText: '内部审计岗' });
  await row.waitFor();

  // After a reload both are still there (they came from the server, not from the page's memory).
  await page.reload();
  await treeNode(page, '审计处').click();
  await eventually(async () => assert.equal(await page.locator('[data-test=posts-scope]').innerText(), '审计处'));
  await row.waitFor();
  const text = await row.innerText();
  for (const expected of ['内部审计岗', '审计处', '中层', '财', '2']) assert.ok(text.includes(expected), `row "${text}" lacks ${expected}`);
  assert.equal(await pagerTotal(page.locator('[data-test=posts-panel]')), 1);

  // And the server agrees.
  const api = await apiAs(env.base, 'jiwei');
  const unitId = await collegeId(api);
  const dept = await findByName(api, `/departments?unit_id=${unitId}&size=500`, '审计处');
  assert.ok(dept, '审计处 not stored');
  assert.equal(dept.parent_id, null);
  const posts = await api.get(`/posts?department_id=${dept.id}`);
  assert.equal(posts.body.total, 1);
  const post = posts.body.items[0];
  assert.equal(post.name, '内部审计岗');
  assert.equal(post.tier, 'middle');
  assert.deepEqual(post.keys, ['money']);
  assert.equal(post.headcount, 2);

  await screenshot(page, 'journey1-org-created');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 2: an empty or over-long post name shows the message on the field and saves nothing', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'jiwei');
  const finance = await findByName(api, `/departments?unit_id=${await collegeId(api)}&size=500`, '财务处');
  assert.ok(finance, 'demo department 财务处 is missing');
  const totalBefore = (await api.get(`/posts?department_id=${finance.id}&size=1`)).body.total;

  let postsSent = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/posts') postsSent++; });

  await loginUI(page, env.base, 'jiwei');
  await page.goto(env.base + '/org');
  await treeNode(page, '财务处').click();
  const panel = page.locator('[data-test=posts-panel]');
  await eventually(async () => assert.equal(await pagerTotal(panel), totalBefore));

  await page.locator('[data-test=add-post]').click();
  const dialog = page.getByRole('dialog', { name: '新增岗位' });
  await dialog.waitFor();
  const nameItem = formItem(dialog, '岗位名称');

  // 1. Empty name: the form says so, nothing is sent.
  await dialog.getByRole('button', { name: '保存' }).click();
  await eventually(async () => assert.equal(await nameItem.locator('.el-form-item__error').innerText(), '请输入岗位名称'));
  assert.equal(postsSent, 0);

  // 2. A name over 100 characters: the server refuses it (400, field "name") and its message sits on the field.
  await dialog.locator('input[name=name]').fill('岗'.repeat(101));
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/posts');
  await dialog.getByRole('button', { name: '保存' }).click();
  const res = await answer;
  const body = await res.json();
  assert.equal(res.status(), 400, `expected 400 for a 101-character name, got ${res.status()} ${JSON.stringify(body)}`);
  assert.equal(body.error?.field, 'name');
  assert.ok(body.error.message, 'the server sent no Chinese message');
  await eventually(async () => assert.equal(await nameItem.locator('.el-form-item__error').innerText(), body.error.message));
  await page.locator('.el-message').filter({ hasText: body.error.message }).first().waitFor();
  assert.ok(await dialog.isVisible(), 'the dialog closed after a refused save');
  await screenshot(page, 'journey2-validation');

  // Nothing was saved: the table and the server still show the same total.
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await pagerTotal(panel), totalBefore);
  assert.equal((await api.get(`/posts?department_id=${finance.id}&size=1`)).body.total, totalBefore);
  assert.equal((await api.get(`/posts?q=${encodeURIComponent('岗'.repeat(101))}`)).body.total, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
