// A value per unit (its grading model, its measure settings) asked for once per page load and shared by every
// screen; errors are not kept, so the next use asks again.
import { shallowReactive } from 'vue';

export function unitCache<T>(fetch: (unitId: number) => Promise<T>) {
  /** The values already loaded (reactive: labels re-render when one arrives). */
  const values = shallowReactive(new Map<number, T>());
  const pending = new Map<number, Promise<T>>();

  function of(unitId: number): Promise<T> {
    let p = pending.get(unitId);
    if (!p) {
      p = fetch(unitId).then((v) => {
        values.set(unitId, v);
        return v;
      });
      p.catch(() => pending.delete(unitId));
      pending.set(unitId, p);
    }
    return p;
  }

  /** After the value was saved: remember the new one. */
  function remember(unitId: number, value: T): void {
    values.set(unitId, value);
    pending.set(unitId, Promise.resolve(value));
  }

  return { values, of, remember };
}
