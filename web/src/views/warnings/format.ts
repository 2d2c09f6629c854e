// Small shared pieces of the warning screens: tag types, text colour on a level's colour, and which lifecycle steps
// to offer whom (docs/api.md, "Warnings"). Only a guide for what to show: the server decides every step.
import type { User, Warning, WarningAction, WarningStatus } from '@/api/types';
import { i18n } from '@/i18n';

export const STATUS_TAG: Record<WarningStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  issued: 'danger', signed: 'warning', handling: 'warning', rectifying: 'primary', verified: 'success', closed: 'info', cancelled: 'info',
};
export const STATUS_COLOR: Record<WarningStatus, string> = {
  issued: '#dc2626', signed: '#f59e0b', handling: '#d97706', rectifying: '#2563eb', verified: '#059669', closed: '#6b7280', cancelled: '#9ca3af',
};
export const OPEN_STATUSES: WarningStatus[] = ['issued', 'signed', 'handling', 'rectifying', 'verified'];

/** Black or white, whichever reads better on `hex` (#rgb or #rrggbb). */
export function textOn(hex: string): string {
  let h = hex.replace('#', '');
  if (h.length === 3) h = h.split('').map((c) => c + c).join('');
  const n = Number.parseInt(h, 16);
  if (Number.isNaN(n)) return '#fff';
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#1f2937' : '#fff';
}

/** Who the user is to a warning: its recipient, its subject (from the server's `mine` list), its issuer. */
export interface WarningRoles {
  recipient: boolean;
  subject: boolean;
  issuer: boolean;
}

/** Addressed to the user: a dept_head's department, a supervisor's unit, else the administrators. */
export function isRecipient(w: Warning, user: User | null): boolean {
  if (!user) return false;
  const has = (r: string) => user.roles.includes(r as User['roles'][number]);
  if (w.recipient_role === 'dept_head') return has('dept_head') && user.scope.department_id != null && w.recipient_department_id === user.scope.department_id;
  if (w.recipient_role === 'supervisor') return has('supervisor') && user.scope.unit_id != null && w.recipient_unit_id === user.scope.unit_id;
  return has('admin');
}

/** The issuer, or a supervisor over the warning's unit (`unitInScope`). */
export function isIssuer(w: Warning, user: User | null, unitInScope: boolean): boolean {
  if (!user) return false;
  return w.issued_by === user.id || (user.roles.includes('supervisor') && unitInScope);
}

/** The steps to offer, in the order the buttons are shown. */
export function allowedActions(w: Warning, user: User | null, roles: WarningRoles): WarningAction[] {
  if (!user) return [];
  const admin = user.roles.includes('admin');
  const recipient = admin || roles.recipient;
  const issuer = admin || roles.issuer;
  const out: WarningAction[] = [];
  if (w.status === 'issued' && recipient) out.push('sign');
  if ((w.status === 'signed' || w.status === 'handling') && recipient) out.push('handle');
  if (w.status === 'handling' && (admin || roles.subject)) out.push('commit');
  if ((w.status === 'handling' || w.status === 'rectifying') && issuer) out.push('verify');
  if (w.status === 'verified' && issuer) out.push('close');
  if (OPEN_STATUSES.includes(w.status) && issuer) out.push('cancel');
  return out;
}

/** i18n keys of the measures a recipient takes (the server stores the Chinese words). */
const MEASURE_KEYS: Record<string, string> = {
  提醒: 'remind', 督导: 'supervise', 纠错: 'correct', 廉政谈话: 'talk', 诫勉谈话: 'admonish', 书面预警: 'written',
  通报批评: 'criticise', 限期整改: 'rectify',
};
/** A measure in the current language (one the UI does not know: as the server wrote it). */
export const measureLabel = (m: string): string => (MEASURE_KEYS[m] ? i18n.global.t(`warningMeasures.${MEASURE_KEYS[m]}`) : m);
