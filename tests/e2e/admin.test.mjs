// Admin pages: the user list, and the audit log whose hash chain verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, apiAs, loginUI, screenshot, eventually, pagerTotal } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

test('admin sees the users and verifies the audit chain after a write', async () => {
  const api = await apiAs(env.base, 'admin');
  const created = await api.post('/units', { parent_id: null, code: 'E2E-AUDIT', name: '审计链测试单位', kind: 'other', sort: 99 });
  assert.ok([200, 201].includes(created.status), JSON.stringify(created.body));

  const page = await env.newPage();
  await loginUI(page, env.base, 'admin');
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/users');
  const users = page.locator('[data-test=users-table] .el-table__body');
  for (const name of ['admin', 'jiwei', 'caiwu']) {
    await users.locator('tr').filter({ hasText: name }).first().waitFor();
  }

  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.waitForURL((u) => u.pathname === '/audit');
  await page.locator('[data-test=audit-table] .el-table__body tr').filter({ hasText: '单位' }).first().waitFor();
  const total = (await api.get('/audit?size=1')).body.total;
  await eventually(async () => assert.equal(await pagerTotal(page), total));

  await page.locator('[data-test=audit-verify]').click();
  const verdict = page.locator('[data-test=audit-verdict]');
  await verdict.waitFor();
  const v = (await api.get('/audit/verify')).body;
  assert.equal(v.intact, true, JSON.stringify(v));
  assert.ok((await verdict.innerText()).includes(`已校验 ${v.checked} 条`), await verdict.innerText());
  await screenshot(page, 'admin-audit-verified');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
