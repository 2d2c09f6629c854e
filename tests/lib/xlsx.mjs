// Reads and edits XLSX workbooks (as Buffers) for the API tests through tests/lib/xlsx_tool.py (python3, standard
// library only), which documents the modes. Cells are found by their text, the way a user edits a spreadsheet.
//   dump(bytes)                          -> {sheets: [name...], cells: {sheet: {A1: text}}}
//   edit(bytes, [{sheet, key, find, column, text}])
//                                        -> {bytes, rows}  in the row whose `key` cell is `find`, the `column` cell
//                                           set to `text`; rows: the 1-based rows edited
//   replace(bytes, [{sheet, from, to}])  -> {bytes, refs}  the one cell reading `from` set to `to`; refs: 'B2'...
//   grow(bytes, sheet, n, prefix)        -> {bytes, footerRow}  a 附件二 sheet's data rows replaced by n generated
//                                           ones (廉政风险点 `${prefix}-1`..`${prefix}-${n}`), footer kept below
// A failed check in the tool (no such sheet, heading, row or cell) throws with its stderr.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TOOL = fileURLToPath(new URL('./xlsx_tool.py', import.meta.url));

// One request to the tool: `bytes` goes as base64 in "xlsx"; a changed workbook comes back as a Buffer in `xlsx`.
function run(mode, bytes, fields = {}) {
  const input = JSON.stringify({ mode, xlsx: Buffer.from(bytes).toString('base64'), ...fields });
  const p = spawnSync('python3', [TOOL], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (p.error) throw p.error;
  if (p.status !== 0) throw new Error(`xlsx_tool.py ${mode} failed (${p.signal ?? `exit ${p.status}`}):\n${p.stderr}`);
  const res = JSON.parse(p.stdout);
  if (res.xlsx !== undefined) res.xlsx = Buffer.from(res.xlsx, 'base64');
  return res;
}

export function dump(bytes) {
  return run('dump', bytes);
}

export function edit(bytes, edits) {
  const { xlsx, rows } = run('edit', bytes, { edits });
  return { bytes: xlsx, rows };
}

export function replace(bytes, edits) {
  const { xlsx, refs } = run('replace', bytes, { edits });
  return { bytes: xlsx, refs };
}

export function grow(bytes, sheet, n, prefix) {
  const { xlsx, footer_row: footerRow } = run('grow', bytes, { sheet, rows: n, prefix });
  return { bytes: xlsx, footerRow };
}
