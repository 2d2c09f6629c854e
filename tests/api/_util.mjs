// Shared helpers for the API tests (not a test file itself: node --test only picks up *.test.mjs).
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';

export const PASSWORD = 'Lianfang@2026';

// A logged-in client for one of the demo accounts; fails the test when the login does not succeed.
export async function as(srv, username, password = PASSWORD) {
  const c = new Client(srv.url);
  const r = await c.login(username, password);
  assert.equal(r.status, 200, `login as ${username}: ${JSON.stringify(r.body)}`);
  assert.ok(c.csrf, `login as ${username} returned no csrf_token`);
  return c;
}

// Asserts the contract's error envelope: status, error.code, both messages non-empty, and error.field when given.
export function expectError(res, status, code, field) {
  const ctx = `expected ${status} ${code ?? ''} ${field ? `field=${field}` : ''}, got ${res.status} ${JSON.stringify(res.body)}`;
  assert.equal(res.status, status, ctx);
  assert.ok(res.body && typeof res.body.error === 'object' && res.body.error !== null, `no error object: ${ctx}`);
  const e = res.body.error;
  if (code !== undefined) assert.equal(e.code, code, ctx);
  else assert.ok(typeof e.code === 'string' && e.code.length > 0, `error.code empty: ${ctx}`);
  assert.ok(typeof e.message === 'string' && e.message.trim().length > 0, `error.message empty: ${ctx}`);
  assert.ok(typeof e.message_en === 'string' && e.message_en.trim().length > 0, `error.message_en empty: ${ctx}`);
  if (field !== undefined) assert.equal(e.field, field, ctx);
  return e;
}

export function expectOk(res, what = '') {
  assert.ok(res.status === 200 || res.status === 201, `${what}: expected 200/201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// A successful create: 201 with the created object, which has a numeric id (docs/api.md: Conventions).
export function expectCreated(res, what = 'create') {
  assert.equal(res.status, 201, `${what}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  const b = res.body;
  assert.ok(b && Number.isInteger(b.id) && b.id > 0, `${what}: no numeric id in ${JSON.stringify(b)}`);
  return b;
}

// A successful delete: 200 or 204.
export function expectDeleted(res, what = 'delete') {
  assert.ok(res.status === 200 || res.status === 204, `${what}: expected 200/204, got ${res.status} ${JSON.stringify(res.body)}`);
}

const sep = (p) => (p.includes('?') ? '&' : '?');

// `total` of a list endpoint as seen by `c`.
export async function total(c, path) {
  const r = await c.get(`${path}${sep(path)}page=1&size=1`);
  assert.equal(r.status, 200, `GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  assert.ok(Number.isInteger(r.body.total), `GET ${path}: total is not an integer: ${JSON.stringify(r.body)}`);
  return r.body.total;
}

// Every item of a paged list (500 a page), checking that the pages add up to `total`.
export async function listAll(c, path) {
  const items = [];
  let expected = null;
  for (let page = 1; page < 1000; page++) {
    const r = await c.get(`${path}${sep(path)}page=${page}&size=500`);
    assert.equal(r.status, 200, `GET ${path} page ${page}: ${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(Array.isArray(r.body.items), `GET ${path}: items is not an array`);
    expected ??= r.body.total;
    items.push(...r.body.items);
    if (r.body.items.length < 500) break;
  }
  assert.equal(items.length, expected, `GET ${path}: pages hold ${items.length} items, total says ${expected}`);
  return items;
}

// Looks up the demo organisation as `c` (a whole-city user): units by code, departments of a unit by name.
export async function demoOrg(c) {
  const r = await c.get('/units');
  assert.equal(r.status, 200, `GET /units: ${JSON.stringify(r.body)}`);
  const units = Object.fromEntries(r.body.items.map((u) => [u.code, u]));
  for (const code of ['SJW', 'ZYXY', 'XZSPJ']) assert.ok(units[code], `demo unit ${code} missing: ${JSON.stringify(r.body.items)}`);
  const deptsOf = async (unitId) => {
    const list = await listAll(c, `/departments?unit_id=${unitId}`);
    for (const d of list) assert.equal(d.unit_id, unitId, `GET /departments?unit_id=${unitId} returned ${JSON.stringify(d)}`);
    return list;
  };
  const collegeDepts = await deptsOf(units.ZYXY.id);
  const bureauDepts = await deptsOf(units.XZSPJ.id);
  const byName = (list, name) => {
    const found = list.filter((d) => d.name === name);
    assert.equal(found.length, 1, `expected one department named ${name}, found ${found.length}`);
    return found[0];
  };
  const college = (name) => byName(collegeDepts, name);
  return { units, collegeDepts, bureauDepts, college };
}

// The ids of `rootId` and every department below it in `depts`.
export function subtreeIds(depts, rootId) {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of depts) if (d.parent_id !== null && ids.has(d.parent_id) && !ids.has(d.id)) { ids.add(d.id); grew = true; }
  }
  return ids;
}

// A name no demo object has, so that `q=` finds only what the test made.
export function uniq(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
