// Power flows (权力运行流程图): the demo flows, the BPMN / SVG / PNML downloads, uploading BPMN (checked, all or
// nothing), Camunda-style lanes as posts, and uploaded Petri nets (docs/api.md: Flows).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, backends, repoRoot } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectDeleted, listAll, demoOrg } from './_util.mjs';

const LF_NS = 'urn:lianfang:bpmn:1';
const CAMUNDA_LANES = readFileSync(join(repoRoot, 'tests', 'cases', 'api', 'camunda-lanes.bpmn'), 'utf8');

// PUT of an XML document with the client's session and CSRF token (the shared Client sends JSON only).
async function putXml(c, path, xml, contentType = 'application/xml') {
  const res = await fetch(`${c.base}/api/v1${path}`, {
    method: 'PUT', body: xml,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': contentType },
  });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { raw: text }; }
  return { status: res.status, body, headers: res.headers };
}

// GET of a text download: status, content type and the text itself.
async function download(c, path) {
  const r = await c.get(path);
  return { status: r.status, type: r.headers.get('content-type') || '', text: r.body?.raw ?? JSON.stringify(r.body), body: r.body };
}

// The one `<bpmn:sequenceFlow …>` tag going from `source` to `target` in `xml`.
function flowTag(xml, source, target) {
  const tags = [...xml.matchAll(/<bpmn:sequenceFlow\b[^>]*>/g)].map((m) => m[0])
    .filter((t) => t.includes(`sourceRef="${source}"`) && t.includes(`targetRef="${target}"`));
  assert.equal(tags.length, 1, `expected one sequence flow ${source} → ${target}, found ${tags.length}`);
  return { tag: tags[0], id: /\bid="([^"]+)"/.exec(tags[0])[1] };
}

// `xml` with `task` inserted just before the first sequence flow of the process.
function insertBeforeFlows(xml, task) {
  const at = xml.indexOf('<bpmn:sequenceFlow');
  assert.ok(at > 0, 'the BPMN has sequence flows');
  return xml.slice(0, at) + task + '\n    ' + xml.slice(at);
}

const stepNames = (flow) => flow.steps.map((s) => s.name);
const byName = (flow, name) => {
  const found = flow.steps.filter((s) => s.name === name);
  assert.equal(found.length, 1, `expected one step ${name} in ${stepNames(flow).join(', ')}`);
  return found[0];
};
// Elements `tag` that define an id (a PNML final marking refers to a place by idref, which is not a place).
const countTags = (xml, tag) => (xml.match(new RegExp(`<(?:\\w+:)?${tag}\\s[^>]*\\bid="`, 'g')) || []).length;

for (const backend of backends()) {
  describe(`flows [${backend}]`, () => {
    let srv, jiwei, org, powers, collegePosts;
    const power = (name) => {
      const found = powers.filter((p) => p.name === name);
      assert.equal(found.length, 1, `expected one demo power named ${name}`);
      return found[0];
    };
    const post = (dept, name) => {
      const found = collegePosts.filter((p) => p.department_name === dept && p.name === name);
      assert.equal(found.length, 1, `expected one post ${dept}/${name}`);
      return found[0];
    };
    const flowOf = async (c, id) => {
      const r = await c.get(`/powers/${id}/flow`);
      assert.equal(r.status, 200, `GET /powers/${id}/flow: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const versionOf = async (id) => (await jiwei.get(`/powers/${id}`)).body.version;

    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      org = await demoOrg(jiwei);
      powers = await listAll(jiwei, '/powers');
      collegePosts = await listAll(jiwei, `/posts?unit_id=${org.units.ZYXY.id}`);
    });
    after(async () => { await srv?.stop(); });

    describe('the demo flows', () => {
      it('物资采购: 9 steps 申请 … 付款 with 询价 | 招标, segregation of duties, limits and the collective decision', async () => {
        const wz = power('物资采购');
        const flow = await flowOf(jiwei, wz.id);
        assert.equal(flow.power_id, wz.id);
        assert.equal(flow.steps.length, 9, stepNames(flow).join(', '));
        assert.deepEqual(stepNames(flow).slice().sort(), ['申请', '部门审核', '采购方式确定', '询价', '招标', '评审', '合同签订', '验收', '付款'].sort());
        assert.equal(flow.steps[0].name, '申请');
        assert.equal(flow.steps.at(-1).name, '付款');
        const ids = new Set(flow.steps.map((s) => s.element_id));
        assert.equal(ids.size, 9, 'element ids are distinct');
        // 验收 ≠ 申请, 付款 ≠ 部门审核
        assert.deepEqual(byName(flow, '验收').different_from, [byName(flow, '申请').element_id]);
        assert.deepEqual(byName(flow, '付款').different_from, [byName(flow, '部门审核').element_id]);
        assert.deepEqual(byName(flow, '申请').different_from, []);
        // collective decision above 500,000 yuan (in fen), and amount limits
        assert.equal(byName(flow, '合同签订').collective_above_fen, 50000000);
        assert.ok(byName(flow, '合同签订').limits.length > 0, '合同签订 has amount limits');
        for (const l of flow.steps.flatMap((s) => s.limits)) assert.ok(Number.isInteger(l.amount_fen) && l.amount_fen > 0, JSON.stringify(l));
        // every step is done by a post of the college, named as that post, in a lane the flow lists
        for (const s of flow.steps) {
          const p = collegePosts.find((x) => x.id === s.post_id);
          assert.ok(p, `step ${s.name}: post ${s.post_id} is not a college post`);
          assert.equal(s.post_name, p.name, `step ${s.name}`);
          assert.ok(flow.lanes.includes(s.lane), `lane ${s.lane} of ${s.name} is listed`);
        }
        assert.equal(byName(flow, '付款').post_name, '出纳');
        // the compiled net labels every step; the net has places, transitions and silent ones for the gateways
        for (const n of stepNames(flow)) assert.ok(flow.net.labels.includes(n), `net labels miss ${n}: ${flow.net.labels.join(', ')}`);
        assert.ok(flow.net.places > 0 && flow.net.transitions >= 9 && flow.net.silent > 0, JSON.stringify(flow.net));
        assert.equal(flow.net.transitions, flow.net.silent + flow.net.labels.length, 'transitions = silent + labelled');
        assert.ok(!Number.isNaN(Date.parse(flow.updated_at)));
        assert.equal(wz.has_flow, true);
      });

      it('建设工程施工许可: 材料审查 and 现场勘验 side by side, time limits per step', async () => {
        const sg = power('建设工程施工许可');
        const flow = await flowOf(jiwei, sg.id);
        for (const n of ['材料审查', '现场勘验']) assert.ok(stepNames(flow).includes(n), `${n} in ${stepNames(flow).join(', ')}`);
        for (const s of flow.steps) assert.ok(s.time_limit_days === null || s.time_limit_days > 0, JSON.stringify(s));
        const bpmn = (await download(jiwei, `/powers/${sg.id}/flow.bpmn`)).text;
        assert.ok(countTags(bpmn, 'parallelGateway') >= 2, 'a parallel split and join');
      });

      it('flow.bpmn is the BPMN document with the lf extensions; flow.svg draws it; flow.pnml is the net', async () => {
        const wz = power('物资采购');
        const flow = await flowOf(jiwei, wz.id);
        const bpmn = await download(jiwei, `/powers/${wz.id}/flow.bpmn`);
        assert.equal(bpmn.status, 200);
        assert.match(bpmn.type, /xml/);
        assert.match(bpmn.text.trimStart(), /^<(\?xml|(\w+:)?definitions)/);
        assert.ok(bpmn.text.includes(LF_NS), 'the lf namespace');
        for (const s of flow.steps) assert.ok(bpmn.text.includes(`id="${s.element_id}"`), `element ${s.element_id}`);

        const svg = await download(jiwei, `/powers/${wz.id}/flow.svg`);
        assert.equal(svg.status, 200);
        assert.match(svg.type, /^image\/svg\+xml/);
        assert.match(svg.text, /<svg[\s>]/);
        for (const n of ['付款', '申请', '招标']) assert.ok(svg.text.includes(n), `the drawing shows ${n}`);

        const pnml = await download(jiwei, `/powers/${wz.id}/flow.pnml`);
        assert.equal(pnml.status, 200);
        assert.match(pnml.type, /xml/);
        assert.match(pnml.text, /<pnml[\s>]/);
        assert.equal(countTags(pnml.text, 'transition'), flow.net.transitions, 'PNML transitions = net.transitions');
        assert.equal(countTags(pnml.text, 'place'), flow.net.places, 'PNML places = net.places');
        for (const n of flow.net.labels) assert.ok(pnml.text.includes(`<text>${n}</text>`), `PNML names ${n}`);
      });

      it('a power without a flow: GET flow and its downloads → 404 flow.not_found; has_flow is false', async () => {
        const p = expectCreated(await jiwei.post('/powers', { department_id: org.college('财务处').id, name: '无流程职权', category: '其他', status: 'draft' }));
        assert.equal(p.has_flow, false);
        for (const suffix of ['flow', 'flow.bpmn', 'flow.svg', 'flow.pnml']) expectError(await jiwei.get(`/powers/${p.id}/${suffix}`), 404, 'flow.not_found');
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });
    });

    describe('uploading BPMN', () => {
      let wz, original;
      before(async () => {
        wz = power('物资采购');
        original = (await download(jiwei, `/powers/${wz.id}/flow.bpmn`)).text;
      });

      it('the downloaded BPMN goes back unchanged: 200, the same steps, version + 1', async () => {
        const before = await flowOf(jiwei, wz.id);
        const v = await versionOf(wz.id);
        const r = await putXml(jiwei, `/powers/${wz.id}/flow`, original);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.power_id, wz.id);
        assert.deepEqual(r.body.steps, before.steps);
        assert.deepEqual(r.body.lanes, before.lanes);
        assert.equal(await versionOf(wz.id), v + 1);
        const after = await flowOf(jiwei, wz.id);
        assert.deepEqual(after.steps, before.steps);
        assert.deepEqual(after, r.body, 'PUT answers what GET then reads');
      });

      it('a task inserted between 验收 and 付款, with an lf:step post of the unit, becomes a step', async () => {
        const before = await flowOf(jiwei, wz.id);
        const v = await versionOf(wz.id);
        const ys = byName(before, '验收').element_id, fk = byName(before, '付款').element_id;
        const { tag, id: flowId } = flowTag(original, ys, fk);
        const ysgl = post('财务处', '预算管理员');
        const task = `<bpmn:userTask id="Task_budget_check" name="预算核对">
      <bpmn:extensionElements>
        <lf:step post="${ysgl.id}" timeLimitDays="2" supervisionPoint="true" />
      </bpmn:extensionElements>
      <bpmn:incoming>${flowId}</bpmn:incoming>
      <bpmn:outgoing>Flow_budget_check</bpmn:outgoing>
    </bpmn:userTask>`;
        let xml = insertBeforeFlows(original, task);
        xml = xml.replace(tag, tag.replace(`targetRef="${fk}"`, 'targetRef="Task_budget_check"'));
        // 付款's incoming flow is now the new one
        const fkTask = new RegExp(`(<bpmn:userTask id="${fk}"[\\s\\S]*?<bpmn:incoming>)${flowId}(</bpmn:incoming>)`);
        assert.match(xml, fkTask);
        xml = xml.replace(fkTask, '$1Flow_budget_check$2');
        xml = insertBeforeFlows(xml, '<bpmn:sequenceFlow id="Flow_budget_check" sourceRef="Task_budget_check" targetRef="' + fk + '" />');

        const r = await putXml(jiwei, `/powers/${wz.id}/flow`, xml);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const after = await flowOf(jiwei, wz.id);
        assert.equal(after.steps.length, 10, stepNames(after).join(', '));
        const s = byName(after, '预算核对');
        assert.equal(s.element_id, 'Task_budget_check');
        assert.equal(s.post_id, ysgl.id);
        assert.equal(s.post_name, '预算管理员');
        assert.equal(s.time_limit_days, 2);
        assert.equal(s.supervision_point, true);
        assert.ok(after.net.labels.includes('预算核对'), 'the net has the new step');
        assert.equal(after.net.transitions, before.net.transitions + 1);
        assert.equal(await versionOf(wz.id), v + 1);
        assert.ok((await download(jiwei, `/powers/${wz.id}/flow.svg`)).text.includes('预算核对'), 'the drawing shows it');
        assert.ok((await download(jiwei, `/powers/${wz.id}/flow.bpmn`)).text.includes('Task_budget_check'), 'the stored document has it');
        // back to the demo flow for the tests below
        assert.equal((await putXml(jiwei, `/powers/${wz.id}/flow`, original)).status, 200);
        assert.equal((await flowOf(jiwei, wz.id)).steps.length, 9);
      });

      // Uploads `xml`, expects 400 flow.invalid with an issue `code` on `element` (any element when `element` is an
      // array of allowed ids, or undefined), and checks that nothing changed.
      async function invalid(xml, code, element) {
        const before = await flowOf(jiwei, wz.id);
        const bpmnBefore = (await download(jiwei, `/powers/${wz.id}/flow.bpmn`)).text;
        const v = await versionOf(wz.id);
        const r = await putXml(jiwei, `/powers/${wz.id}/flow`, xml);
        expectError(r, 400, 'flow.invalid');
        assert.ok(Array.isArray(r.body.issues) && r.body.issues.length > 0, `issues: ${JSON.stringify(r.body)}`);
        for (const i of r.body.issues) {
          assert.ok(typeof i.code === 'string' && i.code.startsWith('flow.'), JSON.stringify(i));
          assert.ok(i.message?.trim() && i.message_en?.trim(), `issue messages: ${JSON.stringify(i)}`);
        }
        const on = (i) => element === undefined || (Array.isArray(element) ? element.includes(i.element) : i.element === element);
        assert.ok(r.body.issues.some((i) => i.code === code && on(i)), `no issue ${code} on ${element}: ${JSON.stringify(r.body.issues)}`);
        assert.deepEqual(await flowOf(jiwei, wz.id), before, 'the flow is unchanged');
        assert.equal((await download(jiwei, `/powers/${wz.id}/flow.bpmn`)).text, bpmnBefore, 'the stored document is unchanged');
        assert.equal(await versionOf(wz.id), v, 'the version is unchanged');
        return r.body.issues;
      }

      it('an unreachable task → 400 flow.invalid, issue flow.unreachable naming it; the old flow stays', async () => {
        const flow = await flowOf(jiwei, wz.id);
        const end = /<bpmn:endEvent id="([^"]+)"/.exec(original)[1];
        const task = `<bpmn:userTask id="Task_orphan" name="私下议价">
      <bpmn:extensionElements>
        <lf:step post="${post('资产与采购管理处', '采购专员').id}" />
      </bpmn:extensionElements>
      <bpmn:outgoing>Flow_orphan</bpmn:outgoing>
    </bpmn:userTask>`;
        let xml = insertBeforeFlows(original, task);
        xml = insertBeforeFlows(xml, `<bpmn:sequenceFlow id="Flow_orphan" sourceRef="Task_orphan" targetRef="${end}" />`);
        await invalid(xml, 'flow.unreachable', 'Task_orphan');
        assert.deepEqual(stepNames(await flowOf(jiwei, wz.id)), stepNames(flow));
      });

      it('a post that does not exist, or is not of the unit → flow.unknown_post on that task', async () => {
        const flow = await flowOf(jiwei, wz.id);
        const sq = byName(flow, '申请');
        const stepTag = new RegExp(`(<bpmn:userTask id="${sq.element_id}"[\\s\\S]*?<lf:step[^>]*\\bpost=")${sq.post_id}(")`);
        assert.match(original, stepTag);
        await invalid(original.replace(stepTag, '$1987654$2'), 'flow.unknown_post', sq.element_id);
        const bureauPost = (await listAll(jiwei, `/posts?unit_id=${org.units.XZSPJ.id}`))[0];
        await invalid(original.replace(stepTag, `$1${bureauPost.id}$2`), 'flow.unknown_post', sq.element_id);
      });

      it('a separation of duties naming an unknown step → flow.sod_unknown_step', async () => {
        const flow = await flowOf(jiwei, wz.id);
        const ys = byName(flow, '验收');
        const sod = new RegExp(`(<bpmn:userTask id="${ys.element_id}"[\\s\\S]*?<lf:step[^>]*\\bdifferentFrom=")[^"]*(")`);
        assert.match(original, sod);
        await invalid(original.replace(sod, '$1Task_nowhere$2'), 'flow.sod_unknown_step', ys.element_id);
      });

      it('every documented issue code is reported on the element at fault, and nothing is saved', async () => {
        const flow = await flowOf(jiwei, wz.id);
        const id = (name) => byName(flow, name).element_id;
        const start = /<bpmn:startEvent id="([^"]+)"/.exec(original)[1];
        const end = /<bpmn:endEvent id="([^"]+)"/.exec(original)[1];
        const gateway = /<bpmn:exclusiveGateway id="([^"]+)"/.exec(original)[1];
        const flowTags = [...original.matchAll(/<bpmn:sequenceFlow\b[^>]*>/g)].map((m) => m[0]);
        const startFlow = flowTags.find((t) => t.includes(`sourceRef="${start}"`));
        const endFlow = flowTags.find((t) => t.includes(`targetRef="${end}"`));
        assert.ok(startFlow && endFlow, 'the flows out of the start and into the end');
        // the <lf:step …> tag of task `el` rewritten by `fn`
        const step = (xml, el, fn) => {
          const re = new RegExp(`(<bpmn:userTask id="${el}"[\\s\\S]*?)(<lf:step\\b[^>]*?)(\\s*/?>)`);
          assert.match(xml, re, `lf:step of ${el}`);
          return xml.replace(re, (_all, head, tag, close) => head + fn(tag) + close);
        };
        const noPost = (tag) => tag.replace(/\s+post="[^"]*"/, '');
        const cases = [
          ['flow.no_start', undefined, original.replace(new RegExp(`<bpmn:startEvent id="${start}"[\\s\\S]*?</bpmn:startEvent>`), '').replace(startFlow, '')],
          ['flow.many_starts', [start, 'Start_extra'], insertBeforeFlows(original, `<bpmn:startEvent id="Start_extra" name="另一入口"><bpmn:outgoing>Flow_extra</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="Flow_extra" sourceRef="Start_extra" targetRef="${id('申请')}" />`)],
          ['flow.no_end', undefined, original.replace(new RegExp(`<bpmn:endEvent id="${end}"[\\s\\S]*?</bpmn:endEvent>`), '').replace(endFlow, '')],
          ['flow.dead_end', 'Task_shelved', insertBeforeFlows(original, `<bpmn:userTask id="Task_shelved" name="搁置">
      <bpmn:extensionElements><lf:step post="${post('资产与采购管理处', '采购专员').id}" /></bpmn:extensionElements>
      <bpmn:incoming>Flow_shelved</bpmn:incoming>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_shelved" sourceRef="${gateway}" targetRef="Task_shelved" />`)],
          ['flow.unnamed_task', id('部门审核'), original.replace(`<bpmn:userTask id="${id('部门审核')}" name="部门审核">`, `<bpmn:userTask id="${id('部门审核')}">`)],
          // no lf:step post and in no lane: nothing names a post
          ['flow.no_post', id('部门审核'), step(original, id('部门审核'), noPost).replace(`<bpmn:flowNodeRef>${id('部门审核')}</bpmn:flowNodeRef>`, '')],
          // no lf:step post, in a lane named 处长: the college has a 处长 in many departments
          ['flow.ambiguous_post', id('部门审核'), step(original, id('部门审核'), noPost).replace(`name="${byName(flow, '部门审核').lane}"`, 'name="处长"')],
          ['flow.limit_not_positive', id('付款'), original.replace(new RegExp(`(<bpmn:userTask id="${id('付款')}"[\\s\\S]*?<lf:limit\\b[^>]*amount=")\\d+(")`), '$10$2')],
          ['flow.time_limit_not_positive', id('申请'), step(original, id('申请'), (t) => t.replace(/timeLimitDays="\d+"/, 'timeLimitDays="0"'))],
          ['flow.sod_self', id('验收'), step(original, id('验收'), (t) => t.replace(/differentFrom="[^"]*"/, `differentFrom="${id('验收')}"`))],
          ['flow.edge_dangling', 'Flow_dangling', insertBeforeFlows(original, `<bpmn:sequenceFlow id="Flow_dangling" sourceRef="${id('付款')}" targetRef="Nowhere_9" />`)],
        ];
        for (const [code, element, xml] of cases) {
          assert.notEqual(xml, original, `${code}: the document was changed`);
          await invalid(xml, code, element);
        }
      });

      it('a body that is not XML → 400 bpmn.not_xml; XML without a process → 400 bpmn.no_process; nothing saved', async () => {
        const before = await flowOf(jiwei, wz.id);
        const v = await versionOf(wz.id);
        expectError(await putXml(jiwei, `/powers/${wz.id}/flow`, 'this is not a BPMN file'), 400, 'bpmn.not_xml');
        expectError(await putXml(jiwei, `/powers/${wz.id}/flow`, original.slice(0, Math.floor(original.length / 2))), 400, 'bpmn.not_xml');
        expectError(await putXml(jiwei, `/powers/${wz.id}/flow`, '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"/>'), 400, 'bpmn.no_process');
        assert.deepEqual(await flowOf(jiwei, wz.id), before);
        assert.equal(await versionOf(wz.id), v);
      });

      it('outside scope or without permission: caiwu cannot read or write the flow of 物资采购; shenji cannot write', async () => {
        const caiwu = await as(srv, 'caiwu');
        const shenji = await as(srv, 'shenji');
        const before = await flowOf(jiwei, wz.id);
        for (const suffix of ['flow', 'flow.bpmn', 'flow.svg', 'flow.pnml']) expectError(await caiwu.get(`/powers/${wz.id}/${suffix}`), 404);
        const r = await putXml(caiwu, `/powers/${wz.id}/flow`, original);
        assert.ok(r.status === 403 || r.status === 404, `caiwu PUT flow: ${r.status} ${JSON.stringify(r.body)}`);
        expectError(r, r.status);
        expectError(await putXml(caiwu, `/powers/${wz.id}/net`, (await download(jiwei, `/powers/${wz.id}/flow.pnml`)).text), r.status);
        assert.deepEqual((await flowOf(shenji, wz.id)).steps, before.steps, 'the auditor reads the flow');
        expectError(await putXml(shenji, `/powers/${wz.id}/flow`, original), 403, 'auth.forbidden');
        assert.deepEqual(await flowOf(jiwei, wz.id), before);
        // the liaison of 资产与采购管理处 may upload it
        const lianluo = await as(srv, 'lianluo');
        assert.equal((await putXml(lianluo, `/powers/${wz.id}/flow`, original)).status, 200);
      });

      it('without the CSRF token → 403 auth.csrf_missing', async () => {
        const v = await versionOf(wz.id);
        const res = await fetch(`${jiwei.base}/api/v1/powers/${wz.id}/flow`, { method: 'PUT', body: original, headers: { cookie: jiwei.cookie, 'content-type': 'application/xml' } });
        assert.equal(res.status, 403);
        assert.equal((await res.json()).error.code, 'auth.csrf_missing');
        assert.equal(await versionOf(wz.id), v);
      });
    });

    describe('Camunda-style BPMN (lanes named like posts, no lf extensions)', () => {
      it('is accepted; each task takes the post of its lane, the timer boundary event gives the time limit', async () => {
        const p = expectCreated(await jiwei.post('/powers', { department_id: org.college('财务处').id, name: '预算调整', category: '执行权', status: 'draft' }));
        expectError(await jiwei.get(`/powers/${p.id}/flow`), 404, 'flow.not_found');
        const r = await putXml(jiwei, `/powers/${p.id}/flow`, CAMUNDA_LANES);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const flow = await flowOf(jiwei, p.id);
        assert.deepEqual(flow, r.body);
        assert.deepEqual(stepNames(flow).slice().sort(), ['填报调整申请', '预算审核', '资金调拨'].sort());
        const want = { 填报调整申请: '会计', 预算审核: '预算管理员', 资金调拨: '出纳' };
        for (const [step, postName] of Object.entries(want)) {
          const s = byName(flow, step);
          assert.equal(s.post_id, post('财务处', postName).id, `${step} → ${postName}`);
          assert.equal(s.post_name, postName);
          assert.equal(s.lane, postName);
        }
        assert.equal(byName(flow, '预算审核').time_limit_days, 3, 'P3D timer');
        assert.equal(byName(flow, '填报调整申请').time_limit_days, null);
        assert.deepEqual(flow.lanes.slice().sort(), ['会计', '预算管理员', '出纳'].sort());
        for (const n of Object.keys(want)) assert.ok(flow.net.labels.includes(n), `net labels ${n}`);
        assert.equal((await jiwei.get(`/powers/${p.id}`)).body.has_flow, true);
        const stored = (await download(jiwei, `/powers/${p.id}/flow.bpmn`)).text;
        assert.ok(stored.includes('Activity_review') && stored.includes('预算管理员'), 'the stored document is the upload');
        assert.ok((await download(jiwei, `/powers/${p.id}/flow.svg`)).text.includes('资金调拨'));
      });

      it('a lane named like no post of the unit → flow.invalid (no_post or unknown_post) on the task', async () => {
        const p = expectCreated(await jiwei.post('/powers', { department_id: org.college('财务处').id, name: '预算调整（错岗）', category: '执行权', status: 'draft' }));
        const r = await putXml(jiwei, `/powers/${p.id}/flow`, CAMUNDA_LANES.replace('name="出纳"', 'name="司库"'));
        expectError(r, 400, 'flow.invalid');
        assert.ok(r.body.issues.some((i) => ['flow.no_post', 'flow.unknown_post'].includes(i.code) && i.element === 'Activity_pay'), JSON.stringify(r.body.issues));
        expectError(await jiwei.get(`/powers/${p.id}/flow`), 404, 'flow.not_found');
        assert.equal((await jiwei.get(`/powers/${p.id}`)).body.has_flow, false);
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });
    });

    describe('camunda:assignee', () => {
      it('a task in no lane takes the post named by its camunda:assignee', async () => {
        const p = expectCreated(await jiwei.post('/powers', { department_id: org.college('财务处').id, name: '预算调整（指派）', category: '执行权', status: 'draft' }));
        const xml = CAMUNDA_LANES.replace('<bpmn:flowNodeRef>Activity_pay</bpmn:flowNodeRef>', '')
          .replace('<bpmn:userTask id="Activity_pay" name="资金调拨">', '<bpmn:userTask id="Activity_pay" name="资金调拨" camunda:assignee="收费管理员">');
        assert.notEqual(xml, CAMUNDA_LANES);
        const r = await putXml(jiwei, `/powers/${p.id}/flow`, xml);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const s = byName(r.body, '资金调拨');
        assert.equal(s.post_id, post('财务处', '收费管理员').id);
        assert.equal(s.post_name, '收费管理员');
        assert.equal(byName(r.body, '预算审核').post_name, '预算管理员', 'the others still follow their lanes');
      });
    });

    describe('Petri nets (PNML)', () => {
      it('PUT /net stores an uploaded net, and flow.pnml returns it instead of the compiled one', async () => {
        const wz = power('物资采购');
        const compiled = (await download(jiwei, `/powers/${wz.id}/flow.pnml`)).text;
        assert.ok(!compiled.includes('物资采购（监测网）'));
        const uploaded = compiled.replace(/<text>物资采购<\/text>/, '<text>物资采购（监测网）</text>');
        assert.notEqual(uploaded, compiled, 'the net has a name to change');
        const r = await putXml(jiwei, `/powers/${wz.id}/net`, uploaded);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const back = await download(jiwei, `/powers/${wz.id}/flow.pnml`);
        assert.equal(back.status, 200);
        assert.equal(back.text, uploaded, 'flow.pnml is the uploaded net');
        // the flow itself is untouched
        assert.equal((await flowOf(jiwei, wz.id)).steps.length, 9);
      });

      it('not XML → 400 pnml.not_xml; a power without a flow → 404 flow.not_found', async () => {
        const sg = power('建设工程施工许可');
        const before = (await download(jiwei, `/powers/${sg.id}/flow.pnml`)).text;
        expectError(await putXml(jiwei, `/powers/${sg.id}/net`, 'not a net'), 400, 'pnml.not_xml');
        assert.equal((await download(jiwei, `/powers/${sg.id}/flow.pnml`)).text, before);
        const p = expectCreated(await jiwei.post('/powers', { department_id: org.college('财务处').id, name: '无流程无网', category: '其他', status: 'draft' }));
        expectError(await putXml(jiwei, `/powers/${p.id}/net`, before), 404, 'flow.not_found');
        expectError(await jiwei.get(`/powers/${p.id}/flow.pnml`), 404, 'flow.not_found');
        expectDeleted(await jiwei.del(`/powers/${p.id}`));
      });
    });
  });
}
