// The risk forms: 附件二 部门工作廉政风险排查表 and 附件三 个人岗位廉政风险排查表 (XLSX out and back in, all rows or
// nothing), the 廉政风险点排查及防控措施一览表 (XLSX and PDF), and a 5,000-row 附件二 in one request
// (docs/api.md: Risk forms). Workbooks are read and edited with tests/lib/xlsx.mjs (python3's zipfile module), the
// way a user changes a cell in a spreadsheet program.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, backends } from '../lib/server.mjs';
import { dump, edit, replace, grow } from '../lib/xlsx.mjs';
import { as, expectError, expectCreated, total, listAll, demoOrg, uniq } from './_util.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR = Number(new Date().toISOString().slice(0, 4));
const DEPARTMENT_COLUMNS = ['部门职责', '廉政风险点', '表现形式', '原因分析', '风险等级', '防控措施', '备注'];
const PERSONAL_COLUMNS = ['岗位职责', '廉政风险点', '表现形式', '原因分析', '风险等级', '防控措施', '备注'];
const REGISTER_COLUMNS = ['序号', '单位/科室', '风险类别', '风险点', '主要内容及表现形式', '风险等级', '防控措施', '部门负责人', '责任领导'];
const LEVEL_ZH = { high: '高', medium: '中', low: '低', '': '' };
const BIG_ROWS = 5000;

let scratch;
// A fresh file name in the scratch directory (for the PDF, which pdftotext reads from a file).
const tmp = (ext) => join(scratch, `${Math.random().toString(36).slice(2)}.${ext}`);

// GET of an export as bytes, with the client's session.
async function download(c, path) {
  const res = await fetch(`${c.base}/api/v1/exports/${path}`, { headers: { cookie: c.cookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body = null;
  if (res.status !== 200) { try { body = JSON.parse(bytes.toString('utf8')); } catch { body = { raw: bytes.toString('utf8') }; } }
  return { status: res.status, type: (res.headers.get('content-type') || '').split(';')[0].trim(), disposition: res.headers.get('content-disposition') || '', bytes, body };
}
// POST of workbook bytes to an import, with session and CSRF token.
async function upload(c, path, bytes) {
  const res = await fetch(`${c.base}/api/v1/imports/${path}`, {
    method: 'POST', body: bytes, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': XLSX_TYPE },
  });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { raw: text }; }
  return { status: res.status, body };
}

// The layout of a dumped form sheet: the heading row (found by its columns), the header texts above it, the data
// rows below it (as {row, <heading>: text}) until the footer, and the footer texts.
function form(sheet, columns) {
  const rowsOf = {};
  for (const [ref, text] of Object.entries(sheet)) {
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref);
    (rowsOf[row] ??= {})[col] = text;
  }
  const numbers = Object.keys(rowsOf).map(Number).sort((a, b) => a - b);
  const heading = numbers.find((r) => columns.every((h) => Object.values(rowsOf[r]).includes(h)));
  assert.ok(heading, `no heading row with ${columns.join(' | ')} in ${JSON.stringify(sheet)}`);
  const colOf = Object.fromEntries(Object.entries(rowsOf[heading]).map(([c, h]) => [h, c]));
  const ordered = Object.entries(rowsOf[heading]).sort(([a], [b]) => (a.length - b.length) || a.localeCompare(b)).map(([, h]) => h);
  const above = numbers.filter((r) => r < heading).flatMap((r) => Object.values(rowsOf[r]));
  const rows = [];
  const footer = [];
  for (const r of numbers.filter((n) => n > heading)) {
    const texts = Object.values(rowsOf[r]);
    if (footer.length || texts.some((t) => /审核意见[：:]/.test(t))) { footer.push(...texts); continue; }
    rows.push({ row: r, ...Object.fromEntries(columns.map((h) => [h, rowsOf[r][colOf[h]] ?? ''])) });
  }
  return { heading, columns: ordered, above, rows, footer };
}

for (const backend of backends()) {
  describe(`risk forms [${backend}]`, () => {
    let srv, admin, jiwei, caiwu, lianluo, zhiyuan, shenji, org, zy, cwc, zccg, kj, made;
    const collegeTotal = () => total(admin, `/risks?unit_id=${zy}`);

    before(async () => {
      scratch = mkdtempSync(join(tmpdir(), 'lianfang-risk-xlsx-'));
      srv = await startServer({ backend });
      [admin, jiwei, caiwu, lianluo, zhiyuan, shenji] = await Promise.all(
        ['admin', 'jiwei', 'caiwu', 'lianluo', 'zhiyuan', 'shenji'].map((u) => as(srv, u)));
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
      cwc = org.college('财务处');
      zccg = org.college('资产与采购管理处');
      kj = (await listAll(jiwei, `/posts?department_id=${cwc.id}`)).find((p) => p.name === '会计' && p.department_id === cwc.id);
      assert.ok(kj, 'demo post 财务处/会计');
      // Risks of our own in two departments and on a post, so that the forms have rows whatever the demo holds.
      made = {
        cw1: expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('资金支付审批不严'), duty: '资金支付管理',
          manifestation: '未按规定审批即支付', causes: '制度缺陷及漏洞', level: 'high', measures_text: '每月由处长复核支付台账', note: '重点' })),
        cw2: expectCreated(await caiwu.post('/risks', { department_id: cwc.id, description: uniq('票据管理不规范'), duty: '票据管理',
          manifestation: '空白票据未登记', causes: '监管缺失', grading_inputs: { likelihood: 1, impact: 3 }, measures_text: '每季度盘点票据' })),
        zc1: expectCreated(await lianluo.post('/risks', { department_id: zccg.id, description: uniq('采购需求量身定制'), duty: '物资采购',
          manifestation: '技术参数指向特定品牌', causes: '个人自律', level: 'high', measures_text: '采购需求集体会审' })),
        kj1: expectCreated(await zhiyuan.post('/risks', { post_id: kj.id, description: uniq('报销审核放宽'), duty: '经费报销审核',
          manifestation: '对不合规票据放宽审核', causes: '个人自律', grading_inputs: { likelihood: 2, impact: 3 }, measures_text: '每月抽查' })),
      };
    });
    after(async () => {
      await srv?.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it('附件二 export: a real xlsx, one sheet per department, header 部门（盖章）/负责人/填表日期, the 7 columns, rows and footer', async () => {
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type, XLSX_TYPE);
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
      assert.match(x.disposition, /^attachment/);
      const wb = dump(x.bytes);
      const risks = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR}&scope_level=department`);
      const depts = [...new Set(risks.map((r) => r.department_name))];
      assert.deepEqual(wb.sheets.slice().sort(), depts.slice().sort(), 'one sheet per department with department risks');
      for (const name of wb.sheets) {
        const f = form(wb.cells[name], DEPARTMENT_COLUMNS);
        assert.deepEqual(f.columns, DEPARTMENT_COLUMNS, `columns of ${name}, in order`);
        assert.ok(f.above.some((t) => t.includes('部门工作廉政风险排查表')), `title of ${name}: ${f.above}`);
        assert.ok(f.above.some((t) => t.startsWith('部门（盖章）') && t.includes(name)), `header 部门（盖章） of ${name}: ${f.above}`);
        assert.ok(f.above.some((t) => t.startsWith('负责人')), `header 负责人 of ${name}`);
        assert.ok(f.above.some((t) => t.startsWith('填表日期')), `header 填表日期 of ${name}`);
        assert.ok(f.footer.some((t) => t.startsWith('分管领导审核意见')), `footer of ${name}: ${f.footer}`);
        const mine = risks.filter((r) => r.department_name === name);
        assert.deepEqual(f.rows.map((r) => r['廉政风险点']).sort(), mine.map((r) => r.description).sort(), `rows of ${name}`);
      }
      const cw = form(wb.cells['财务处'], DEPARTMENT_COLUMNS);
      const row = cw.rows.find((r) => r['廉政风险点'] === made.cw1.description);
      assert.deepEqual(row, { row: row.row, 部门职责: '资金支付管理', 廉政风险点: made.cw1.description, 表现形式: '未按规定审批即支付',
        原因分析: '制度缺陷及漏洞', 风险等级: '高', 防控措施: '每月由处长复核支付台账', 备注: '重点' });
      assert.equal(cw.rows.find((r) => r['廉政风险点'] === made.cw2.description)['风险等级'], '中', 'a computed level shows as its label');
      assert.ok(!cw.rows.some((r) => r['廉政风险点'] === made.kj1.description), 'post risks are on 附件三, not 附件二');
    });

    it('附件三 export: one sheet per post, header 姓名/职务/填表日期, columns 岗位职责 | …, footer 部门领导审核意见', async () => {
      const x = await download(jiwei, `risk-personal.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type, XLSX_TYPE);
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
      const wb = dump(x.bytes);
      const risks = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR}&scope_level=post`);
      assert.equal(wb.sheets.length, new Set(risks.map((r) => r.post_id)).size, `one sheet per post with risks: ${wb.sheets}`);
      let found = 0;
      for (const name of wb.sheets) {
        const f = form(wb.cells[name], PERSONAL_COLUMNS);
        assert.deepEqual(f.columns, PERSONAL_COLUMNS, `columns of ${name}`);
        assert.ok(f.above.some((t) => t.includes('个人岗位廉政风险排查表')), `title of ${name}`);
        for (const h of ['姓名', '职务', '填表日期']) assert.ok(f.above.some((t) => t.startsWith(h)), `header ${h} of ${name}: ${f.above}`);
        assert.ok(f.footer.some((t) => t.startsWith('部门领导审核意见')), `footer of ${name}: ${f.footer}`);
        const row = f.rows.find((r) => r['廉政风险点'] === made.kj1.description);
        if (!row) continue;
        found++;
        assert.ok(f.above.some((t) => t.startsWith('职务') && t.includes('会计')), `职务 会计: ${f.above}`);
        assert.ok(f.above.some((t) => t.startsWith('姓名') && t.includes('朱文静')), `姓名 names the holder: ${f.above}`);
        assert.equal(row['岗位职责'], '经费报销审核');
        assert.equal(row['风险等级'], '高');
        assert.equal(row['表现形式'], '对不合规票据放宽审核');
      }
      assert.equal(found, 1, 'zhiyuan\'s risk is on exactly one sheet');
    });

    it('importing the exported 附件二 unchanged → {created:0, updated:0, unchanged:N}; nothing changes', async () => {
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      const rows = dump(x.bytes);
      const n = rows.sheets.reduce((s, name) => s + form(rows.cells[name], DEPARTMENT_COLUMNS).rows.length, 0);
      const before = await listAll(admin, `/risks?unit_id=${zy}`);
      const r = await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, x.bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 0, updated: 0, unchanged: n });
      assert.deepEqual(await listAll(admin, `/risks?unit_id=${zy}`), before, 'no risk changed, not even its version');
    });

    it('importing the exported 附件三 unchanged → {created:0, updated:0, unchanged:N}', async () => {
      const x = await download(jiwei, `risk-personal.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      const rows = dump(x.bytes);
      const n = rows.sheets.reduce((s, name) => s + form(rows.cells[name], PERSONAL_COLUMNS).rows.length, 0);
      const before = await listAll(admin, `/risks?unit_id=${zy}`);
      const r = await upload(jiwei, `risk-personal?unit_id=${zy}&cycle=${YEAR}`, x.bytes);
      assert.equal(r.status, 200, `附件三 round trip: ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body, { created: 0, updated: 0, unchanged: n });
      assert.deepEqual(await listAll(admin, `/risks?unit_id=${zy}`), before);
    });

    it('an edited 表现形式 of a draft → updated:1; the risk has it, the rest is untouched', async () => {
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      const wb = dump(x.bytes);
      const n = wb.sheets.reduce((s, name) => s + form(wb.cells[name], DEPARTMENT_COLUMNS).rows.length, 0);
      const before = await listAll(admin, `/risks?unit_id=${zy}`);
      const text = '未按规定履行审批程序即支付，或拆分支付规避大额审批';
      const { bytes } = edit(x.bytes, [{ sheet: '财务处', key: '廉政风险点', find: made.cw1.description, column: '表现形式', text }]);
      const r = await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 0, updated: 1, unchanged: n - 1 });
      const got = (await admin.get(`/risks/${made.cw1.id}`)).body;
      assert.equal(got.manifestation, text);
      for (const k of ['description', 'duty', 'causes', 'level', 'measures_text', 'note', 'department_id', 'stage', 'cycle_id']) {
        assert.deepEqual(got[k], made.cw1[k], `${k} kept`);
      }
      const after = await listAll(admin, `/risks?unit_id=${zy}`);
      assert.deepEqual(after.filter((k) => k.id !== made.cw1.id), before.filter((k) => k.id !== made.cw1.id), 'the other risks are untouched');
      const again = await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: n }, 'the same file again changes nothing');
    });

    it('风险等级 "极高" → 400 import.invalid naming sheet, row and column; nothing written, not even the valid edit', async () => {
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      const before = await listAll(admin, `/risks?unit_id=${zy}`);
      const audit = await total(admin, '/audit');
      const { bytes, rows: out } = edit(x.bytes, [
        { sheet: '财务处', key: '廉政风险点', find: made.cw2.description, column: '表现形式', text: '本应不被写入的修改' },
        { sheet: '资产与采购管理处', key: '廉政风险点', find: made.zc1.description, column: '风险等级', text: '极高' },
      ]);
      const r = await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      expectError(r, 400, 'import.invalid');
      assert.ok(Array.isArray(r.body.rows) && r.body.rows.length > 0, JSON.stringify(r.body));
      const bad = r.body.rows.filter((e) => e.sheet === '资产与采购管理处' && e.row === out[1] && e.column === '风险等级');
      assert.equal(bad.length, 1, `a row error on 资产与采购管理处 row ${out[1]} 风险等级: ${JSON.stringify(r.body.rows)}`);
      assert.ok(bad[0].message.trim() && bad[0].message_en.trim(), 'both messages');
      assert.ok(!r.body.rows.some((e) => e.sheet === '财务处'), 'the valid edit is not an error');
      assert.deepEqual(await listAll(admin, `/risks?unit_id=${zy}`), before, 'nothing written');
      assert.equal(await total(admin, '/audit'), audit);
    });

    it('an unknown department in the header → 400 import.invalid on that sheet\'s 部门（盖章）; nothing written', async () => {
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      const f = form(dump(x.bytes).cells['财务处'], DEPARTMENT_COLUMNS);
      const header = f.above.find((t) => t.startsWith('部门（盖章）'));
      const before = await listAll(admin, `/risks?unit_id=${zy}`);
      const { bytes, refs: out } = replace(x.bytes, [{ sheet: '财务处', from: header, to: header.replace('财务处', '不存在的处') }]);
      const r = await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      expectError(r, 400, 'import.invalid');
      const bad = r.body.rows.filter((e) => e.sheet === '财务处' && e.column === '部门（盖章）');
      assert.equal(bad.length, 1, `one error on 财务处 部门（盖章）: ${JSON.stringify(r.body.rows)}`);
      assert.equal(bad[0].row, Number(out[0].replace(/^[A-Z]+/, '')), `the row of the header cell ${out[0]}`);
      assert.ok(bad[0].message.includes('不存在的处'), `the message names the department: ${bad[0].message}`);
      assert.deepEqual(await listAll(admin, `/risks?unit_id=${zy}`), before, 'nothing written');
    });

    it('an edited risk that is no longer a draft is not refilled; a new row creates a draft in that department', async () => {
      const sub = await caiwu.post(`/risks/${made.cw2.id}/transitions`, { action: 'submit' });
      assert.equal(sub.status, 200, JSON.stringify(sub.body));
      const x = await download(jiwei, `risk-department.xlsx?unit_id=${zy}&department_id=${cwc.id}&cycle=${YEAR}`);
      const wb = dump(x.bytes);
      assert.deepEqual(wb.sheets, ['财务处'], 'department_id narrows the export');
      const n = form(wb.cells['财务处'], DEPARTMENT_COLUMNS).rows.length;
      const fresh = uniq('新增风险点');
      const { bytes } = edit(x.bytes, [
        { sheet: '财务处', key: '廉政风险点', find: made.cw2.description, column: '表现形式', text: '提交后不应被改写' },
        { sheet: '财务处', key: '廉政风险点', find: made.cw1.description, column: '廉政风险点', text: fresh },
      ]);
      const beforeTotal = await collegeTotal();
      const r = await upload(caiwu, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 1, updated: 0, unchanged: n - 1 });
      assert.equal((await admin.get(`/risks/${made.cw2.id}`)).body.manifestation, '空白票据未登记', 'a submitted risk is not refilled');
      assert.equal(await collegeTotal(), beforeTotal + 1);
      const created = await listAll(admin, `/risks?q=${encodeURIComponent(fresh)}`);
      assert.equal(created.length, 1);
      assert.equal(created[0].stage, 'draft');
      assert.equal(created[0].department_id, cwc.id);
      assert.equal(created[0].scope_level, 'department');
      assert.equal(created[0].level, 'high');
      assert.equal(created[0].year, YEAR);
      assert.ok((await admin.get(`/risks/${made.cw1.id}`)).status === 200, 'the old risk stays');
    });

    it('shenji may export but not import (403); garbage bytes → 400; nothing written', async () => {
      const x = await download(shenji, `risk-department.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      const before = await collegeTotal();
      expectError(await upload(shenji, `risk-department?unit_id=${zy}&cycle=${YEAR}`, x.bytes), 403);
      expectError(await upload(zhiyuan, `risk-personal?unit_id=${zy}&cycle=${YEAR}`, x.bytes), 403);
      expectError(await upload(jiwei, `risk-department?unit_id=${zy}&cycle=${YEAR}`, Buffer.from('not a workbook at all')), 400);
      assert.equal(await collegeTotal(), before);
    });

    it('一览表 XLSX: one sheet with the 9 columns; our risks with place, category, level label and measures', async () => {
      const x = await download(jiwei, `risk-register.xlsx?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type, XLSX_TYPE);
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
      const wb = dump(x.bytes);
      assert.equal(wb.sheets.length, 1, `sheets: ${wb.sheets}`);
      const f = form(wb.cells[wb.sheets[0]], REGISTER_COLUMNS);
      assert.deepEqual(f.columns, REGISTER_COLUMNS);
      assert.ok(f.above.some((t) => t.includes('廉政风险点排查及防控措施一览表')), `title: ${f.above}`);
      const risks = await listAll(admin, `/risks?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(f.rows.length, risks.length, 'one row per risk of the year');
      assert.deepEqual(f.rows.map((r) => r['序号']), f.rows.map((_, i) => String(i + 1)), '序号 1..N');
      const kjRow = f.rows.find((r) => r['风险点'] === made.kj1.description);
      assert.ok(kjRow, 'zhiyuan\'s risk is listed');
      assert.ok(kjRow['单位/科室'].includes('财务处'), `单位/科室: ${kjRow['单位/科室']}`);
      assert.equal(kjRow['主要内容及表现形式'], '对不合规票据放宽审核');
      assert.equal(kjRow['风险等级'], '高');
      assert.equal(kjRow['防控措施'], '每月抽查');
      const zcRow = f.rows.find((r) => r['风险点'] === made.zc1.description);
      assert.ok(zcRow['单位/科室'].includes('资产与采购管理处'));
      // the level filter narrows it
      const high = dump((await download(jiwei, `risk-register.xlsx?unit_id=${zy}&cycle=${YEAR}&level=high`)).bytes);
      const hf = form(high.cells[high.sheets[0]], REGISTER_COLUMNS);
      assert.ok(hf.rows.length > 0 && hf.rows.every((r) => r['风险等级'] === LEVEL_ZH.high), 'level=high lists only 高');
    });

    it('一览表 PDF: starts with %PDF; pdftotext (if installed) finds the title and a risk', async (t) => {
      const x = await download(jiwei, `risk-register.pdf?unit_id=${zy}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type, 'application/pdf');
      assert.equal(x.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      let text;
      try {
        const f = tmp('pdf');
        writeFileSync(f, x.bytes);
        text = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
      } catch (e) {
        if (e.code === 'ENOENT') { t.diagnostic('pdftotext not installed: text not checked'); return; }
        throw e;
      }
      const flat = text.replace(/\s+/g, '');
      assert.ok(flat.includes('廉政风险点排查及防控措施一览表'), `title in the PDF text: ${text.slice(0, 300)}`);
      assert.ok(flat.includes(made.zc1.description.replace(/\s+/g, '')) || flat.includes('采购需求量身定制'), 'a risk in the PDF text');
    });

    it(`a ${BIG_ROWS}-row 附件二 imports in one request as an office user in under 30 s and creates ${BIG_ROWS} risks`, async (t) => {
      const x = await download(lianluo, `risk-department.xlsx?unit_id=${zy}&department_id=${zccg.id}&cycle=${YEAR}`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.deepEqual(dump(x.bytes).sheets, ['资产与采购管理处']);
      const prefix = uniq('批量导入风险点');
      const { bytes } = grow(x.bytes, '资产与采购管理处', BIG_ROWS, prefix);
      const f = form(dump(bytes).cells['资产与采购管理处'], DEPARTMENT_COLUMNS);
      assert.equal(f.rows.length, BIG_ROWS, 'the generated sheet has the rows');
      assert.ok(f.footer.some((t) => t.startsWith('分管领导审核意见')), 'and the footer');

      const before = await collegeTotal();
      const started = performance.now();
      const r = await upload(lianluo, `risk-department?unit_id=${zy}&cycle=${YEAR}`, bytes);
      const seconds = (performance.now() - started) / 1000;
      t.diagnostic(`[${backend}] ${BIG_ROWS}-row 附件二 import: ${seconds.toFixed(2)} s (${(bytes.length / 1024).toFixed(0)} KiB)`);
      assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 2000));
      assert.deepEqual(r.body, { created: BIG_ROWS, updated: 0, unchanged: 0 });
      assert.ok(seconds < 30, `import took ${seconds.toFixed(1)} s`);
      assert.equal(await collegeTotal(), before + BIG_ROWS);
      const some = await listAll(admin, `/risks?q=${encodeURIComponent(`${prefix}-${BIG_ROWS}`)}`);
      assert.equal(some.length, 1);
      assert.equal(some[0].department_id, zccg.id);
      assert.equal(some[0].stage, 'draft');
      assert.equal(some[0].level, ['high', 'medium', 'low'][BIG_ROWS % 3], 'row i has level 高/中/低 by i mod 3');
      assert.equal(await total(admin, `/risks?department_id=${zccg.id}&level=high&q=${encodeURIComponent(prefix)}`), Math.floor(BIG_ROWS / 3));
    });
  });
}
