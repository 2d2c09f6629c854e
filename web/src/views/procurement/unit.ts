// The unit the procurement pages are about: one choice shared by 采购项目, 供应商, 采购人 and 监测设置 while the user
// moves between them, kept in the address (?unit_id=) so that a page can be reloaded or linked to.
import { computed, onMounted, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { Page } from '@/api/types';
import { useSessionStore } from '@/stores/session';
import { useOrgTree } from '@/composables/useOrgTree';
import { usePagedList } from '@/composables/usePagedList';

const chosen = ref<number | null>(null);
/** Whose choice it is: another login starts afresh. */
let chosenBy: number | null = null;

export function useProcurementUnit() {
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();
  const org = useOrgTree();
  const me = session.user?.id ?? null;
  if (chosenBy !== me) {
    chosen.value = null;
    chosenBy = me;
  }
  const asked = () => Number(route.query.unit_id) || null;
  chosen.value = asked() ?? chosen.value;

  onMounted(async () => {
    await org.load();
    chosen.value ??= org.defaultUnitId(session.user?.scope.unit_id);
  });
  watch(asked, (id) => {
    if (id != null) chosen.value = id;
  });
  watch(chosen, (id) => {
    if (id != null && asked() !== id) void router.replace({ query: { ...route.query, unit_id: String(id) } });
  }, { immediate: true });

  const unitName = computed(() => (chosen.value != null ? org.unitById.value.get(chosen.value)?.name ?? '' : ''));
  return { unitId: chosen, unitName, org };
}

/** A server-paged list of one unit's data: empty while no unit is chosen, back to page 1 when another one is. */
export function useUnitPagedList<T>(unitId: Ref<number | null>, fetch: (unitId: number, page: number, size: number) => Promise<Page<T>>) {
  const list = usePagedList<T>((page, size) => (unitId.value == null
    ? Promise.resolve({ items: [], total: 0, page, size })
    : fetch(unitId.value, page, size)));
  watch(unitId, () => void list.reload());
  onMounted(() => void list.load());
  return list;
}

/** A supplier's or a buyer's page: the unit (?unit_id=) and the id (route parameter `param`) from the address, and the
 * way back to the list (`list`, the route's name) of the same unit. */
export function usePartyAddress(param: 'party' | 'buyer', list: string) {
  const route = useRoute();
  const unitId = computed(() => Number(route.query.unit_id) || null);
  const id = computed(() => String(route.params[param] ?? ''));
  const backTo = computed(() => ({ name: list, query: unitId.value != null ? { unit_id: String(unitId.value) } : {} }));
  return { unitId, id, backTo };
}
