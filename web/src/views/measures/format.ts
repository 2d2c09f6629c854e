// Small shared pieces of the measure screens: the unit's settings (control types, supervision labels), tag
// colours, how an indicator reads, and who may do what (a guide only: the server decides).
import { measureConfigApi } from '@/api/measures';
import type {
  Indicator, Measure, MeasureLine, MeasureSettings, MeasureStatus, Risk, Supervision, User,
} from '@/api/types';
import { i18n } from '@/i18n';
import { unitCache } from '@/composables/unitCache';
import { OFFICE_ROLES } from '@/views/risks/workflow';

const settings = unitCache<MeasureSettings>(measureConfigApi.settings);
/** The unit's measure settings, fetched once per page load. */
export const measureSettingsOf = settings.of;
export const rememberMeasureSettings = settings.remember;

/** The unit's label of a supervision class ("A · 纪检监察机关直接监督"), or the letter until the settings arrive. */
export function supervisionLabel(unitId: number, s: Supervision, short = false): string {
  const label = settings.values.get(unitId)?.supervision[s];
  return label && !short ? `${s} · ${label}` : s;
}

export const LINE_TAG: Record<MeasureLine, 'success' | 'warning' | 'danger'> = { prevent: 'success', monitor: 'warning', dispose: 'danger' };
export const LINE_COLOR: Record<MeasureLine, string> = { prevent: '#059669', monitor: '#d97706', dispose: '#b91c1c' };
export const MEASURE_STATUS_TAG: Record<MeasureStatus, 'info' | 'success' | 'danger'> = { planned: 'info', in_force: 'success', lapsed: 'danger' };
export const MEASURE_STATUS_COLOR: Record<MeasureStatus, string> = { planned: '#9ca3af', in_force: '#059669', lapsed: '#dc2626' };

const fmt = (v: number | null | undefined) => (v == null ? '' : String(Number(v.toFixed(2))));

/** A value of the indicator with its unit: "3 次", "85%", "完成". */
export function indicatorValue(ind: Pick<Indicator, 'type' | 'unit'>, value: number | null | undefined): string {
  const t = i18n.global.t;
  if (value == null) return '';
  if (ind.type === 'done') return value >= 1 ? t('measures.done') : t('measures.notDone');
  if (ind.type === 'percentage') return `${fmt(value)}%`;
  return ind.unit ? `${fmt(value)} ${ind.unit}` : fmt(value);
}

/** The target with its direction: "≤ 0 个", "≥ 95%". */
export function targetText(ind: Indicator): string {
  if (ind.type === 'done') return indicatorValue(ind, 1);
  return `${ind.direction === 'lower' ? '≤' : '≥'} ${indicatorValue(ind, ind.target)}`;
}

/** Who may add, change and delete the measures of a risk: the office in scope, a staff member on what they filed. */
export function canWriteMeasures(risk: Pick<Risk, 'cycle_closed' | 'filed_by'>, user: User | null): boolean {
  if (!user || risk.cycle_closed) return false;
  if (user.roles.some((r) => OFFICE_ROLES.includes(r))) return true;
  return user.roles.includes('staff') && risk.filed_by === user.id;
}

/** Who may record checks and measurements: owners and the office (an auditor only reads). */
export function canCheck(user: User | null): boolean {
  return Boolean(user?.roles.some((r) => r !== 'auditor'));
}

/** The owner as one line: the post, the person, or both. */
export function ownerText(m: Pick<Measure, 'owner_post_name' | 'owner_person_name'>): string {
  return [m.owner_post_name, m.owner_person_name].filter(Boolean).join(' · ');
}
