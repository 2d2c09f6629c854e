// One value loaded again and again (after a filter changed): only the answer to the latest request is kept, and
// errors are shown as messages.
import { ref, shallowRef } from 'vue';
import { notifyError } from './feedback';

export function useLatest<T>(fetch: () => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    try {
      const value = await fetch();
      if (mine === ticket) data.value = value;
    } catch (err) {
      if (mine === ticket) notifyError(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  return { data, loading, load };
}
