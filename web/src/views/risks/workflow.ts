// The grading workflow as the UI reads docs/api.md ("Grading workflow"): which buttons to offer to whom at which
// stage. Only a guide for what to show: the server decides every action (its 403 / 400 is shown as it is).
import type { Risk, RiskAction, RiskLevel, RiskStage, Role, User } from '@/api/types';
import { RISK_STAGES } from '@/api/types';

/** Roles that file, edit and submit anywhere in their scope. */
export const OFFICE_ROLES: Role[] = ['admin', 'supervisor', 'dept_head', 'liaison'];

/** Who approves (and returns) at each review stage. */
export const APPROVERS: Partial<Record<RiskStage, Role[]>> = {
  dept_review: ['admin', 'dept_head'],
  commission_review: ['admin', 'supervisor'],
  appraisal: ['admin', 'supervisor'],
  leadership_review: ['admin', 'leader'],
  publicity: ['admin', 'supervisor', 'leader'],
};
const OBJECTORS: Role[] = ['admin', 'supervisor', 'leader'];
const REOPENERS: Role[] = ['admin', 'supervisor'];

const hasAny = (user: User, roles: Role[]) => user.roles.some((r) => roles.includes(r));

/** The actions to offer `user` on `risk`, in the order the buttons are shown. */
export function allowedActions(risk: Risk, user: User | null): RiskAction[] {
  if (!user || risk.cycle_closed) return [];
  const out: RiskAction[] = [];
  if (risk.stage === 'draft' && (risk.filed_by === user.id || hasAny(user, OFFICE_ROLES))) out.push('submit');
  const approvers = APPROVERS[risk.stage];
  if (approvers && hasAny(user, approvers)) out.push('approve', 'return');
  if (risk.stage === 'publicity' && hasAny(user, OBJECTORS)) out.push('object');
  if (risk.stage === 'filed' && hasAny(user, REOPENERS)) out.push('reopen');
  return out;
}

/** Content may change in 自查自报 (the filer, the office) and in 纪委界定 (the discipline office). */
export function canEdit(risk: Risk, user: User | null): boolean {
  if (!user || risk.cycle_closed) return false;
  if (risk.stage === 'draft') return risk.filed_by === user.id || hasAny(user, OFFICE_ROLES);
  if (risk.stage === 'commission_review') return hasAny(user, ['admin', 'supervisor']);
  return false;
}

/** Roles that may act in a batch: submitters, and approvers of any stage. */
export function batchActions(user: User | null): RiskAction[] {
  if (!user) return [];
  const out: RiskAction[] = [];
  if (hasAny(user, [...OFFICE_ROLES, 'staff'])) out.push('submit');
  if (Object.values(APPROVERS).some((roles) => hasAny(user, roles ?? []))) out.push('approve', 'return');
  return out;
}

/** Actions whose comment the server requires (return, object, reopen). */
export const COMMENT_REQUIRED: RiskAction[] = ['return', 'object', 'reopen'];

/** i18n key of an action's button: approving at 公示 files the risk (备案). */
export function actionKey(action: RiskAction, stage?: RiskStage): string {
  return action === 'approve' && stage === 'publicity' ? 'riskActions.file' : `riskActions.${action}`;
}

export const STAGE_TAG: Record<RiskStage, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  dept_review: 'primary',
  commission_review: 'primary',
  appraisal: 'primary',
  leadership_review: 'primary',
  publicity: 'warning',
  filed: 'success',
};

export const LEVEL_TAG: Record<RiskLevel, 'danger' | 'warning' | 'primary'> = { high: 'danger', medium: 'warning', low: 'primary' };
/** The colours of the levels in charts and on the flow diagram: high red, medium orange, low blue. */
export const LEVEL_COLOR: Record<RiskLevel, string> = { high: '#dc2626', medium: '#ea580c', low: '#2563eb' };
export const LEVEL_RANK: Record<RiskLevel, number> = { high: 3, medium: 2, low: 1 };

export const stageIndex = (stage: RiskStage) => RISK_STAGES.indexOf(stage);

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A risk still in the workflow whose stage is past its due date. */
export function isOverdue(risk: Pick<Risk, 'stage' | 'stage_due'>): boolean {
  return risk.stage !== 'filed' && risk.stage_due != null && risk.stage_due < today();
}

/** Where a risk sits: department / post, the department, or the unit. */
export function placeText(risk: Risk, unitName: (id: number) => string): string {
  if (risk.post_id != null) return `${risk.department_name} / ${risk.post_name}`;
  if (risk.department_id != null) return risk.department_name;
  return unitName(risk.unit_id);
}
