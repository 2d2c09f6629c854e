// Journey 5: switching to English changes the menu and the header, and the choice survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, loginUI, screenshot, eventually } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

async function menuTexts(page) {
  return (await page.locator('[data-test=main-menu]').innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
}

test('journey 5: the language switch turns the menu English and back', async () => {
  const page = await env.newPage();
  await loginUI(page, env.base, 'lingdao');

  let items = await menuTexts(page);
  for (const zh of ['工作台', '组织机构', '单位与岗位', '人员', '风险点排查', '建设中']) assert.ok(items.includes(zh), `menu lacks ${zh}: ${items}`);
  // Modules not built yet are shown disabled; 风险点排查, 防控措施, 预警处置, 电子监察 and 采购监测 are built and enabled.
  assert.equal(await page.locator('.el-menu-item.is-disabled').filter({ hasText: '信访举报' }).count(), 1);
  for (const built of ['风险点排查', '防控措施', '预警处置', '电子监察', '采购监测']) {
    assert.equal(await page.locator('.el-menu-item.is-disabled, .el-sub-menu.is-disabled').filter({ hasText: built }).count(), 0, built);
  }
  for (const zh of ['防控措施', '措施总览', '我的任务', '预警处置', '我的预警', '预警台账', '预警统计', '电子监察', '监控规则', '采购监测', '采购项目',
    '供应商', '采购人']) {
    assert.ok(items.includes(zh), `menu lacks ${zh}: ${items}`);
  }
  // A leader receives no warnings and configures nothing: no inbox, no settings, no tokens, no red-flag settings.
  for (const zh of ['预警收件箱', '预警设置', '接入令牌', '监测设置']) assert.ok(!items.includes(zh), `menu: ${items}`);
  // A leader has neither user management nor the audit log.
  assert.ok(!items.includes('用户管理') && !items.includes('审计日志'), `menu: ${items}`);

  await page.getByText('English', { exact: true }).click();
  await eventually(async () => {
    items = await menuTexts(page);
    for (const en of ['Dashboard', 'Organisation', 'Units & posts', 'People', 'Risk points', 'Controls', 'My tasks', 'Warnings', 'My warnings',
      'E-supervision', 'Monitoring rules', 'Procurement', 'Processes', 'Suppliers', 'Buyers', 'Coming']) {
      assert.ok(items.includes(en), `menu lacks ${en}: ${items}`);
    }
    assert.ok(!items.includes('工作台'), `Chinese left in menu: ${items}`);
  });
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await eventually(async () => assert.ok((await page.locator('.page-title').innerText()).includes('Dashboard')));

  // The choice is remembered.
  await page.reload();
  await page.locator('[data-test=main-menu]').waitFor();
  await eventually(async () => assert.ok((await menuTexts(page)).includes('Dashboard')));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.waitForTimeout(1200); // let the dashboard charts finish their entry animation for the picture
  await screenshot(page, 'journey5-english');

  await page.getByText('中文', { exact: true }).click();
  await eventually(async () => assert.ok((await menuTexts(page)).includes('工作台')));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
