// Counts over the catalogue (GET /powers/summary), the has_flow filter and step counts (docs/api.md: Powers):
// what a dashboard or the flows page shows must agree with the list it summarises, within the caller's scope.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectOk, expectCreated, listAll, demoOrg, uniq } from './_util.mjs';

for (const backend of backends()) {
  describe(`powers summary [${backend}]`, () => {
    let srv, jiwei, caiwu, org;
    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      caiwu = await as(srv, 'caiwu');
      org = await demoOrg(jiwei);
    });
    after(async () => { await srv?.stop(); });

    it('the counts equal what the list holds, by category and status, for the caller\'s scope', async () => {
      for (const c of [jiwei, caiwu]) {
        const all = await listAll(c, '/powers');
        const s = expectOk(await c.get('/powers/summary'));
        assert.equal(s.total, all.length);
        assert.equal(s.with_flow, all.filter((p) => p.has_flow).length);
        const byCat = {};
        for (const p of all) byCat[p.category] = (byCat[p.category] ?? 0) + 1;
        assert.deepEqual(Object.fromEntries(s.by_category.map((x) => [x.category, x.count])), byCat);
        assert.equal(s.by_status.reduce((n, x) => n + x.count, 0), all.length);
      }
      const college = expectOk(await jiwei.get(`/powers/summary?unit_id=${org.units.ZYXY.id}`));
      assert.ok(college.total > 0 && college.total < expectOk(await jiwei.get('/powers/summary')).total);
    });

    it('has_flow splits the list, and step_count is the number of the flow\'s steps', async () => {
      const all = await listAll(jiwei, '/powers');
      const drawn = await listAll(jiwei, '/powers?has_flow=true');
      const blank = await listAll(jiwei, '/powers?has_flow=false');
      assert.equal(drawn.length + blank.length, all.length);
      assert.ok(drawn.every((p) => p.has_flow && p.step_count > 0));
      const buy = drawn.find((p) => p.name === '物资采购');
      const flow = expectOk(await jiwei.get(`/powers/${buy.id}/flow`));
      assert.equal(buy.step_count, flow.steps.length);
      for (const step of flow.steps) for (const l of step.limits) assert.ok(l.post_name && l.post_name !== l.post, `limit post named: ${JSON.stringify(l)}`);

      const created = expectCreated(await jiwei.post('/powers', {
        department_id: org.college('财务处').id, name: uniq('无流程职权'), status: 'draft',
      }));
      assert.equal(created.has_flow, false);
      assert.equal(created.step_count, 0);
      assert.ok((await listAll(jiwei, '/powers?has_flow=false')).some((p) => p.id === created.id));
    });
  });
}
