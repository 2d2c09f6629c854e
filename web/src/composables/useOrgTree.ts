// The unit and department tree of the user's scope, shared by the org, people and users pages.
import { computed, ref, shallowRef } from 'vue';
import { departmentApi, unitApi } from '@/api/org';
import type { Department, Unit } from '@/api/types';
import { notifyError } from './feedback';

export interface OrgNode {
  /** `u<id>` for a unit, `d<id>` for a department. */
  key: string;
  label: string;
  kind: 'unit' | 'department';
  id: number;
  unitId: number;
  children: OrgNode[];
  unit?: Unit;
  department?: Department;
}

export const unitKey = (id: number) => `u${id}`;
export const departmentKey = (id: number) => `d${id}`;

function bySortThenName<T extends { sort: number; name: string }>(a: T, b: T): number {
  return a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN');
}

/** Departments of one unit as a forest: a department whose parent is not visible becomes a root. */
function departmentForest(unitId: number, departments: Department[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  const sorted = [...departments].sort(bySortThenName);
  for (const d of sorted) {
    nodes.set(d.id, { key: departmentKey(d.id), label: d.name, kind: 'department', id: d.id, unitId, children: [], department: d });
  }
  const roots: OrgNode[] = [];
  for (const d of sorted) {
    const node = nodes.get(d.id)!;
    const parent = d.parent_id != null ? nodes.get(d.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function buildOrgTree(units: Unit[], departmentsByUnit: Map<number, Department[]>): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  const sorted = [...units].sort(bySortThenName);
  for (const u of sorted) {
    nodes.set(u.id, {
      key: unitKey(u.id), label: u.name, kind: 'unit', id: u.id, unitId: u.id,
      children: departmentForest(u.id, departmentsByUnit.get(u.id) ?? []), unit: u,
    });
  }
  const roots: OrgNode[] = [];
  for (const u of sorted) {
    const node = nodes.get(u.id)!;
    const parent = u.parent_id != null ? nodes.get(u.parent_id) : undefined;
    (parent ? parent.children : roots).push(node); // child units follow the unit's own departments
  }
  return roots;
}

export function useOrgTree() {
  const units = shallowRef<Unit[]>([]);
  const departments = shallowRef<Department[]>([]);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = (await unitApi.list()).items;
      const perUnit = await Promise.all(list.map((u) => departmentApi.listAll(u.id)));
      units.value = list;
      departments.value = perUnit.flat();
    } catch (err) {
      notifyError(err);
    } finally {
      loading.value = false;
    }
  }

  const tree = computed(() => {
    const byUnit = new Map<number, Department[]>();
    for (const d of departments.value) {
      const list = byUnit.get(d.unit_id) ?? [];
      list.push(d);
      byUnit.set(d.unit_id, list);
    }
    return buildOrgTree(units.value, byUnit);
  });

  /** Units only, nested, for a unit picker. */
  const unitTree = computed(() => buildOrgTree(units.value, new Map()));

  function departmentsOf(unitId: number): OrgNode[] {
    return departmentForest(unitId, departments.value.filter((d) => d.unit_id === unitId));
  }

  /** The unit a page about one unit opens on: the user's own, else the first unit below the top, else the first. */
  function defaultUnitId(scopeUnitId: number | null | undefined): number | null {
    return scopeUnitId ?? units.value.find((u) => u.parent_id != null)?.id ?? units.value[0]?.id ?? null;
  }

  const unitById = computed(() => new Map(units.value.map((u) => [u.id, u])));
  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));

  return { units, departments, loading, load, tree, unitTree, departmentsOf, defaultUnitId, unitById, departmentById };
}
