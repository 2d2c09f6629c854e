// The grading models of the units on screen, each asked for once per page load: a risk's level is shown with its
// unit's labels (高中低, 一二三级 or ABC), and the risk form grades with the unit's method.
import { useI18n } from 'vue-i18n';
import { gradingApi } from '@/api/risks';
import type { GradingModel, RiskLevel } from '@/api/types';
import { unitCache } from './unitCache';

const cache = unitCache<GradingModel>(gradingApi.get);
const models = cache.values;

/** The unit's model, fetched once (errors are not cached). */
export const gradingModelOf = cache.of;

/** After a model was saved: remember the new one. */
export const rememberGradingModel = cache.remember;

export function useGradingModels() {
  const { t, locale } = useI18n();

  /** Loads the models of these units in the background (labels fall back to 高/中/低 until then). */
  function ensure(unitIds: Iterable<number>): void {
    for (const id of new Set(unitIds)) void gradingModelOf(id).catch(() => undefined);
  }

  /** How the unit shows `level` in the current language; empty level: "not graded". */
  function levelLabel(unitId: number | null | undefined, level: RiskLevel | '' | null | undefined): string {
    if (!level) return t('levels.none');
    const labels = unitId != null ? models.get(unitId)?.labels : undefined;
    const l = labels?.[level];
    if (l) return locale.value === 'en' ? l.en || l.zh : l.zh || l.en;
    return t(`levels.${level}`);
  }

  return { models, ensure, levelLabel, modelOf: gradingModelOf };
}
