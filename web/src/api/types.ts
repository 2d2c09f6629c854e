// Types of the Lianfang HTTP API v1, as written in docs/api.md.

/** Every list endpoint answers with one page of items and the total over all pages. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export interface PageQuery {
  page?: number;
  size?: number;
}

/** The body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    message_en: string;
    field?: string | null;
  };
}

export type Role = 'admin' | 'supervisor' | 'leader' | 'dept_head' | 'liaison' | 'staff' | 'auditor';
export const ROLES: Role[] = ['admin', 'supervisor', 'leader', 'dept_head', 'liaison', 'staff', 'auditor'];

export interface Scope {
  unit_id: number | null;
  department_id: number | null;
  label: string;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  roles: Role[];
  scope: Scope;
  disabled: boolean;
}

export interface SessionInfo {
  user: User;
  csrf_token: string;
}

export type UnitKind =
  | 'commission' | 'government' | 'bureau' | 'enterprise' | 'school' | 'hospital' | 'township' | 'other';
export const UNIT_KINDS: UnitKind[] = [
  'commission', 'government', 'bureau', 'enterprise', 'school', 'hospital', 'township', 'other',
];

export interface Unit {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: UnitKind;
  sort: number;
}
export type UnitInput = Omit<Unit, 'id'>;

export interface Department {
  id: number;
  unit_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  sort: number;
  post_count: number;
}
export type DepartmentInput = Omit<Department, 'id' | 'post_count'>;

export type Tier = 'leader' | 'middle' | 'staff';
export const TIERS: Tier[] = ['leader', 'middle', 'staff'];

export type KeyFlag = 'people' | 'money' | 'goods' | 'approval' | 'enforcement';
export const KEY_FLAGS: KeyFlag[] = ['people', 'money', 'goods', 'approval', 'enforcement'];

export interface PostHolder {
  person_id: number;
  name: string;
  since: string;
}

export interface Post {
  id: number;
  unit_id: number;
  department_id: number;
  department_name: string;
  name: string;
  duties: string;
  tier: Tier;
  keys: KeyFlag[];
  headcount: number;
  holders: PostHolder[];
}
export interface PostInput {
  department_id: number | null;
  name: string;
  duties: string;
  tier: Tier;
  keys: KeyFlag[];
  headcount: number;
}
export interface PostQuery extends PageQuery {
  unit_id?: number;
  department_id?: number;
  tier?: Tier | '';
  key?: KeyFlag | '';
  q?: string;
}

export type Gender = 'male' | 'female' | '';
export type PersonStatus = 'active' | 'left' | 'retired';
export const PERSON_STATUSES: PersonStatus[] = ['active', 'left', 'retired'];

export interface Person {
  id: number;
  unit_id: number;
  department_id: number;
  department_name: string;
  name: string;
  gender: Gender;
  title: string;
  employee_no: string;
  status: PersonStatus;
  current_posts: { post_id: number; name: string; since: string }[];
}
export interface PersonInput {
  unit_id: number | null;
  department_id: number | null;
  name: string;
  gender: Gender;
  title: string;
  employee_no: string;
  status: PersonStatus;
}
export interface PersonQuery extends PageQuery {
  unit_id?: number;
  department_id?: number;
  status?: PersonStatus | '';
  q?: string;
}

export interface Assignment {
  id: number;
  person_id: number;
  person_name: string;
  post_id: number;
  post_name: string;
  department_name: string;
  post_tier: Tier;
  post_keys: KeyFlag[];
  start_date: string;
  end_date: string | null;
  note: string;
  years: number;
}
export interface AssignmentInput {
  person_id: number;
  post_id: number | null;
  start_date: string;
  end_date: string | null;
  note: string;
}

export interface UserCreate {
  username: string;
  display_name: string;
  password: string;
  roles: Role[];
  scope_unit_id: number | null;
  scope_department_id: number | null;
}
export interface UserUpdate {
  display_name: string;
  roles: Role[];
  scope_unit_id: number | null;
  scope_department_id: number | null;
  disabled: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditVerify {
  intact: boolean;
  checked: number;
  first_broken_id: number | null;
}

export type PowerStatus = 'draft' | 'in_force' | 'repealed';
export const POWER_STATUSES: PowerStatus[] = ['draft', 'in_force', 'repealed'];

/** 职权 (docs/api.md, "Powers"). */
export interface Power {
  id: number;
  unit_id: number;
  department_id: number | null;
  department_name: string;
  code: string;
  name: string;
  category: string;
  content: string;
  basis: string;
  basis_article: string;
  procedure: string;
  post_ids: number[];
  posts: { id: number; name: string }[];
  time_limit_days: number | null;
  supervision_channel: string;
  materials: string;
  service_commitment: string;
  note: string;
  public: boolean;
  status: PowerStatus;
  version: number;
  has_flow: boolean;
  updated_at: string;
}
export interface PowerInput {
  unit_id: number | null;
  department_id: number | null;
  code: string;
  name: string;
  category: string;
  content: string;
  basis: string;
  basis_article: string;
  procedure: string;
  post_ids: number[];
  time_limit_days: number | null;
  supervision_channel: string;
  materials: string;
  service_commitment: string;
  note: string;
  public: boolean;
  status: PowerStatus;
}
export interface PowerQuery extends PageQuery {
  unit_id?: number;
  department_id?: number;
  category?: string;
  status?: PowerStatus | '';
  q?: string;
}

export type CategoryGroup = 'type' | 'function';
export const CATEGORY_GROUPS: CategoryGroup[] = ['type', 'function'];
export interface PowerCategory {
  id: number;
  unit_id: number | null;
  name: string;
  group: CategoryGroup;
  sort: number;
  preset: boolean;
}

/** One step of a flow as the server read it (`GET /powers/{id}/flow`). */
export interface FlowStep {
  element_id: string;
  name: string;
  post_id: number | null;
  post_name: string;
  lane: string;
  time_limit_days: number | null;
  different_from: string[];
  /** `post` is what the document names: a post id, or a post name. */
  limits: { post: string; amount_fen: number }[];
  collective_above_fen: number | null;
  materials: string;
  supervision_point: boolean;
}
export interface FlowView {
  power_id: number;
  steps: FlowStep[];
  lanes: string[];
  net: { places: number; transitions: number; silent: number; labels: string[] };
  updated_at: string;
}
/** One problem found in a refused flow (`400 flow.invalid`). */
export interface FlowIssue {
  code: string;
  element: string | null;
  message: string;
  message_en: string;
}

export type CatalogueForm = 'attachment1' | 'enforcement';
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
/** One refused row of an import (`400 import.invalid`). */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
  message_en: string;
}

// ---- Risks (廉政风险点), grading, workflow, cycles and checks (docs/api.md) ----

export type RiskLevel = 'high' | 'medium' | 'low';
export const RISK_LEVELS: RiskLevel[] = ['high', 'medium', 'low'];

export type RiskStage = 'draft' | 'dept_review' | 'commission_review' | 'appraisal' | 'leadership_review' | 'publicity' | 'filed';
export const RISK_STAGES: RiskStage[] = ['draft', 'dept_review', 'commission_review', 'appraisal', 'leadership_review', 'publicity', 'filed'];

export type ScopeLevel = 'unit' | 'department' | 'post';
export const SCOPE_LEVELS: ScopeLevel[] = ['post', 'department', 'unit'];

export type RiskClass = 'integrity' | 'management';

export const FINDING_METHODS = ['自己找', '群众提', '互相查', '领导点', '组织评'] as const;
export type FindingMethod = (typeof FINDING_METHODS)[number];
/** The presets of 原因分析 on the forms (附件二/三); the API takes them as text joined with ；. */
export const CAUSE_PRESETS = ['制度缺陷及漏洞', '监管缺失', '外部环境影响', '个人自律', '个人业务素质'] as const;
export const CAUSE_SEPARATOR = '；';

/** The inputs of the unit's grading method: matrix, criteria, consequence or LEC. */
export interface GradingInputs {
  likelihood?: number;
  impact?: number;
  criteria?: boolean[];
  consequence?: Consequence;
  power_type?: string;
  L?: number;
  E?: number;
  C?: number;
}
export type Consequence = 'crime' | 'discipline' | 'minor';
export const CONSEQUENCES: Consequence[] = ['crime', 'discipline', 'minor'];

export interface Appraisal {
  agree?: number;
  disagree?: number;
  abstain?: number;
  [key: string]: unknown;
}

export interface Risk {
  id: number;
  cycle_id: number;
  year: number;
  unit_id: number;
  department_id: number | null;
  department_name: string;
  post_id: number | null;
  post_name: string;
  power_id: number | null;
  power_name: string;
  step_element: string;
  scope_level: ScopeLevel;
  category: string;
  risk_class: RiskClass;
  duty: string;
  description: string;
  manifestation: string;
  causes: string;
  finding_method: string;
  measures_text: string;
  note: string;
  grading_inputs: GradingInputs;
  computed_level: RiskLevel | '';
  grading_basis: string;
  level: RiskLevel | '';
  override_reason: string;
  stage: RiskStage;
  stage_due: string | null;
  publicity_until: string | null;
  appraisal: Appraisal;
  valid_until: string | null;
  filed_by: number | null;
  filed_by_name: string;
  cycle_closed: boolean;
  version: number;
  updated_at: string;
  /** GET /risks/{id} only: the risk's control measures and the levels before and after them. */
  measures?: Measure[];
  inherent_level?: RiskLevel | '';
  residual_level?: RiskLevel | '';
  /** The residual level counting only the measures shown to work (已见效). */
  residual_after_monitoring?: RiskLevel | '';
}

/** POST /risks and PUT /risks/{id} (partial). Placing: post, else department, else unit. */
export interface RiskInput {
  unit_id?: number | null;
  department_id?: number | null;
  post_id?: number | null;
  power_id?: number | null;
  step_element?: string;
  category?: string;
  duty?: string;
  description?: string;
  manifestation?: string;
  causes?: string;
  finding_method?: string;
  measures_text?: string;
  note?: string;
  grading_inputs?: GradingInputs;
  level?: RiskLevel | '';
  override_reason?: string;
  year?: number;
}

export interface RiskQuery extends PageQuery {
  unit_id?: number;
  department_id?: number;
  post_id?: number;
  power_id?: number;
  level?: RiskLevel | '';
  status?: RiskStage | '';
  /** A year. */
  cycle?: number | null;
  scope_level?: ScopeLevel | '';
  q?: string;
}

export type RiskAction = 'submit' | 'approve' | 'return' | 'object' | 'reopen';
export interface TransitionInput {
  action: RiskAction;
  comment?: string;
  level?: RiskLevel;
  publicity_until?: string;
  appraisal?: Appraisal;
}

export interface RiskHistoryEntry {
  id: number;
  at: string;
  /** A username, or `system`. */
  actor: string;
  action: RiskAction | 'create' | 'regrade' | string;
  from_stage: RiskStage | '';
  to_stage: RiskStage | '';
  level: RiskLevel | '';
  comment: string;
}

export interface RiskCategory {
  name: string;
  risk_class: RiskClass;
}

export type GradingMethod = 'matrix' | 'criteria' | 'consequence' | 'lec';
export const GRADING_METHODS: GradingMethod[] = ['matrix', 'criteria', 'consequence', 'lec'];
export type GradingPreset = 'matrix3' | 'matrix5' | 'criteria5' | 'consequence' | 'lec';
export const GRADING_PRESETS: Record<GradingMethod, GradingPreset[]> = {
  matrix: ['matrix3', 'matrix5'], criteria: ['criteria5'], consequence: ['consequence'], lec: ['lec'],
};
export type LevelDisplay = 'gzd' | 'level123' | 'abc';
export const LEVEL_DISPLAYS: LevelDisplay[] = ['gzd', 'level123', 'abc'];

/** A unit's grading model (`GET /grading-models/{unit_id}`): only the fields of its method are present. */
export interface GradingModel {
  method: GradingMethod;
  preset: GradingPreset | '';
  size?: number;
  high_from?: number;
  medium_from?: number;
  criteria?: string[];
  criteria_high?: number;
  criteria_medium?: number;
  high_power_types?: string[];
  lec_high?: number;
  lec_medium?: number;
  display: LevelDisplay;
  validity_years: number;
  labels: Record<RiskLevel, { zh: string; en: string }>;
}
export type GradingModelInput = Partial<Omit<GradingModel, 'labels'>>;

export interface GradePreview {
  level: RiskLevel;
  score: number;
  basis: string;
  basis_en: string;
  label: string;
}

export interface RiskCycle {
  id: number;
  unit_id: number;
  year: number;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
  risks: number;
}

export type FindingCode =
  | 'posts_without_risk' | 'key_post_without_high' | 'rank_only_grading' | 'risk_without_measure' | 'measure_vague'
  | 'rating_expired' | 'stage_overdue';
export const FINDING_CODES: FindingCode[] = [
  'posts_without_risk', 'key_post_without_high', 'rank_only_grading', 'risk_without_measure', 'measure_vague',
  'rating_expired', 'stage_overdue',
];
export interface QualityFinding {
  code: FindingCode;
  severity: 'warning' | 'notice';
  entity: 'post' | 'department' | 'risk';
  entity_id: number;
  message: string;
  message_en: string;
}

export type RiskForm = 'department' | 'personal';

// ---- control measures (防控措施) ----

/** Lines of defence: 前期预防 / 中期监控 / 后期处置. */
export type MeasureLine = 'prevent' | 'monitor' | 'dispose';
export const MEASURE_LINES: MeasureLine[] = ['prevent', 'monitor', 'dispose'];
export type MeasureStatus = 'planned' | 'in_force' | 'lapsed';
export const MEASURE_STATUSES: MeasureStatus[] = ['planned', 'in_force', 'lapsed'];
/** '' means "not said" (the register check flags it). */
export type Frequency = 'once' | 'monthly' | 'quarterly' | 'yearly' | 'per_case' | '';
export const FREQUENCIES: Exclude<Frequency, ''>[] = ['once', 'monthly', 'quarterly', 'yearly', 'per_case'];
export type Supervision = 'A' | 'B' | 'C';
export const SUPERVISIONS: Supervision[] = ['A', 'B', 'C'];
export type Specificity = 'specific' | 'general';
export const SPECIFICITIES: Specificity[] = ['specific', 'general'];
export type IndicatorType = 'done' | 'count' | 'percentage' | 'amount';
export const INDICATOR_TYPES: IndicatorType[] = ['done', 'count', 'percentage', 'amount'];
export type IndicatorDirection = 'higher' | 'lower';

export interface Indicator {
  type: IndicatorType;
  /** Which way is better. */
  direction: IndicatorDirection;
  unit: string;
  baseline: number | null;
  baseline_date: string | null;
  target: number | null;
  target_date: string | null;
}

export interface Measure {
  id: number;
  risk_id: number;
  risk_description: string;
  risk_level: RiskLevel | '';
  unit_id: number;
  department_id: number | null;
  department_name: string;
  line: MeasureLine;
  control_type: string;
  description: string;
  owner_post_id: number | null;
  owner_post_name: string;
  owner_person_id: number | null;
  owner_person_name: string;
  supervision: Supervision;
  frequency: Frequency;
  start_date: string;
  due_date: string | null;
  /** What counts as evidence of the check. */
  evidence: string;
  status: MeasureStatus;
  specificity: Specificity;
  template_code: string;
  indicator: Indicator | null;
  latest: { value: number; measured_on: string } | null;
  /** 已见效: the latest measurement meets the target (or, without an indicator, the checks are kept). */
  applied: boolean;
  open_tasks: number;
  overdue_tasks: number;
  done_tasks: number;
  version: number;
  updated_at: string;
}

/** POST /measures and PUT /measures/{id}; null clears the owner, the due date or the indicator. */
export interface MeasureInput {
  risk_id?: number;
  line?: MeasureLine;
  control_type?: string;
  description?: string;
  owner_post_id?: number | null;
  owner_person_id?: number | null;
  supervision?: Supervision;
  frequency?: Frequency;
  start_date?: string;
  due_date?: string | null;
  evidence?: string;
  status?: MeasureStatus;
  specificity?: Specificity;
  template_code?: string;
  indicator?: Indicator | null;
}

export interface MeasureQuery extends PageQuery {
  risk_id?: number;
  unit_id?: number;
  department_id?: number;
  owner_post_id?: number;
  owner?: 'me';
  status?: MeasureStatus | '';
  level?: RiskLevel | '';
  overdue?: 1;
  q?: string;
}

export interface MeasureStats {
  measures: number;
  applied: number;
  overdue_measures: number;
  open_tasks: number;
  overdue_tasks: number;
  by_status: Partial<Record<MeasureStatus, number>>;
  by_line: Partial<Record<MeasureLine, number>>;
  by_level: Partial<Record<RiskLevel, number>>;
}

export interface Measurement {
  id: number;
  value: number;
  measured_on: string;
  note: string;
  file_id: number | null;
  file_name: string;
  recorded_by: string;
  recorded_at: string;
}
export interface MeasurementInput {
  value: number;
  measured_on: string;
  note: string;
  file_id?: number | null;
}

export type TaskStatus = 'open' | 'done';
/** A check a recurring measure owes its owner for one period. */
export interface MeasureTask {
  id: number;
  measure_id: number;
  measure_description: string;
  control_type: string;
  risk_id: number;
  risk_description: string;
  risk_level: RiskLevel | '';
  owner_post_name: string;
  owner_person_name: string;
  /** once, 2026-05, 2026-Q3, 2026 */
  period: string;
  due_date: string;
  status: TaskStatus;
  overdue: boolean;
  done_at: string | null;
  done_by: string;
  note: string;
  file_id: number | null;
  file_name: string;
}
export interface TaskQuery extends PageQuery {
  mine?: 1;
  measure_id?: number;
  unit_id?: number;
  department_id?: number;
  status?: TaskStatus | '';
  overdue?: 1;
}

/** An uploaded evidence file (POST /files). */
export interface StoredFile {
  id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

/** A measure template of a level, proposed when a risk is graded. */
export interface MeasureTemplate {
  level: RiskLevel;
  code: string;
  line: MeasureLine;
  control_type: string;
  description: string;
  frequency: Exclude<Frequency, ''>;
  specificity: Specificity;
  evidence: string;
}

export type Rounding = 'up' | 'down' | 'nearest';
export const ROUNDINGS: Rounding[] = ['up', 'down', 'nearest'];
export interface MeasureSettings {
  control_types: string[];
  /** The labels of the supervision classes. */
  supervision: Record<Supervision, string>;
  supervision_by_level: Record<RiskLevel, Supervision>;
  residual: { specific_step: number; general_step: number; rounding: Rounding };
}

// ---- warnings (预警处置) ----

/** 提醒 / 预警 / 报警. */
export type WarningLevel = 'reminder' | 'warning' | 'alarm';
export const WARNING_LEVELS: WarningLevel[] = ['reminder', 'warning', 'alarm'];
export type WarningStatus = 'issued' | 'signed' | 'handling' | 'rectifying' | 'verified' | 'closed' | 'cancelled';
export const WARNING_STATUSES: WarningStatus[] = ['issued', 'signed', 'handling', 'rectifying', 'verified', 'closed', 'cancelled'];
export type WarningSource = 'rule' | 'complaint' | 'case' | 'inspection' | 'audit' | 'appraisal' | 'opinion' | 'manual';
export const WARNING_SOURCES: WarningSource[] = ['rule', 'complaint', 'case', 'inspection', 'audit', 'appraisal', 'opinion', 'manual'];
export type WarningSubjectKind = 'person' | 'post' | 'department' | 'unit';
export const WARNING_SUBJECT_KINDS: WarningSubjectKind[] = ['person', 'post', 'department', 'unit'];
/** The measures a recipient may take (the server's own words, sent as they are). */
export const WARNING_MEASURES = ['提醒', '督导', '纠错', '廉政谈话', '诫勉谈话', '书面预警', '通报批评', '限期整改'] as const;
export type WarningAction = 'sign' | 'handle' | 'commit' | 'verify' | 'close' | 'cancel';
export const WARNING_ACTIONS: WarningAction[] = ['sign', 'handle', 'commit', 'verify', 'close', 'cancel'];
export type WarningNoticeKind = 'prompt' | 'prevention' | 'disposal';
export const WARNING_NOTICE_KINDS: WarningNoticeKind[] = ['prompt', 'prevention', 'disposal'];

export interface Warning {
  id: number;
  unit_id: number;
  department_id: number | null;
  department_name: string;
  subject_kind: WarningSubjectKind;
  subject_person_id: number | null;
  subject_post_id: number | null;
  subject_name: string;
  /** 职务. */
  subject_title: string;
  power_id: number | null;
  power_name: string;
  source: WarningSource;
  source_ref: string;
  /** 发生廉政风险情形. */
  situation: string;
  required_measures: string;
  /** For rule hits: what the engine found, with the event (`event`). */
  evidence: Record<string, unknown>[];
  level: WarningLevel;
  status: WarningStatus;
  recipient_tier: number;
  recipient_role: 'dept_head' | 'supervisor' | 'admin';
  recipient_unit_id: number | null;
  recipient_department_id: number | null;
  recipient_label: string;
  deadline: string | null;
  overdue: boolean;
  escalations: number;
  measures_taken: string[];
  handler_name: string;
  handler_title: string;
  handled_at: string | null;
  commitment: string;
  commitment_due: string | null;
  verification: string;
  note: string;
  cancel_reason: string;
  issued_by: number | null;
  issued_by_name: string;
  issued_at: string;
  closed_at: string | null;
  risks: { id: number; description: string; level: RiskLevel | '' }[];
  version: number;
  updated_at: string;
  /** GET /warnings/{id} only. */
  timeline?: WarningTimelineEntry[];
}

export interface WarningTimelineEntry {
  id: number;
  at: string;
  actor: string;
  action: WarningAction | 'issue' | 'weak' | 'escalate';
  from_status: WarningStatus | '';
  to_status: WarningStatus | '';
  level: WarningLevel | '';
  comment: string;
}

export interface WarningInput {
  subject_kind: WarningSubjectKind;
  subject_id: number;
  source: WarningSource;
  source_ref: string;
  situation: string;
  required_measures: string;
  level: WarningLevel;
  risk_ids: number[];
  power_id: number | null;
  deadline?: string;
}

export interface WarningQuery extends PageQuery {
  level?: WarningLevel | '';
  status?: WarningStatus | '';
  source?: WarningSource | '';
  subject?: string;
  unit_id?: number;
  department_id?: number;
  risk_id?: number;
  overdue?: 1;
  open?: 1;
  inbox?: 1;
  mine?: 1;
  q?: string;
}

export interface WarningTransitionInput {
  action: WarningAction;
  comment?: string;
  measures?: string[];
  handler_name?: string;
  handler_title?: string;
  commitment?: string;
  result?: 'ok' | 'weak';
}

export interface WarningStats {
  total: number;
  open: number;
  overdue: number;
  escalated: number;
  by_level: Partial<Record<WarningLevel, number>>;
  by_status: Partial<Record<WarningStatus, number>>;
  by_source: Partial<Record<WarningSource, number>>;
  /** By department name. */
  by_department: Record<string, number>;
}

export interface WarningSettings {
  colours: Record<WarningLevel, string>;
  repeat_threshold: number;
}

/** A proposal to raise a post's or a power's risk level after repeated warnings. */
export interface WarningProposal {
  id: number;
  kind: 'post' | 'power';
  target_id: number;
  target_name: string;
  warnings: number;
  reopened: number[];
  created_at: string;
}

export type NoticeTemplates = Record<WarningNoticeKind, string>;

/** A day that differs from plain Monday–Friday. */
export interface CalendarDay {
  date: string;
  working: boolean;
  source: 'official' | 'unit';
  note: string;
}

// ---- electronic monitoring (电子监察) ----

export interface MonitorRule {
  id: number;
  unit_id: number;
  code: string;
  name: string;
  kind: string;
  /** The engine's catalogue code of the check (PRECEDENCE, FLOW-ORDER…). */
  check: string;
  rule: Record<string, unknown>;
  risk_id: number | null;
  risk_description: string;
  enabled: boolean;
  hits: number;
  open_hits: number;
  last_hit: string | null;
}

export interface MonitorStatus {
  received: number;
  processed: number;
  open_cases: number;
  findings: number;
  updated_at: string;
}

export interface IngestToken {
  id: number;
  unit_id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
  /** Only in the answer to POST: shown once. */
  token?: string;
}

// ---- procurement red flags (采购监测) ----

/** A red flag raised by an indicator on a process (group OCID), a buyer, a procuring entity or a tenderer. */
export interface ProcurementFlag {
  group: 'OCID' | 'Buyer' | 'ProcuringEntity' | 'Tenderer';
  subject_id: string;
  indicator: string;
  /** The indicator's Chinese name. */
  name: string;
  value: number | null;
  /** The warning the flag was raised in (预警处置). */
  warning_id: number | null;
  first_seen: string;
}

/** The few parts of an OCDS compiled release the screens read; the rest is shown as raw JSON. */
export interface OcdsOrganisationRef {
  id?: string | number;
  name?: string;
}
export interface OcdsValue {
  amount?: number;
  currency?: string;
}
export interface OcdsRelease {
  ocid: string;
  date?: string;
  buyer?: OcdsOrganisationRef;
  tender?: {
    title?: string;
    status?: string;
    procurementMethod?: string;
    procurementMethodDetails?: string;
    value?: OcdsValue;
    datePublished?: string;
    tenderPeriod?: { startDate?: string; endDate?: string };
    numberOfTenderers?: number;
    procuringEntity?: OcdsOrganisationRef;
    tenderers?: OcdsOrganisationRef[];
  };
  bids?: { details?: { status?: string; value?: OcdsValue; date?: string; tenderers?: OcdsOrganisationRef[] }[] };
  awards?: { id?: string | number; status?: string; date?: string; value?: OcdsValue; suppliers?: OcdsOrganisationRef[] }[];
  parties?: (OcdsOrganisationRef & {
    roles?: string[];
    identifier?: { id?: string };
    address?: { streetAddress?: string; locality?: string; region?: string };
    contactPoint?: { name?: string; email?: string; telephone?: string; faxNumber?: string };
  })[];
  [key: string]: unknown;
}

export interface ProcurementProcess {
  id: number;
  ocid: string;
  buyer_id: string;
  buyer_name: string;
  title: string;
  method: string;
  value: number | null;
  currency: string;
  published: string;
  /** Bids received. */
  bids: number;
  flags: ProcurementFlag[];
  /** Only from GET /procurement/processes/{id}. */
  release?: OcdsRelease;
}

export type ProcurementProcessQuery = {
  page?: number;
  size?: number;
  unit_id: number;
  flagged?: 1;
  indicator?: string;
  buyer_id?: string;
  party_id?: string;
  q?: string;
};

export type SupplierRole = 'tenderer' | 'supplier' | 'candidate';

export interface SupplierHistoryEntry {
  ocid: string;
  title: string;
  role: SupplierRole;
  status: string;
  amount: number | null;
  currency: string;
}

export interface ProcurementSupplier {
  id: string;
  name: string;
  bids: number;
  wins: number;
  processes: number;
  awarded: number;
  flags: ProcurementFlag[];
  /** Only when asked for one supplier (party_id). */
  history?: SupplierHistoryEntry[];
}

export interface ProcurementBuyer {
  id: string;
  name: string;
  processes: number;
  flagged_processes: number;
  single_bid: number;
  total_value: number;
  /** Processes per procurement method (filled when asked for one buyer). */
  by_method: Record<string, number>;
  top_suppliers: { name: string; awarded: number }[];
  flags: ProcurementFlag[];
}

export interface ProcurementSettings {
  /** Cardinal's INI keys and the Chinese patterns' sections; empty: every indicator with its defaults. */
  ini: string;
  /** The unit's debarment list (id, name, start, end). */
  debarment_csv: string;
  /** The buying department the warnings go to. */
  department_id: number | null;
  /** The procurement risk point the warnings are tied to. */
  risk_id: number | null;
}

/** What an upload (or a settings change) did. */
export interface ProcurementUploadResult {
  stored: number;
  new_flags: number;
  warnings: number;
}

/** The three CSV files' texts (bids and awards optional). */
export interface ProcurementCsvUpload {
  tenders: string;
  bids?: string;
  awards?: string;
}
