// The object of a detail page: loaded again whenever `fetch` asks for another one, "not found" on a 404 (or when
// the address names none: `fetch` gives null), any other error shown as a message.
import { ref, shallowRef } from 'vue';
import { ApiError } from '@/api/http';
import { notifyError } from './feedback';

export function useDetail<T>(fetch: () => Promise<T> | null) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const notFound = ref(false);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    notFound.value = false;
    const pending = fetch();
    if (!pending) {
      data.value = null;
      notFound.value = true;
      return;
    }
    loading.value = true;
    try {
      const value = await pending;
      if (mine === ticket) data.value = value;
    } catch (err) {
      if (mine !== ticket) return;
      data.value = null;
      if (err instanceof ApiError && err.status === 404) notFound.value = true;
      else notifyError(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  return { data, loading, notFound, load };
}
