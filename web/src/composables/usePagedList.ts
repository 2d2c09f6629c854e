// A server-paged table: page, size, total, rows, and a loader that reports errors.
import { ref, shallowRef } from 'vue';
import type { Page } from '@/api/types';
import { notifyError } from './feedback';

export const PAGE_SIZES = [20, 50, 100];

export function usePagedList<T>(fetchPage: (page: number, size: number) => Promise<Page<T>>) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(PAGE_SIZES[0]);
  const loading = ref(false);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    try {
      const res = await fetchPage(page.value, size.value);
      if (mine !== ticket) return; // a newer request was started meanwhile
      rows.value = res.items;
      total.value = res.total;
      // The last page may have emptied (after a delete): step back once.
      if (res.items.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / size.value));
        await load();
      }
    } catch (err) {
      if (mine === ticket) notifyError(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** Back to page 1 (after a filter changed) and load. */
  function reload(): Promise<void> {
    page.value = 1;
    return load();
  }

  return { rows, total, page, size, loading, load, reload };
}

export type PagedList<T = unknown> = ReturnType<typeof usePagedList<T>>;
