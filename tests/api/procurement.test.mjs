// Procurement in the platform: OCDS and CSV uploads (all or nothing), the red flags over a unit's processes equal
// to the engine's results on the same data (tests/cases), each new flag a warning tied to the buying department's
// procurement risk point and routed like any other, re-uploads raising nothing twice, and the process, supplier
// and buyer pages. (docs/api.md: Procurement.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, backends, repoRoot } from '../lib/server.mjs';
import { as, expectError, expectOk, total, listAll, demoOrg } from './_util.mjs';

const CASES = join(repoRoot, 'tests', 'cases');
const read = (...p) => readFileSync(join(CASES, ...p), 'utf8');

async function upload(c, path, body, type = 'application/x-ndjson') {
  const res = await fetch(`${c.base}/api/v1${path}`, { method: 'POST', body,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type } });
  return { status: res.status, body: await res.json() };
}

// The flags as the engine prints them: {group: {id: {indicator: value}}}.
async function flagsOf(c, unit) {
  const out = {};
  const put = (f) => { ((out[f.group] ??= {})[f.subject_id] ??= {})[f.indicator] = f.value; };
  for (const p of await listAll(c, `/procurement/processes?unit_id=${unit}`)) p.flags.forEach(put);
  for (const s of await listAll(c, `/procurement/suppliers?unit_id=${unit}`)) s.flags.forEach(put);
  for (const b of expectOk(await c.get(`/procurement/buyers?unit_id=${unit}`)).items) b.flags.forEach(put);
  return out;
}

for (const backend of backends()) {
  describe(`procurement [${backend}]`, () => {
    let srv, jiwei, lianluo, zhiyuan, admin, org;
    before(async () => {
      srv = await startServer({ backend });
      [admin, jiwei, lianluo, zhiyuan] = await Promise.all(['admin', 'jiwei', 'lianluo', 'zhiyuan'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
    });
    after(async () => { await srv?.stop(); });

    it('OCDS upload: SHARED-CONTACT flags as the engine gives them, one warning per flagged subject, none twice', async () => {
      const unit = org.units.XZSPJ.id;
      expectOk(await jiwei.put(`/procurement/settings?unit_id=${unit}`, { ini: read('redflags', 'SHARED-CONTACT', 'address_name_email_chinese.ini') }));
      const lines = read('redflags', 'SHARED-CONTACT', 'address_name_email_chinese.jsonl');
      const warningsBefore = await total(admin, '/warnings');
      expectError(await upload(zhiyuan, `/procurement/releases?unit_id=${unit}`, lines), 403);
      // a bad line refuses the whole file
      const bad = await upload(jiwei, `/procurement/releases?unit_id=${unit}`, lines.trimEnd() + '\n{"ocid": "x", oops}\n');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'procurement.line_invalid');
      assert.ok(bad.body.error.message.includes(`第 ${lines.trimEnd().split('\n').length + 1} 行`), bad.body.error.message);
      assert.equal(await total(jiwei, `/procurement/processes?unit_id=${unit}`), 0, 'nothing stored');

      const up = await upload(jiwei, `/procurement/releases?unit_id=${unit}`, lines);
      assert.equal(up.status, 201, JSON.stringify(up.body));
      const expected = JSON.parse(read('redflags', 'SHARED-CONTACT', 'address_name_email_chinese.json'));
      assert.deepEqual(await flagsOf(jiwei, unit), expected);
      const subjects = Object.values(expected).reduce((n, g) => n + Object.keys(g).length, 0);
      assert.equal(up.body.warnings, subjects);
      assert.equal(await total(admin, '/warnings'), warningsBefore + subjects);
      const w = (await listAll(jiwei, `/warnings?unit_id=${unit}&source=rule`)).find((x) => x.source_ref === 'redflags:SHARED-CONTACT');
      assert.ok(w, 'a red-flag warning');
      assert.equal(w.level, 'alarm', 'collusion is an alarm');
      assert.ok(w.situation.includes('投标人联系方式相同'), w.situation);
      // the same file again: nothing new
      const again = await upload(jiwei, `/procurement/releases?unit_id=${unit}`, lines);
      assert.deepEqual(again.body, { stored: up.body.stored, new_flags: 0, warnings: 0 });
      assert.equal(await total(admin, '/warnings'), warningsBefore + subjects);
    });

    it('CSV upload (tenders, bids, awards) with a debarment list: every pattern, as the engine gives them on the same case', async () => {
      // The city office's own unit: the college already has the demo's tenders.
      const unit = org.units.SJW.id;
      const dir = ['procurement_csv', 'every_pattern_as_ocds'];
      const ini = read(...dir, 'settings.ini').split('\n').filter((l) => !l.startsWith('file')).join('\n');
      expectError(await jiwei.put(`/procurement/settings?unit_id=${unit}`, { ini: '[R999]\n' }), 400);
      const badList = expectError(await jiwei.put(`/procurement/settings?unit_id=${unit}`,
        { debarment_csv: 'id,name,start\n91350100MA009,某公司,2024-13-45\n' }), 400, 'redflags.debarment_line_invalid', 'debarment_csv');
      assert.ok(badList.message.includes('第 2 行'), badList.message);
      expectError(await lianluo.put(`/procurement/settings?unit_id=${unit}`, { ini }), 403);
      const zccg = expectOk(await jiwei.get(`/departments?unit_id=${unit}`)).items[0];
      const s = expectOk(await jiwei.put(`/procurement/settings?unit_id=${unit}`, { ini, debarment_csv: read(...dir, 'debarred.csv'), department_id: zccg.id }));
      assert.equal(s.department_id, zccg.id);
      const body = JSON.stringify({ tenders: read(...dir, 'tenders.csv'), bids: read(...dir, 'bids.csv'), awards: read(...dir, 'awards.csv') });
      expectError(await upload(lianluo, `/procurement/csv?unit_id=${unit}`, body, 'application/json'), 403);
      expectError(await upload(jiwei, `/procurement/csv?unit_id=${unit}`, JSON.stringify({ tenders: 'ocid,value\nx,"abc"\n' }), 'application/json'), 400);
      const up = await upload(jiwei, `/procurement/csv?unit_id=${unit}`, body, 'application/json');
      assert.equal(up.status, 201, JSON.stringify(up.body));
      const expected = JSON.parse(read(...dir, 'expected.json'));
      delete expected.Meta;
      assert.deepEqual(await flagsOf(jiwei, unit), expected);
      // warnings go to the buying department, on its procurement risk point
      const ws = (await listAll(jiwei, `/warnings?unit_id=${unit}&source=rule`)).filter((x) => x.source_ref.startsWith('redflags:'));
      assert.ok(ws.length > 0);
      assert.ok(ws.every((x) => x.department_id === zccg.id && x.subject_kind === 'department'));
      assert.ok(ws.every((x) => x.risks.length === 1));
      assert.ok(ws.some((x) => x.level === 'alarm') && ws.some((x) => x.level === 'warning'));

      // pages: a flagged process with its release, a supplier's history, a buyer's statistics
      const flagged = await listAll(jiwei, `/procurement/processes?unit_id=${unit}&flagged=1`);
      assert.deepEqual(flagged.map((p) => p.ocid).sort(), Object.keys(expected.OCID).sort());
      const one = expectOk(await jiwei.get(`/procurement/processes/${flagged[0].id}`));
      assert.equal(one.release.ocid, one.ocid);
      const split = await listAll(jiwei, `/procurement/processes?unit_id=${unit}&indicator=SPLIT`);
      assert.deepEqual(split.map((p) => p.ocid).sort(), Object.keys(expected.OCID).filter((k) => expected.OCID[k].SPLIT).sort());
      const tendererId = Object.keys(expected.Tenderer)[0];
      const sup = expectOk(await jiwei.get(`/procurement/suppliers?unit_id=${unit}&party_id=${encodeURIComponent(tendererId)}`));
      assert.ok(sup.history.length > 0);
      assert.deepEqual(Object.fromEntries(sup.flags.map((f) => [f.indicator, f.value])), expected.Tenderer[tendererId]);
      const buyers = expectOk(await jiwei.get(`/procurement/buyers?unit_id=${unit}`)).items;
      assert.equal(buyers.reduce((n, b) => n + b.processes, 0), await total(jiwei, `/procurement/processes?unit_id=${unit}`));
      const b = expectOk(await jiwei.get(`/procurement/buyers?unit_id=${unit}&buyer_id=${encodeURIComponent(buyers[0].id)}`));
      assert.ok(Object.keys(b.by_method).length > 0);
      // another unit's processes are not seen by a college account; the college's own (the demo's) are
      expectError(await lianluo.get(`/procurement/processes?unit_id=${unit}`), 404);
      assert.ok((await listAll(lianluo, `/procurement/processes?unit_id=${org.units.ZYXY.id}&flagged=1`)).length > 0);
    });
  });
}
