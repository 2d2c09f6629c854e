// Electronic monitoring in the server (电子监察): ingest tokens; POST /events with NDJSON, durable before the 202
// and all-or-nothing (a bad line names its line and field and stores nothing); a unit's rules (checked by the
// engine, tied to risk points) turning findings into warnings with the events as evidence; the rules page's hit
// counts; and a restart in the middle of a case that neither loses nor repeats a finding. (docs/api.md: Monitoring.)
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, spawnServer, backends } from '../lib/server.mjs';
import { as, expectError, expectCreated, expectOk, listAll, demoOrg } from './_util.mjs';

const RULES = {
  timezone: '+08:00',
  rules: [
    { code: 'T-PAY', kind: 'precedence', name: '付款前须经验收', level: 'red', activity: '付款', requires: ['验收'] },
    { code: 'T-SOD', kind: 'separation', name: '申请人不得验收', activities: ['申请', '验收'] },
    { code: 'T-FLOW', kind: 'flow', name: '物资采购流程顺序', model: 'power:ZYXY-001' },
  ],
};

async function post(srv, token, body) {
  const headers = { 'content-type': 'application/x-ndjson' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${srv.url}/api/v1/events`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json().catch(() => null) };
}
const line = (o) => JSON.stringify({ source: 'oa', power: 'wzcg', ...o });
const ndjson = (...events) => events.map(line).join('\n') + '\n';

// The warnings the rules raised, once the worker has caught up with `received` events.
async function ruleWarnings(c, zy, received) {
  for (let i = 0; i < 100; i++) {
    const s = expectOk(await c.get(`/monitor/status?unit_id=${zy}`));
    if (s.processed >= received) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return listAll(c, `/warnings?source=rule&unit_id=${zy}`);
}

for (const backend of backends()) {
  describe(`monitoring [${backend}]`, () => {
    const store = freshStore(backend);
    let server;
    after(async () => { await server?.stop(); store.drop(); });

    it('ingest, rules and warnings, across a restart', async () => {
      server = await spawnServer(store.db);
      let jiwei = await as(server, 'jiwei');
      const caiwu = await as(server, 'caiwu');
      const org = await demoOrg(jiwei);
      const zy = org.units.ZYXY.id;
      const demoRuleWarnings = (await listAll(jiwei, `/warnings?source=rule&unit_id=${zy}`)).length;

      // tokens: the office makes them, a department head cannot; the secret is shown once
      expectError(await caiwu.post('/ingest-tokens', { unit_id: zy, name: '财务系统' }), 403);
      const tok = expectCreated(await jiwei.post('/ingest-tokens', { unit_id: zy, name: '采购系统' }));
      assert.match(tok.token, /^lft_/);
      assert.ok(!(expectOk(await jiwei.get(`/ingest-tokens?unit_id=${zy}`)).items.some((t) => 'token' in t)), 'never listed again');

      // rules: checked by the engine; one tied to a risk point of the unit
      const risk = (await listAll(jiwei, `/risks?unit_id=${zy}&power_id=1`)).find((r) => r.post_id) ??
        (await listAll(jiwei, `/risks?unit_id=${zy}`)).find((r) => r.post_id);
      expectError(await jiwei.put(`/monitor-rules?unit_id=${zy}`, { rules: [{ code: 'X', kind: 'psychic', name: 'x' }] }), 400, 'rules.kind_unknown');
      expectError(await jiwei.put(`/monitor-rules?unit_id=${zy}`, { rules: [{ code: 'F', kind: 'flow', name: 'f', model: 'power:NOPE' }] }), 400, 'monitor.model_invalid');
      expectError(await caiwu.put(`/monitor-rules?unit_id=${zy}`, RULES), 403);
      const rules = { ...RULES, rules: RULES.rules.map((r) => (r.code === 'T-PAY' ? { ...r, risk_id: risk.id } : r)) };
      const set = expectOk(await jiwei.put(`/monitor-rules?unit_id=${zy}`, rules));
      assert.deepEqual(set.items.map((r) => r.code), ['T-PAY', 'T-SOD', 'T-FLOW']);

      // a bad batch stores nothing and names the line and field
      const before = expectOk(await jiwei.get(`/monitor/status?unit_id=${zy}`)).received;
      assert.equal((await post(server, '', ndjson({ case_id: 'C1', activity: '申请', time: '2026-11-02T09:00:00+08:00' }))).status, 401);
      assert.equal((await post(server, 'lft_wrong', ndjson({ case_id: 'C1', activity: '申请', time: '2026-11-02T09:00:00+08:00' }))).status, 401);
      const bad = await post(server, tok.token, line({ case_id: 'C1', activity: '申请', time: '2026-11-02T09:00:00+08:00', actor: '王五' }) + '\n' +
        line({ case_id: 'C1', time: '2026-11-02T10:00:00+08:00' }) + '\n');
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.equal(bad.body.error.field, 'activity');
      assert.ok(bad.body.error.message.includes('第 2 行'), bad.body.error.message);
      assert.ok(bad.body.error.message_en.includes('Line 2'));
      assert.equal(expectOk(await jiwei.get(`/monitor/status?unit_id=${zy}`)).received, before, 'nothing stored');

      // a purchase paid before acceptance, out of the flow's order; the applicant starts a second case
      const ok = await post(server, tok.token, ndjson(
        { case_id: 'CG-1', activity: '申请', time: '2026-11-02T09:00:00+08:00', actor: '王五', amount: 12000 },
        { case_id: 'CG-1', activity: '部门审核', time: '2026-11-02T11:00:00+08:00', actor: '赵六' },
        { case_id: 'CG-1', activity: '付款', time: '2026-11-03T10:00:00+08:00', actor: '钱七', amount: 12000 },
        { case_id: 'CG-2', activity: '申请', time: '2026-11-04T09:00:00+08:00', actor: '孙八' },
      ));
      assert.equal(ok.status, 202, JSON.stringify(ok.body));
      assert.deepEqual(ok.body, { accepted: 4 });
      let found = await ruleWarnings(jiwei, zy, before + 4);
      const mine = found.length - demoRuleWarnings;
      const pay = found.find((w) => w.source_ref === 'T-PAY');
      assert.ok(pay, `a precedence warning: ${found.map((w) => w.source_ref)}`);
      assert.equal(pay.level, 'alarm', 'a red card is an alarm');
      assert.deepEqual(pay.risks.map((r) => r.id), [risk.id], 'tied to the rule\'s risk point');
      assert.ok(pay.situation.includes('CG-1'));
      const ev = pay.evidence[0];
      assert.equal(ev.case_id, 'CG-1');
      assert.equal(ev.event.activity, '付款');
      assert.equal(ev.event.actor, '钱七');
      assert.ok(found.some((w) => w.source_ref === 'T-FLOW'), 'the flow rule finds the payment out of order');

      // restart: nothing is found twice; the second case continues from the saved state
      await server.stop();
      server = await spawnServer(store.db, { demo: false });
      jiwei = await as(server, 'jiwei');
      found = await ruleWarnings(jiwei, zy, before + 4);
      assert.equal(found.length - demoRuleWarnings, mine, 'no finding repeated after the restart');
      const next = await post(server, tok.token, ndjson(
        { case_id: 'CG-2', activity: '部门审核', time: '2026-11-04T11:00:00+08:00', actor: '赵六' },
        { case_id: 'CG-2', activity: '采购方式确定', time: '2026-11-05T09:00:00+08:00', actor: '赵六' },
        { case_id: 'CG-2', activity: '询价', time: '2026-11-05T10:00:00+08:00', actor: '赵六' },
        { case_id: 'CG-2', activity: '合同签订', time: '2026-11-06T10:00:00+08:00', actor: '赵六', amount: 8000 },
        { case_id: 'CG-2', activity: '验收', time: '2026-11-10T10:00:00+08:00', actor: '孙八' },
      ));
      assert.equal(next.status, 202);
      found = await ruleWarnings(jiwei, zy, before + 9);
      const sod = found.filter((w) => w.source_ref === 'T-SOD');
      assert.equal(sod.length, 1, 'the applicant of before the restart accepted the goods: one SoD finding');
      assert.ok(sod[0].evidence[0].case_id === 'CG-2');

      // the rules page counts hits
      const page = expectOk(await jiwei.get(`/monitor-rules?unit_id=${zy}`)).items;
      const hits = Object.fromEntries(page.map((r) => [r.code, r.hits]));
      assert.equal(hits['T-PAY'], 1);
      assert.equal(hits['T-SOD'], 1);
      assert.ok(hits['T-FLOW'] >= 1);
      assert.equal(page.find((r) => r.code === 'T-PAY').check, 'PRECEDENCE');
      // switching a rule off is recorded
      const off = expectOk(await jiwei.put(`/monitor-rules/${page[1].id}`, { enabled: false }));
      assert.equal(off.enabled, false);
    });
  });
}

// Time limits fire from the server's clock, with no further event: a purchase applied for on Friday 25 September
// 2026 and never reviewed. Its 3-working-day review limit ends with Wednesday 30 September (a reminder when that
// day begins, the yellow card when it is over); the 2 follow-up working days skip the National Day holiday (1–7
// October) and end with Friday 9 October, after which the red card. No event arrives after the application.
describe('monitoring: a time limit fires from the clock [sqlite]', () => {
  it('reminder on the due day, yellow after it, red after the follow-up days across the holiday', async () => {
    const store = freshStore('sqlite');
    let server;
    const at = async (now, demo = false) => {
      await server?.stop();
      server = await spawnServer(store.db, { demo, extraArgs: ['--now', now] });
      return as(server, 'jiwei');
    };
    try {
      let c = await at('2026-09-25T02:00:00Z', true);
      const zy = (await demoOrg(c)).units.ZYXY.id;
      expectOk(await c.put(`/monitor-rules?unit_id=${zy}`, { rules: [
        { code: 'T-REVIEW', kind: 'time', name: '部门审核时限', from: '申请', to: '部门审核', working_days: 3, follow_up_days: 2 }] }));
      const tok = expectCreated(await c.post('/ingest-tokens', { unit_id: zy, name: '采购系统' }));
      const sent = await post(server, tok.token, ndjson({ case_id: 'CG-T1', activity: '申请', time: '2026-09-25T09:00:00+08:00', actor: '王五' }));
      assert.equal(sent.status, 202);
      const received = expectOk(await c.get(`/monitor/status?unit_id=${zy}`)).received;
      const cards = async () => (await ruleWarnings(c, zy, received)).filter((w) => w.source_ref === 'T-REVIEW').map((w) => w.level).sort();
      assert.deepEqual(await cards(), [], 'nothing due yet');
      c = await at('2026-09-29T10:00:00Z');
      assert.deepEqual(await cards(), [], 'the day before the due day (18:00 in Beijing): nothing yet');
      c = await at('2026-09-30T03:00:00Z');
      assert.deepEqual(await cards(), ['reminder'], 'the due day: a reminder, from the clock alone');
      c = await at('2026-10-01T03:00:00Z');
      assert.deepEqual(await cards(), ['reminder', 'warning'], 'the due day over: yellow');
      c = await at('2026-10-09T03:00:00Z');
      assert.deepEqual(await cards(), ['reminder', 'warning'], 'the holiday does not count: the follow-up runs to 9 October');
      c = await at('2026-10-10T03:00:00Z');
      const ws = (await ruleWarnings(c, zy, received)).filter((w) => w.source_ref === 'T-REVIEW');
      assert.equal(ws.length, 3, 'three cards, each once');
      const red = ws.find((w) => w.level === 'alarm' && w.escalations === 0);
      assert.ok(red, 'red after the follow-up days');
      // the yellow card's warning, unsigned for two working days, has meanwhile been escalated like any other
      assert.ok(ws.some((w) => w.escalations === 1));
      assert.equal(red.evidence[0].case_id, 'CG-T1');
      assert.equal(red.evidence[0].event.activity, '申请', 'the evidence is the event that started the interval');
    } finally {
      await server?.stop();
      store.drop();
    }
  });
});
