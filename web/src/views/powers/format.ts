// Small shared pieces of the power pages: status tags, money, post labels, unit data loaded on demand.
import { currentLocale } from '@/i18n';
import { categoryApi } from '@/api/powers';
import { postApi, MAX_PAGE_SIZE } from '@/api/org';
import type { Post, PowerCategory, PowerStatus } from '@/api/types';

export const STATUS_TAG: Record<PowerStatus, 'info' | 'success' | 'danger'> = { draft: 'info', in_force: 'success', repealed: 'danger' };

/** Fen as yuan in the current language: ¥200,000.00. */
export function formatFen(fen: number | null | undefined): string {
  if (fen == null) return '';
  return new Intl.NumberFormat(currentLocale() === 'en' ? 'en-GB' : 'zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export const fenToYuan = (fen: number | null | undefined): number | null => (fen == null ? null : fen / 100);
export const yuanToFen = (yuan: number | null | undefined): number | null => (yuan == null ? null : Math.round(yuan * 100));

/** Categories and posts of a unit, each asked for once per page. */
export function useUnitData() {
  const categories = new Map<number, Promise<PowerCategory[]>>();
  const posts = new Map<number, Promise<Post[]>>();

  function categoriesOf(unitId: number): Promise<PowerCategory[]> {
    let p = categories.get(unitId);
    if (!p) {
      p = categoryApi.list(unitId).then((r) => r.items);
      p.catch(() => categories.delete(unitId));
      categories.set(unitId, p);
    }
    return p;
  }

  function postsOf(unitId: number): Promise<Post[]> {
    let p = posts.get(unitId);
    if (!p) {
      p = (async () => {
        const all: Post[] = [];
        for (let page = 1; ; page++) {
          const res = await postApi.list({ unit_id: unitId, page, size: MAX_PAGE_SIZE });
          all.push(...res.items);
          if (res.items.length === 0 || all.length >= res.total) return all;
        }
      })();
      p.catch(() => posts.delete(unitId));
      posts.set(unitId, p);
    }
    return p;
  }

  return { categoriesOf, postsOf, forgetCategories: (unitId: number) => categories.delete(unitId) };
}
