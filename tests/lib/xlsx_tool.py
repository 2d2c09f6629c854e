#!/usr/bin/env python3
"""Reads and edits XLSX workbooks for the API tests, the way a user changes cells in a spreadsheet program.

Python 3 standard library only. Called by tests/lib/xlsx.mjs: one JSON request on stdin, one JSON answer on stdout;
a workbook travels as base64 in the field "xlsx". A failed check (no such sheet, heading, row or cell) exits non-zero
with a traceback on stderr. Cells are addressed by their text, so a test never depends on the exporter's layout.

Modes (the request's "mode"; every request but dump answers the changed workbook in "xlsx"):

  dump     {"xlsx"}
           -> {"sheets": [name...], "cells": {sheet: {"A1": text}}}   sheets in workbook order; shared strings,
              inline strings and plain values are all read as text; empty cells are left out
  edit     {"xlsx", "edits": [{"sheet", "key", "find", "column", "text"}]}
           -> {"xlsx", "rows": [row...]}   for each edit, in the row whose cell under the heading 'key' is 'find', sets
              the cell under the heading 'column' to 'text'; each heading and the row must be unique in the sheet;
              rows are the 1-based row numbers edited, in order
  replace  {"xlsx", "edits": [{"sheet", "from", "to"}]}
           -> {"xlsx", "refs": ["B2"...]}   the one cell whose text is 'from' gets 'to'; refs are the cells changed
  grow     {"xlsx", "sheet", "rows": N, "prefix"}
           -> {"xlsx", "footer_row": r}   for a 附件二-style sheet (heading row holding 廉政风险点): the data rows are
              replaced by N generated rows (廉政风险点 PREFIX-1..N, 风险等级 高/中/低 by i mod 3, the other columns
              filled), the 分管领导审核意见 footer (if any) is kept below them at row footer_row, merged cells dropped

Changed cells become shared strings (appended to xl/sharedStrings.xml, which the workbook must have); every other
part of the package is copied unchanged.

By hand:  python3 -c 'import base64,json,sys; print(json.dumps({"mode": "dump", "xlsx":
              base64.b64encode(open(sys.argv[1], "rb").read()).decode()}))' FILE.xlsx | python3 tests/lib/xlsx_tool.py
"""
import base64
import html
import io
import json
import re
import sys
import zipfile


def load(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return z, {i.filename: z.read(i.filename) for i in z.infolist()}


def save(z, files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as out:
        for i in z.infolist():
            out.writestr(i, files[i.filename])
    return buf.getvalue()


def sheet_paths(files):
    """[(sheet name, part path)] in workbook order."""
    wb = files['xl/workbook.xml'].decode()
    rels = files['xl/_rels/workbook.xml.rels'].decode()
    targets = {}
    for m in re.finditer(r'<Relationship\b[^>]*>', rels):
        t = m.group(0)
        targets[re.search(r'Id="([^"]*)"', t).group(1)] = re.search(r'Target="([^"]*)"', t).group(1)
    out = []
    for m in re.finditer(r'<sheet\b[^>]*>', wb):
        t = m.group(0)
        name = html.unescape(re.search(r'name="([^"]*)"', t).group(1))
        target = targets[re.search(r'r:id="([^"]*)"', t).group(1)]
        out.append((name, target.lstrip('/') if target.startswith('/') else 'xl/' + target))
    return out


def strings(files):
    sst = files.get('xl/sharedStrings.xml', b'').decode()
    return [html.unescape(''.join(re.findall(r'<t[^>]*>(.*?)</t>', s, re.S)))
            for s in re.findall(r'<si>(.*?)</si>', sst, re.S)]


CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)


def cells(xml, sst):
    """{(column letters, row number): text} of the non-empty cells of a sheet part."""
    out = {}
    for m in CELL.finditer(xml):
        col, row, attrs, inner = m.group(1), int(m.group(2)), m.group(3), m.group(4) or ''
        v = re.search(r'<v>(.*?)</v>', inner, re.S)
        if 't="s"' in attrs and v:
            out[(col, row)] = sst[int(v.group(1))]
        elif 't="inlineStr"' in attrs:
            out[(col, row)] = html.unescape(''.join(re.findall(r'<t[^>]*>(.*?)</t>', inner, re.S)))
        elif v:
            out[(col, row)] = html.unescape(v.group(1))
    return out


class Strings:
    """The shared string table, with strings added by the edits; done() writes it back."""

    def __init__(self, files):
        self.files, self.sst = files, strings(files)
        self.xml = files['xl/sharedStrings.xml'].decode()
        self.added = []

    def add(self, text):
        self.sst.append(text)
        self.added.append('<si><t xml:space="preserve">%s</t></si>' % html.escape(text, quote=False))
        return len(self.sst) - 1

    def done(self):
        xml = self.xml.replace('</sst>', ''.join(self.added) + '</sst>')
        xml = re.sub(r'uniqueCount="\d+"', 'uniqueCount="%d"' % len(self.sst), xml, count=1)
        self.files['xl/sharedStrings.xml'] = xml.encode()


def set_cell(xml, ref, idx):
    """The sheet part with cell `ref` (which must exist) set to shared string `idx`, its style kept."""
    m = re.search(r'<c r="%s"([^>]*?)(?:/>|>.*?</c>)' % ref, xml, re.S)
    assert m, ref
    attrs = re.sub(r'\s*t="[^"]*"', '', m.group(1))
    return xml[:m.start()] + '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, attrs, idx) + xml[m.end():]


def dump(files):
    sst = strings(files)
    res = {'sheets': [], 'cells': {}}
    for name, path in sheet_paths(files):
        res['sheets'].append(name)
        res['cells'][name] = {'%s%d' % k: v for k, v in cells(files[path].decode(), sst).items()}
    return res


def sheet(files, paths, st, name):
    """(part path, part XML, cells) of sheet `name`, with the strings added so far."""
    path = paths[name]
    xml = files[path].decode()
    return path, xml, cells(xml, st.sst)


def edit(files, paths, st, req):
    rows = []
    for e in req['edits']:
        path, xml, cs = sheet(files, paths, st, e['sheet'])
        hcol = [c for (c, r), t in cs.items() if t == e['column']]
        kcol = [c for (c, r), t in cs.items() if t == e['key']]
        assert len(hcol) == 1 and len(kcol) == 1, ('headings', e, hcol, kcol)
        frow = [r for (c, r), t in cs.items() if c == kcol[0] and t == e['find']]
        assert len(frow) == 1, ('row', e, frow)
        files[path] = set_cell(xml, '%s%d' % (hcol[0], frow[0]), st.add(e['text'])).encode()
        rows.append(frow[0])
    return {'rows': rows}


def replace(files, paths, st, req):
    refs = []
    for e in req['edits']:
        path, xml, cs = sheet(files, paths, st, e['sheet'])
        found = ['%s%d' % k for k, t in cs.items() if t == e['from']]
        assert len(found) == 1, ('cell', e, found)
        files[path] = set_cell(xml, found[0], st.add(e['to'])).encode()
        refs.append(found[0])
    return {'refs': refs}


def grow(files, paths, st, req):
    name, n, prefix = req['sheet'], int(req['rows']), req['prefix']
    path, xml, cs = sheet(files, paths, st, name)
    heading = [r for (c, r), t in cs.items() if t == '廉政风险点']
    assert len(heading) == 1, heading
    h = heading[0]
    cols = sorted({c for (c, r) in cs if r == h}, key=lambda c: (len(c), c))
    names = {c: cs[(c, h)] for c in cols}
    footer = [r for (c, r), t in cs.items() if t.startswith('分管领导审核意见')]
    keep = re.findall(r'(<row r="(\d+)"[^>]*(?:/>|>.*?</row>))', xml, re.S)
    head_xml = ''.join(x for x, r in keep if int(r) <= h)
    levels = ['高', '中', '低']
    body = []
    for i in range(1, n + 1):
        r = h + i
        vals = {'部门职责': '负责%s第%d项业务' % (name, i), '廉政风险点': '%s-%d' % (prefix, i),
                '表现形式': '表现形式%d：违规操作谋取私利' % i, '原因分析': '监管缺失；个人自律',
                '风险等级': levels[i % 3], '防控措施': '每季度检查%d次' % (i % 4 + 1), '备注': ''}
        cells_xml = ''.join('<c r="%s%d" t="s"><v>%d</v></c>' % (c, r, st.add(vals[names[c]]))
                            for c in cols if vals.get(names[c]))
        body.append('<row r="%d">%s</row>' % (r, cells_xml))
    fr = h + n + 1
    foot = ('<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (fr, fr, st.add('分管领导审核意见：'))
            if footer else '')
    xml = re.sub(r'<sheetData>.*</sheetData>',
                 lambda m: '<sheetData>' + head_xml + ''.join(body) + foot + '</sheetData>', xml, count=1, flags=re.S)
    xml = re.sub(r'<mergeCells\b.*?</mergeCells>', '', xml, flags=re.S)
    xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:%s%d"/>' % (cols[-1], fr), xml)
    files[path] = xml.encode()
    return {'footer_row': fr}


CHANGES = {'edit': edit, 'replace': replace, 'grow': grow}


def main():
    req = json.loads(sys.stdin.buffer.read())
    mode = req['mode']
    z, files = load(base64.b64decode(req['xlsx']))
    if mode == 'dump':
        res = dump(files)
    else:
        assert mode in CHANGES, ('mode', mode)
        st = Strings(files)
        res = CHANGES[mode](files, dict(sheet_paths(files)), st, req)
        st.done()
        res['xlsx'] = base64.b64encode(save(z, files)).decode()
    sys.stdout.buffer.write(json.dumps(res, ensure_ascii=False).encode())


if __name__ == '__main__':
    main()
