// Journey 16: procurement red flags (采购监测). jiwei (discipline office, whole city) opens 采购项目 for 某市职业技术学院,
// sees the flagged processes with their tags (化整为零 orange, 围标串标 red), filters by indicator, opens a process —
// its flags, its bidders and the winner, the release as JSON — and follows a flag to the warning it raised; then opens
// the supplier 福州华信办公设备有限公司: its history and its 标王 (REPEAT-AWARD) flag.
// Journey 17: lianluo (liaison of 资产与采购管理处) uploads a small OCDS file — a new tender whose two bidders share a
// telephone number — and sees what was stored and the new flags; a file with a broken line is refused, naming the
// line, and nothing changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, apiAs, loginUI, screenshot, eventually, pickTreeNode, pagerTotal, pickOption } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.stop(); });

const COLLEGE = '某市职业技术学院';
const BUYER = { id: '12350000MB0000001X', name: COLLEGE };
const SUPPLIER = '福州华信办公设备有限公司';

/** The rows of the process table. */
const processRows = (page) => page.locator('[data-test=process-table] .el-table__body tr');
/** The row of one process, by ocid. */
const processRow = (page, ocid) => processRows(page).filter({ has: page.locator(`[data-test=process-link][data-ocid="${ocid}"]`) });
/** The indicator codes of the flag tags inside `scope`. */
const tagCodes = (scope) => scope.locator('[data-test=flag-tag]').evaluateAll((els) => els.map((e) => e.dataset.indicator));

async function collegeOf(api) {
  const college = (await api.get('/units')).body.items.find((u) => u.name === COLLEGE);
  assert.ok(college, `the demo has ${COLLEGE}`);
  return college;
}

test('journey 16: jiwei finds the flagged processes of the college, follows a flag to its warning and opens a supplier', async () => {
  const api = await apiAs(env.base, 'jiwei');
  const college = await collegeOf(api);
  const all = (await api.get(`/procurement/processes?unit_id=${college.id}&size=100`)).body;
  const flagged = (await api.get(`/procurement/processes?unit_id=${college.id}&flagged=1&size=1`)).body.total;
  const split = (await api.get(`/procurement/processes?unit_id=${college.id}&indicator=SPLIT&size=100`)).body;
  assert.ok(all.total >= 9 && flagged > 0 && split.total > 0, 'the demo plants flagged processes');

  const page = await env.newPage();
  try {
    await loginUI(page, env.base, 'jiwei');
    await page.locator('[data-test=menu-procurement-processes]').click();
    await page.waitForURL((u) => u.pathname === '/procurement');
    await pickTreeNode(page, page.locator('.el-select[data-test=procurement-unit]'), COLLEGE);
    await page.waitForURL((u) => u.searchParams.get('unit_id') === String(college.id));
    await eventually(async () => assert.equal(await pagerTotal(page, page.locator('[data-test=procurement-processes]')), all.total));

    // Flags as tags in Chinese: 化整为零 orange, the collusion pattern (SHARED-CONTACT) red.
    const splitTarget = split.items.find((p) => p.flags.some((f) => f.indicator === 'SPLIT' && f.warning_id));
    const splitRow = processRow(page, splitTarget.ocid);
    const splitTag = splitRow.locator('[data-test=flag-tag][data-indicator=SPLIT]');
    assert.match(await splitTag.innerText(), /化整为零/);
    assert.match(await splitTag.getAttribute('class'), /el-tag--warning/);
    const shared = all.items.find((p) => p.flags.some((f) => f.indicator === 'SHARED-CONTACT'));
    const sharedTag = processRow(page, shared.ocid).locator('[data-test=flag-tag][data-indicator=SHARED-CONTACT]');
    assert.match(await sharedTag.innerText(), /围标串标/);
    assert.match(await sharedTag.getAttribute('class'), /el-tag--danger/);
    await screenshot(page, 'journey16-processes');

    // Filters: flagged only, then one indicator.
    await page.locator('[data-test=filter-flagged]').click();
    await eventually(async () => assert.equal(await pagerTotal(page, page.locator('[data-test=procurement-processes]')), flagged));
    await page.locator('[data-test=filter-indicator]').click();
    await page.locator('[data-test=filter-indicator] input').fill('SPLIT');
    await pickOption(page, '化整为零规避招标 · SPLIT');
    await eventually(async () => assert.equal(await pagerTotal(page, page.locator('[data-test=procurement-processes]')), split.total));
    for (const codes of await Promise.all((await processRows(page).all()).map((r) => tagCodes(r)))) assert.ok(codes.includes('SPLIT'), codes);

    // The process: its flags (value, first seen, warning), its bidders and winner, the release folded.
    await splitRow.locator('[data-test=process-link]').click();
    const drawer = page.locator('[data-test=process-drawer]');
    await drawer.waitFor();
    assert.equal(await drawer.getAttribute('data-ocid'), splitTarget.ocid);
    await eventually(async () => assert.ok((await drawer.locator('[data-test=participants-table] [data-test=participant-name]').count()) > 0));
    assert.deepEqual((await tagCodes(drawer.locator('[data-test=flag-table]'))).sort(), splitTarget.flags.map((f) => f.indicator).sort());
    const winners = await drawer.locator('[data-test=participants-table] tr').filter({ has: page.locator('[data-test=participant-winner]') })
      .locator('[data-test=participant-name]').allInnerTexts();
    assert.deepEqual(winners.map((s) => s.trim()), [SUPPLIER]);
    await drawer.locator('[data-test=raw-release] .el-collapse-item__header').click();
    await eventually(async () => assert.ok((await drawer.locator('[data-test=raw-release] pre').innerText()).includes(`"ocid": "${splitTarget.ocid}"`)));
    await screenshot(page, 'journey16-process');

    const splitFlag = splitTarget.flags.find((f) => f.indicator === 'SPLIT');
    const flagRow = drawer.locator('[data-test=flag-table] .el-table__body tr').filter({ has: page.locator('[data-test=flag-tag][data-indicator=SPLIT]') });
    await flagRow.locator('[data-test=flag-warning]').click();
    await page.waitForURL((u) => u.pathname === `/warnings/${splitFlag.warning_id}`);
    await page.locator('[data-test=warning-entry]').waitFor();
    assert.match(await page.locator('[data-test=warning-situation]').innerText(), /化整为零/);
    const warning = (await api.get(`/warnings/${splitFlag.warning_id}`)).body;
    assert.match(warning.source_ref, /^redflags:/);

    // The supplier: the unit is remembered; its history and its 标王 flag.
    await page.locator('[data-test=menu-procurement-suppliers]').click();
    await page.waitForURL((u) => u.pathname === '/procurement/suppliers' && u.searchParams.get('unit_id') === String(college.id));
    await page.locator('[data-test=supplier-table] [data-test=supplier-link]', { hasText: SUPPLIER }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/procurement/suppliers/'));
    await page.locator('[data-test=supplier-entry]').waitFor();
    assert.equal((await page.locator('[data-test=supplier-entry] [data-test=party-name]').innerText()).trim(), SUPPLIER);
    const repeat = page.locator('[data-test=supplier-entry] [data-test=flag-tag][data-indicator=REPEAT-AWARD]');
    assert.match(await repeat.innerText(), /标王/);
    const party = (await api.get(`/procurement/suppliers?unit_id=${college.id}&q=${encodeURIComponent(SUPPLIER)}`)).body.items[0];
    const detail = (await api.get(`/procurement/suppliers?unit_id=${college.id}&party_id=${encodeURIComponent(party.id)}`)).body;
    assert.ok(detail.flags.some((f) => f.indicator === 'REPEAT-AWARD'));
    const history = page.locator('[data-test=history-table] .el-table__body tr');
    await eventually(async () => assert.equal(await history.count(), detail.history.length));
    const roles = await page.locator('[data-test=history-table] [data-test=history-role]').evaluateAll((els) => els.map((e) => e.dataset.role));
    assert.deepEqual(roles, detail.history.map((h) => h.role));
    assert.equal(await page.locator('[data-test=supplier-chart] canvas').count(), 1, 'the awards are charted');
    assert.ok((await page.locator('[data-test=supplier-flags] [data-test=flag-warning]').count()) > 0, 'its flags link their warnings');
    await page.waitForTimeout(800); // the chart's entry animation, for the picture
    await screenshot(page, 'journey16-supplier');

    // A history line opens its process.
    await page.locator('[data-test=history-table] [data-test=history-process]').first().click();
    await page.locator('[data-test=process-drawer] [data-test=participants-table]').waitFor();
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.context().close();
  }
});

/** One OCDS compiled release of a new tender of the college (bidders as [id, name, telephone]). */
function release(ocid, title, bidders, amounts) {
  const bidderRef = ([id, name]) => ({ id, name });
  return {
    ocid,
    date: '2026-11-20T10:00:00+08:00',
    buyer: BUYER,
    tender: {
      title, status: 'complete', procurementMethod: 'open', procurementMethodDetails: '公开招标',
      value: { amount: 500000, currency: 'CNY' }, datePublished: '2026-10-20T09:00:00+08:00',
      tenderPeriod: { startDate: '2026-10-20T09:00:00+08:00', endDate: '2026-11-12T09:00:00+08:00' },
      numberOfTenderers: bidders.length, procuringEntity: BUYER, tenderers: bidders.map(bidderRef),
    },
    bids: {
      details: bidders.map((b, i) => ({
        status: 'valid', value: { amount: amounts[i], currency: 'CNY' }, date: '2026-11-10T15:00:00+08:00', tenderers: [bidderRef(b)],
      })),
    },
    awards: [{
      id: `${ocid}-a1`, status: 'active', date: '2026-11-20T10:00:00+08:00', value: { amount: amounts[0], currency: 'CNY' },
      suppliers: [bidderRef(bidders[0])],
    }],
    parties: [
      { ...BUYER, roles: ['buyer', 'procuringEntity'] },
      ...bidders.map(([id, name, telephone]) => ({ id, name, roles: ['tenderer'], contactPoint: { telephone } })),
    ],
  };
}

test('journey 17: lianluo uploads OCDS releases and sees the new flags; a broken line is refused and nothing changes', async () => {
  const api = await apiAs(env.base, 'lianluo');
  const college = await collegeOf(api);
  const total = async () => (await api.get(`/procurement/processes?unit_id=${college.id}&size=1`)).body.total;
  const before = await total();
  const stamp = Date.now().toString(36);
  const sharedOcid = `ocds-e2e-${stamp}-001`;
  // Two bidders of one tender give the same telephone number, written differently.
  const lines = [
    release(sharedOcid, '学生宿舍空调采购', [
      ['91350100E2E0001', '福州润泽暖通工程有限公司', '0591-88886666'],
      ['91350100E2E0002', '福州恒泰机电设备有限公司', '(0591) 8888 6666'],
      ['91350100E2E0003', '厦门海川信息技术有限公司', '0592-5551234'],
    ], [468000, 472000, 489500]),
    release(`ocds-e2e-${stamp}-002`, '实验楼消防设施维保', [
      ['91350100E2E0004', '福州安达消防工程有限公司', '0591-83330001'],
      ['91350100E2E0005', '福建众安消防技术有限公司', '0591-83330002'],
    ], [126000, 131500]),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  const good = join(dir, 'releases.jsonl');
  writeFileSync(good, lines.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const broken = join(dir, 'broken.jsonl');
  writeFileSync(broken, `${JSON.stringify(release(`ocds-e2e-${stamp}-003`, '不应导入的项目', [['91350100E2E0006', '某公司', '0591-1234567']], [1000]))}\n{"ocid": "ocds-e2e-${stamp}-004", "tender": \n`);

  const page = await env.newPage();
  try {
    await loginUI(page, env.base, 'lianluo');
    await page.locator('[data-test=menu-procurement-processes]').click();
    // The liaison's own unit is chosen for them.
    await page.waitForURL((u) => u.pathname === '/procurement' && u.searchParams.get('unit_id') === String(college.id));
    const card = page.locator('[data-test=procurement-processes]');
    await eventually(async () => assert.equal(await pagerTotal(page, card), before));

    await page.locator('[data-test=open-upload]').click();
    const dialog = page.locator('[data-test=upload-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=ocds-file-input]').setInputFiles(good);
    assert.match(await dialog.locator('[data-test=ocds-file-name]').innerText(), /releases\.jsonl/);
    const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/procurement/releases?'));
    await dialog.locator('[data-test=upload-submit]').click();
    const res = await sent;
    assert.equal(res.status(), 201, await res.text());
    assert.equal(res.request().headers()['content-type'], 'application/x-ndjson');
    const outcome = await res.json();
    assert.equal(outcome.stored, 2);
    assert.ok(outcome.new_flags >= 1 && outcome.warnings >= 1, JSON.stringify(outcome));
    const result = dialog.locator('[data-test=upload-result]');
    await result.waitFor();
    assert.equal((await result.locator('[data-test=result-stored]').innerText()).trim(), '2');
    assert.equal((await result.locator('[data-test=result-new-flags]').innerText()).trim(), String(outcome.new_flags));
    assert.equal((await result.locator('[data-test=result-warnings]').innerText()).trim(), String(outcome.warnings));
    await screenshot(page, 'journey17-uploaded');

    // ---- a file with a broken second line: refused, naming the line; nothing stored ----
    await dialog.locator('[data-test=ocds-file-input]').setInputFiles(broken);
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/procurement/releases?'));
    await dialog.locator('[data-test=upload-submit]').click();
    assert.equal((await refused).status(), 400);
    const error = dialog.locator('[data-test=upload-error]');
    await error.waitFor();
    assert.match(await error.innerText(), /第 2 行/);
    assert.equal(await result.count(), 0, 'the earlier result is gone');
    await screenshot(page, 'journey17-refused');
    await dialog.locator('.el-dialog__headerbtn').click();
    await dialog.waitFor({ state: 'hidden' });

    // The list has the two new processes, the tender with the shared telephone flagged red; the broken file added nothing.
    assert.equal(await total(), before + 2);
    await eventually(async () => assert.equal(await pagerTotal(page, card), before + 2));
    const row = processRow(page, sharedOcid);
    await row.waitFor();
    const tag = row.locator('[data-test=flag-tag][data-indicator=SHARED-CONTACT]');
    assert.match(await tag.getAttribute('class'), /el-tag--danger/);
    const stored = (await api.get(`/procurement/processes?unit_id=${college.id}&q=${sharedOcid}`)).body.items[0];
    assert.ok(stored.flags.some((f) => f.indicator === 'SHARED-CONTACT' && f.warning_id), JSON.stringify(stored.flags));
    assert.equal((await api.get(`/procurement/processes?unit_id=${college.id}&q=ocds-e2e-${stamp}-003`)).body.total, 0);

    // The drawer marks the telephone the two bidders share.
    await row.locator('[data-test=process-link]').click();
    const drawer = page.locator('[data-test=process-drawer]');
    await eventually(async () => assert.equal(await drawer.locator('[data-test=participants-table] [data-shared]').count(), 2));
    await page.waitForTimeout(400); // the drawer slides in, for the picture
    await screenshot(page, 'journey17-shared-contact');
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.context().close();
    rmSync(dir, { recursive: true, force: true });
  }
});
