// A server-paged table: page, size, total, rows, and a loader that reports errors.
import { computed, ref } from 'vue';
import type { Page } from '@/api/types';
import { useLatest } from './useLatest';

export const PAGE_SIZES = [20, 50, 100];

export function usePagedList<T>(fetchPage: (page: number, size: number) => Promise<Page<T>>) {
  const page = ref(1);
  const size = ref(PAGE_SIZES[0]);
  const latest = useLatest(() => fetchPage(page.value, size.value));
  const rows = computed<T[]>(() => latest.data.value?.items ?? []);
  const total = computed(() => latest.data.value?.total ?? 0);

  async function load(): Promise<void> {
    await latest.load();
    // The last page may have emptied (after a delete): step back once.
    const res = latest.data.value;
    if (res && res.items.length === 0 && res.total > 0 && page.value > 1) {
      page.value = Math.max(1, Math.ceil(res.total / size.value));
      await latest.load();
    }
  }

  /** Back to page 1 (after a filter changed) and load. */
  function reload(): Promise<void> {
    page.value = 1;
    return load();
  }

  return { rows, total, page, size, loading: latest.loading, load, reload };
}

export type PagedList<T = unknown> = ReturnType<typeof usePagedList<T>>;
