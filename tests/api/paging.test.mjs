// Paging and filters of the list endpoints (docs/api.md: Conventions — Lists; Posts).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../lib/server.mjs';
import { as, expectError, total, listAll } from './_util.mjs';

const KEYS = ['people', 'money', 'goods', 'approval', 'enforcement'];

for (const backend of backends()) {
  describe(`paging [${backend}]`, () => {
    let srv, jiwei, all;
    before(async () => {
      srv = await startServer({ backend });
      jiwei = await as(srv, 'jiwei');
      all = await listAll(jiwei, '/posts');
    });
    after(async () => { await srv?.stop(); });

    it('the demo has enough posts to page through', () => {
      assert.ok(all.length >= 50, `demo posts: ${all.length}`);
    });

    it('default page is 1 and default size is 20', async () => {
      const r = await jiwei.get('/posts');
      assert.equal(r.status, 200);
      assert.equal(r.body.page, 1);
      assert.equal(r.body.size, 20);
      assert.equal(r.body.total, all.length);
      assert.equal(r.body.items.length, Math.min(20, all.length));
      assert.deepEqual(r.body.items.map((p) => p.id), all.slice(0, 20).map((p) => p.id));
    });

    it('size=7 pages through every post once: no duplicates, no gaps, consistent totals', async () => {
      const seen = [];
      const pages = Math.ceil(all.length / 7);
      for (let page = 1; page <= pages; page++) {
        const r = await jiwei.get(`/posts?page=${page}&size=7`);
        assert.equal(r.status, 200);
        assert.equal(r.body.total, all.length, `total on page ${page}`);
        assert.equal(r.body.page, page);
        assert.equal(r.body.size, 7);
        const expectLen = page < pages ? 7 : all.length - 7 * (pages - 1);
        assert.equal(r.body.items.length, expectLen, `items on page ${page}`);
        seen.push(...r.body.items.map((p) => p.id));
      }
      assert.equal(new Set(seen).size, seen.length, 'a post appeared on two pages');
      assert.deepEqual(seen, all.map((p) => p.id), 'size=7 pages and size=500 pages list the same posts in the same order');
    });

    it('a page beyond the end is empty and still carries the total', async () => {
      const beyond = Math.ceil(all.length / 7) + 1;
      const r = await jiwei.get(`/posts?page=${beyond}&size=7`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.items, []);
      assert.equal(r.body.total, all.length);
      assert.equal(r.body.page, beyond);
      const far = await jiwei.get('/posts?page=100000&size=20');
      assert.equal(far.status, 200);
      assert.deepEqual(far.body.items, []);
      assert.equal(far.body.total, all.length);
    });

    it('size=500 is allowed; size=501 → 400 with field size', async () => {
      const ok = await jiwei.get('/posts?size=500');
      assert.equal(ok.status, 200);
      assert.equal(ok.body.size, 500);
      for (const path of ['/posts?size=501', '/people?size=501', '/departments?size=501', '/assignments?size=501', '/audit?size=501']) {
        expectError(await jiwei.get(path), 400, undefined, 'size');
      }
    });

    it('nonsense paging parameters → 400, not a server error', async () => {
      expectError(await jiwei.get('/posts?size=0'), 400, undefined, 'size');
      expectError(await jiwei.get('/posts?size=abc'), 400, undefined, 'size');
      expectError(await jiwei.get('/posts?page=0'), 400, undefined, 'page');
      expectError(await jiwei.get('/posts?page=-1'), 400, undefined, 'page');
    });

    it('tier=leader returns only leader posts; the three tiers add up to the total', async () => {
      const leaders = await listAll(jiwei, '/posts?tier=leader');
      assert.ok(leaders.length > 0, 'the demo has leader posts');
      for (const p of leaders) assert.equal(p.tier, 'leader', JSON.stringify(p));
      assert.deepEqual(leaders.map((p) => p.id), all.filter((p) => p.tier === 'leader').map((p) => p.id));
      const middle = await total(jiwei, '/posts?tier=middle');
      const staff = await total(jiwei, '/posts?tier=staff');
      assert.ok(middle > 0 && staff > 0);
      assert.equal(leaders.length + middle + staff, all.length);
      expectError(await jiwei.get('/posts?tier=boss'), 400, undefined, 'tier');
    });

    it('key=money returns exactly the posts flagged money', async () => {
      const money = await listAll(jiwei, '/posts?key=money');
      assert.ok(money.length > 0, 'the demo has money posts');
      assert.ok(money.length < all.length, 'not every demo post handles money');
      for (const p of money) assert.ok(p.keys.includes('money'), JSON.stringify(p));
      assert.deepEqual(money.map((p) => p.id), all.filter((p) => p.keys.includes('money')).map((p) => p.id));
      for (const k of KEYS) {
        assert.equal(await total(jiwei, `/posts?key=${k}`), all.filter((p) => p.keys.includes(k)).length, `key=${k}`);
      }
      expectError(await jiwei.get('/posts?key=gold'), 400, undefined, 'key');
    });

    it('filters combine and page: tier=leader&key=money with size=2', async () => {
      const want = all.filter((p) => p.tier === 'leader' && p.keys.includes('money')).map((p) => p.id);
      const got = [];
      for (let page = 1; page <= Math.ceil(want.length / 2) + 1; page++) {
        const r = await jiwei.get(`/posts?tier=leader&key=money&page=${page}&size=2`);
        assert.equal(r.status, 200);
        assert.equal(r.body.total, want.length);
        got.push(...r.body.items.map((p) => p.id));
      }
      assert.deepEqual(got, want);
    });

    it('people page the same way', async () => {
      const people = await listAll(jiwei, '/people');
      assert.ok(people.length >= 100, `demo people: ${people.length}`);
      const seen = [];
      for (let page = 1; page <= Math.ceil(people.length / 7); page++) {
        const r = await jiwei.get(`/people?page=${page}&size=7`);
        assert.equal(r.body.total, people.length);
        seen.push(...r.body.items.map((p) => p.id));
      }
      assert.deepEqual(seen, people.map((p) => p.id));
    });
  });
}
