// Journey 4: a wrong password, and then a locked account, show the server's own message on the login page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, Client, PASSWORD, screenshot, eventually } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

async function submitLogin(page, username, password) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login');
  await page.locator('[data-test=login-submit]').click();
  const res = await answer;
  return { status: res.status(), body: await res.json() };
}

test('journey 4: a wrong password shows the server message (in the chosen language) and no session starts', async () => {
  const page = await env.newPage();
  await page.goto(env.base + '/');
  await page.waitForURL((u) => u.pathname === '/login'); // not logged in: sent to the login page
  assert.equal(await page.title(), '廉防 · 廉政风险防控平台');
  await page.getByRole('heading', { name: '廉防 · 廉政风险防控平台' }).waitFor();

  const { status, body } = await submitLogin(page, 'shenji', 'wrong-password-1');
  assert.equal(status, 401);
  assert.equal(body.error.code, 'auth.bad_credentials');
  const alert = page.locator('[data-test=login-error]');
  await eventually(async () => assert.equal((await alert.innerText()).trim(), body.error.message));
  assert.equal(new URL(page.url()).pathname, '/login');
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);

  // The same error in English once the language is switched.
  await page.getByText('English', { exact: true }).click();
  await eventually(async () => assert.equal((await alert.innerText()).trim(), body.error.message_en));
  await page.waitForTimeout(400); // the switch's colour transition, for an honest picture
  await screenshot(page, 'journey4-wrong-password-en');
  await page.getByText('中文', { exact: true }).click();
  await eventually(async () => assert.equal((await alert.innerText()).trim(), body.error.message));
  await page.waitForTimeout(400);
  await screenshot(page, 'journey4-wrong-password');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('journey 4b: after 5 failures the account is locked (429) and the page says so', async () => {
  const api = new Client(env.base);
  for (let i = 0; i < 5; i++) {
    const r = await api.login('zhiyuan', `wrong-${i}-x1`);
    assert.equal(r.status, 401, `failure ${i + 1}: ${JSON.stringify(r.body)}`);
  }
  const page = await env.newPage();
  await page.goto(env.base + '/login');
  const { status, body } = await submitLogin(page, 'zhiyuan', PASSWORD);
  assert.equal(status, 429, `expected the account to be locked, got ${status} ${JSON.stringify(body)}`);
  assert.equal(body.error.code, 'auth.locked');
  await eventually(async () => assert.equal((await page.locator('[data-test=login-error]').innerText()).trim(), body.error.message));
  assert.equal(new URL(page.url()).pathname, '/login');
  await screenshot(page, 'journey4b-locked');
  await page.context().close();
});
