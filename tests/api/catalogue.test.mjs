// The power catalogue as XLSX forms: export 附件一 (attachment1) and the enforcement form, import them back (all rows or
// nothing), edited workbooks, bad files and scope (docs/api.md: Catalogue forms). Workbooks are read and edited with
// tests/lib/xlsx.mjs (python3's zipfile module), so that a test can change one cell the way a user would.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { dump, edit } from '../lib/xlsx.mjs';
import { as, expectError, expectCreated, expectDeleted, listAll, demoOrg } from './_util.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ATTACHMENT1_COLUMNS = ['权力名称', '具体内容', '办理主体', '制度依据'];
const ENFORCEMENT_COLUMNS = ['职权类别', '职权名称', '法定依据', '具体条款', '执法程序', '实施机构', '执法岗位', '备注'];

// GET of an export as bytes, with the client's session.
async function exportXlsx(c, query) {
  const res = await fetch(`${c.base}/api/v1/exports/power-catalogue.xlsx?${query}`, { headers: { cookie: c.cookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body = null;
  if (res.status !== 200) { try { body = JSON.parse(bytes.toString('utf8')); } catch { body = { raw: bytes.toString('utf8') }; } }
  return { status: res.status, type: res.headers.get('content-type') || '', disposition: res.headers.get('content-disposition') || '', bytes, body };
}
// POST of workbook bytes to the import, with session and CSRF token.
async function importXlsx(c, query, bytes) {
  const res = await fetch(`${c.base}/api/v1/imports/power-catalogue?${query}`, {
    method: 'POST', body: bytes, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': XLSX_TYPE },
  });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { raw: text }; }
  return { status: res.status, body };
}

// The cells of row `row` of a dumped sheet, by column header in row 3.
function rowOf(sheet, row) {
  const headers = Object.entries(sheet).filter(([ref]) => /^[A-Z]+3$/.test(ref)).map(([ref, text]) => [ref.replace(/\d+$/, ''), text]);
  return Object.fromEntries(headers.map(([col, h]) => [h, sheet[`${col}${row}`] ?? '']));
}
// The data rows of a dumped sheet: rows 4.. whose key column (`key`) is filled, until the footer.
function dataRows(sheet, key) {
  const rows = [];
  for (let r = 4; r < 10000; r++) {
    const cells = rowOf(sheet, r);
    if (!cells[key] || /：$/.test(cells[key])) break;
    rows.push({ row: r, ...cells });
  }
  return rows;
}
const splitPosts = (s) => s.split(/[、，,；;\s]+/).filter(Boolean).sort();

for (const backend of backends()) {
  describe(`catalogue forms [${backend}]`, () => {
    let srv, jiwei, org, zy;
    const college = async () => listAll(jiwei, `/powers?unit_id=${zy}`);
    const powerNamed = async (name) => {
      const found = (await college()).filter((p) => p.name === name);
      assert.equal(found.length, 1, `expected one college power named ${name}`);
      return found[0];
    };

    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      org = await demoOrg(jiwei);
      zy = org.units.ZYXY.id;
    });
    after(async () => {
      await srv?.stop();
    });

    it('附件一 export: a real xlsx, one sheet per department, title, header, columns, rows and footer', async () => {
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type.split(';')[0].trim(), XLSX_TYPE);
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
      assert.match(x.disposition, /^attachment/);
      const wb = dump(x.bytes);
      const powers = await college();
      const depts = [...new Set(powers.map((p) => p.department_name))];
      assert.deepEqual(wb.sheets.slice().sort(), depts.slice().sort(), 'one sheet per department with powers');
      for (const name of wb.sheets) {
        const sheet = wb.cells[name];
        assert.equal(sheet.A1, '某市职业技术学院廉政风险防控职权目录', `title of ${name}`);
        assert.ok(Object.values(sheet).includes(`部门：${name}`), `header 部门：${name}`);
        assert.ok(Object.values(sheet).some((t) => /^填表日期：/.test(t)), `header 填表日期 in ${name}`);
        assert.deepEqual(['A3', 'B3', 'C3', 'D3'].map((r) => sheet[r]), ATTACHMENT1_COLUMNS, `columns of ${name}`);
        const rows = dataRows(sheet, '权力名称');
        const mine = powers.filter((p) => p.department_name === name);
        assert.deepEqual(rows.map((r) => r['权力名称']).sort(), mine.map((p) => p.name).sort(), `rows of ${name}`);
        for (const r of rows) {
          const p = mine.find((x) => x.name === r['权力名称']);
          assert.equal(r['具体内容'], p.content, `${p.name} 具体内容`);
          assert.equal(r['制度依据'], p.basis, `${p.name} 制度依据`);
          assert.deepEqual(splitPosts(r['办理主体']), p.posts.map((x) => x.name).sort(), `${p.name} 办理主体`);
        }
        const footer = Object.values(sheet);
        assert.ok(footer.some((t) => t.startsWith('分管校领导：')) && footer.some((t) => t.startsWith('部门负责人：')), `footer of ${name}`);
      }
    });

    it('importing the exported 附件一 unchanged → {created:0, updated:0, unchanged:N} and nothing changes', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, x.bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 0, updated: 0, unchanged: before.length });
      assert.deepEqual(await college(), before, 'no power changed, not even its version');
    });

    it('the enforcement form: one sheet with its 8 columns; importing it back changes nothing', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=enforcement`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.type.split(';')[0].trim(), XLSX_TYPE);
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
      const wb = dump(x.bytes);
      assert.equal(wb.sheets.length, 1, `sheets: ${wb.sheets}`);
      const sheet = wb.cells[wb.sheets[0]];
      assert.deepEqual(['A3', 'B3', 'C3', 'D3', 'E3', 'F3', 'G3', 'H3'].map((r) => sheet[r]), ENFORCEMENT_COLUMNS);
      const rows = dataRows(sheet, '职权名称');
      assert.deepEqual(rows.map((r) => r['职权名称']).sort(), before.map((p) => p.name).sort());
      const wz = rows.find((r) => r['职权名称'] === '物资采购');
      assert.equal(wz['职权类别'], '执行权');
      assert.equal(wz['实施机构'], '资产与采购管理处');
      assert.deepEqual(splitPosts(wz['执法岗位']), before.find((p) => p.name === '物资采购').posts.map((p) => p.name).sort());
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=enforcement`, x.bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 0, updated: 0, unchanged: before.length });
      assert.deepEqual(await college(), before);
    });

    it('department_id narrows the export to that department', async () => {
      const x = await exportXlsx(jiwei, `unit_id=${zy}&department_id=${org.college('财务处').id}&form=attachment1`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      const wb = dump(x.bytes);
      assert.deepEqual(wb.sheets, ['财务处']);
      const names = (await college()).filter((p) => p.department_name === '财务处').map((p) => p.name).sort();
      assert.deepEqual(dataRows(wb.cells['财务处'], '权力名称').map((r) => r['权力名称']).sort(), names);
    });

    it('an edited 具体内容 → updated:1; the power has the new content, a new version, and the rest is untouched', async () => {
      const before = await college();
      const wz = before.find((p) => p.name === '物资采购');
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const text = '学院货物、服务采购的申请、审核、采购方式确定、询价或招标、评审、合同签订、验收和付款（含电子卖场）';
      const { bytes, rows } = edit(x.bytes, [{ sheet: '资产与采购管理处', key: '权力名称', find: '物资采购', column: '具体内容', text }]);
      assert.equal(rowOf(dump(bytes).cells['资产与采购管理处'], rows[0])['具体内容'], text, 'the workbook was edited');
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 0, updated: 1, unchanged: before.length - 1 });
      const after = await college();
      const got = after.find((p) => p.id === wz.id);
      assert.equal(got.content, text);
      assert.equal(got.version, wz.version + 1);
      for (const k of ['name', 'basis', 'post_ids', 'department_id', 'category', 'code', 'status']) assert.deepEqual(got[k], wz[k], `${k} kept`);
      assert.deepEqual(after.filter((p) => p.id !== wz.id), before.filter((p) => p.id !== wz.id), 'the other powers are untouched');
      // the same file again is now unchanged throughout
      const again = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: before.length });
    });

    it('办理主体 naming an unknown post → 400 import.invalid with sheet, row and column; nothing written, not even the valid rows', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const { bytes, rows } = edit(x.bytes, [
        { sheet: '资产与采购管理处', key: '权力名称', find: '物资采购', column: '具体内容', text: '本应不被写入的内容' },
        { sheet: '财务处', key: '权力名称', find: '费用报销', column: '办理主体', text: '处长、幽灵岗位' },
      ]);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      expectError(r, 400, 'import.invalid');
      assert.ok(Array.isArray(r.body.rows) && r.body.rows.length > 0, JSON.stringify(r.body));
      const bad = r.body.rows.filter((x) => x.sheet === '财务处' && x.row === rows[1] && x.column === '办理主体');
      assert.equal(bad.length, 1, `no row error on 财务处 row ${rows[1]} 办理主体: ${JSON.stringify(r.body.rows)}`);
      assert.ok(bad[0].message.includes('幽灵岗位'), `the message names the post: ${bad[0].message}`);
      assert.ok(bad[0].message_en.trim().length > 0);
      assert.ok(!r.body.rows.some((x) => x.sheet === '资产与采购管理处'), 'the valid edit is not an error');
      assert.deepEqual(await college(), before, 'nothing written');
      assert.equal((await jiwei.get(`/powers/${before.find((p) => p.name === '物资采购').id}`)).body.content, before.find((p) => p.name === '物资采购').content);
    });

    it('a row breaking the power rules (name over 200 characters) → 400 import.invalid on 权力名称; nothing written', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const { bytes, rows } = edit(x.bytes, [{ sheet: '人事处', key: '权力名称', find: '人员招聘', column: '权力名称', text: '招'.repeat(201) }]);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      expectError(r, 400, 'import.invalid');
      assert.ok(r.body.rows.some((x) => x.sheet === '人事处' && x.row === rows[0] && x.column === '权力名称'), JSON.stringify(r.body.rows));
      assert.deepEqual(await college(), before);
    });

    it('the enforcement form checks 执法岗位 the same way', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=enforcement`);
      const sheet = dump(x.bytes).sheets[0];
      const { bytes, rows } = edit(x.bytes, [{ sheet, key: '职权名称', find: '费用报销', column: '执法岗位', text: '会计 幽灵岗位' }]);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=enforcement`, bytes);
      expectError(r, 400, 'import.invalid');
      assert.ok(r.body.rows.some((x) => x.sheet === sheet && x.row === rows[0] && x.column === '执法岗位'), JSON.stringify(r.body.rows));
      assert.deepEqual(await college(), before);
    });

    it('post names separated by 、，; or spaces all work: a changed 办理主体 changes the posts', async () => {
      const fy = await powerNamed('费用报销');
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const { bytes } = edit(x.bytes, [{ sheet: '财务处', key: '权力名称', find: '费用报销', column: '办理主体', text: '会计，出纳; 处长 预算管理员' }]);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.updated, 1, JSON.stringify(r.body));
      const got = (await jiwei.get(`/powers/${fy.id}`)).body;
      assert.deepEqual(got.posts.map((p) => p.name).sort(), ['会计', '出纳', '处长', '预算管理员'].sort());
      for (const p of got.posts) {
        const full = (await jiwei.get(`/posts/${p.id}`)).body;
        assert.equal(full.department_name, '财务处', `${p.name} is the post of 财务处 (处长 exists in many departments)`);
      }
    });

    it('a row with a new name creates a power in that department; the old one stays', async () => {
      const before = await college();
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const { bytes } = edit(x.bytes, [{ sheet: '图书馆', key: '权力名称', find: '图书资料采购', column: '权力名称', text: '古籍修复外包' }]);
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { created: 1, updated: 0, unchanged: before.length - 1 });
      const after = await college();
      assert.equal(after.length, before.length + 1);
      const made = after.filter((p) => p.name === '古籍修复外包');
      assert.equal(made.length, 1);
      const old = before.find((p) => p.name === '图书资料采购');
      assert.equal(made[0].department_id, old.department_id);
      assert.equal(made[0].unit_id, zy);
      assert.equal(made[0].content, old.content);
      assert.deepEqual(made[0].posts.map((p) => p.name).sort(), old.posts.map((p) => p.name).sort());
      assert.ok(after.some((p) => p.id === old.id && p.name === '图书资料采购'), 'the old power stays');
    });

    it('garbage bytes → 400 xlsx.not_xlsx; an empty body too; nothing written', async () => {
      const before = await college();
      expectError(await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, Buffer.from('this is not a workbook at all')), 400, 'xlsx.not_xlsx');
      expectError(await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, Buffer.from('PK\u0003\u0004garbage after a zip signature')), 400, 'xlsx.not_xlsx');
      const r = await importXlsx(jiwei, `unit_id=${zy}&form=attachment1`, Buffer.alloc(0));
      expectError(r, 400);
      assert.deepEqual(await college(), before);
    });

    it('caiwu (财务处) importing the whole college: every row outside 财务处 is refused as out of scope; nothing written', async () => {
      const caiwu = await as(srv, 'caiwu');
      const before = await college();
      // the message of auth.out_of_scope, as caiwu gets it for a write outside the scope
      const refusal = expectError(await caiwu.post('/powers', { department_id: org.college('资产与采购管理处').id, name: '越权', category: '其他' }), 403, 'auth.out_of_scope');
      const x = await exportXlsx(jiwei, `unit_id=${zy}&form=attachment1`);
      const wb = dump(x.bytes);
      const { bytes } = edit(x.bytes, [
        { sheet: '财务处', key: '权力名称', find: '学生收费管理', column: '具体内容', text: '财务处自己的修改' },
        { sheet: '资产与采购管理处', key: '权力名称', find: '物资采购', column: '具体内容', text: '越权的修改' },
      ]);
      const r = await importXlsx(caiwu, `unit_id=${zy}&form=attachment1`, bytes);
      expectError(r, 400, 'import.invalid');
      const flagged = new Set(r.body.rows.map((x) => `${x.sheet}#${x.row}`));
      for (const name of wb.sheets.filter((s) => s !== '财务处')) {
        for (const row of dataRows(wb.cells[name], '权力名称')) assert.ok(flagged.has(`${name}#${row.row}`), `${name} row ${row.row} (${row['权力名称']}) not refused`);
      }
      assert.ok(!r.body.rows.some((x) => x.sheet === '财务处'), `rows of 财务处 are in scope: ${JSON.stringify(r.body.rows.filter((x) => x.sheet === '财务处'))}`);
      for (const x of r.body.rows) {
        assert.equal(x.message, refusal.message, `row message ${JSON.stringify(x)}`);
        assert.equal(x.message_en, refusal.message_en);
      }
      assert.deepEqual(await college(), before, 'nothing written, not even the 财务处 edit');

      // caiwu's own export covers only 财务处 and goes back unchanged
      const own = await exportXlsx(caiwu, `unit_id=${zy}&form=attachment1`);
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.deepEqual(dump(own.bytes).sheets, ['财务处']);
      const back = await importXlsx(caiwu, `unit_id=${zy}&form=attachment1`, own.bytes);
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.deepEqual(back.body, { created: 0, updated: 0, unchanged: before.filter((p) => p.department_name === '财务处').length });
    });

    it('shenji (auditor) may export but not import (403)', async () => {
      const shenji = await as(srv, 'shenji');
      const before = await college();
      const x = await exportXlsx(shenji, `unit_id=${zy}&form=attachment1`);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      expectError(await importXlsx(shenji, `unit_id=${zy}&form=attachment1`, x.bytes), 403, 'auth.forbidden');
      assert.deepEqual(await college(), before);
    });
  });
}
