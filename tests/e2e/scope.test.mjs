// Journey 3: a department head (caiwu, 财务处) sees only their department, in the tree, the table and the counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, apiAs, loginUI, screenshot, treeNode, pagerTotal, eventually, treeLabels } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

test('journey 3: caiwu sees only 财务处 and its posts', async () => {
  const page = await env.newPage();
  const api = await apiAs(env.base, 'caiwu');
  const cityApi = await apiAs(env.base, 'jiwei');
  const ownTotal = (await api.get('/posts?size=1')).body.total;
  const cityTotal = (await cityApi.get('/posts?size=1')).body.total;
  assert.ok(ownTotal > 0, 'caiwu should see the posts of 财务处');
  assert.ok(cityTotal > ownTotal, 'the city sees more posts than one department');

  await loginUI(page, env.base, 'caiwu');
  // Dashboard counts are the scope's.
  await eventually(async () => assert.equal(
    (await page.locator('[data-test=count-posts]').innerText()).split('\n')[0].trim(), String(ownTotal)));

  await page.getByRole('menuitem', { name: '单位与岗位' }).click();
  await treeNode(page, '财务处').waitFor();
  const labels = await treeLabels(page);
  assert.ok(labels.includes('财务处'), `tree: ${labels}`);
  for (const other of ['人事处', '招生就业处', '基建处', '党政办公室', '某市行政审批局', '某市纪委']) {
    assert.ok(!labels.includes(other), `caiwu must not see ${other}; tree: ${labels}`);
  }

  // The table (nothing selected = the whole scope) holds 财务处's posts only.
  const panel = page.locator('[data-test=posts-panel]');
  await eventually(async () => assert.equal(await pagerTotal(panel), ownTotal));
  const departments = await page.locator('[data-test=posts-table] .el-table__body tr td:nth-child(2)').allInnerTexts();
  assert.ok(departments.length > 0);
  const visibleDepartments = new Set(labels);
  for (const d of departments) assert.ok(visibleDepartments.has(d.trim()) && d.trim() !== '人事处', `post of ${d} shown to caiwu`);
  assert.ok(departments.some((d) => d.trim() === '财务处'));

  // A dept_head writes posts but not the org structure.
  assert.equal(await page.locator('[data-test=add-department]').count(), 0);
  assert.equal(await page.locator('[data-test=add-unit]').count(), 0);
  assert.equal(await page.locator('[data-test=add-post]').count(), 1);
  // No system menu for a dept_head.
  assert.equal(await page.getByRole('menuitem', { name: '用户管理' }).count(), 0);

  await screenshot(page, 'journey3-scope-caiwu');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
