// Who is logged in. Restored from /auth/me when the app loads; the CSRF token goes to the HTTP client.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi } from '@/api/auth';
import { ApiError, setCsrfToken } from '@/api/http';
import type { Role, SessionInfo, User } from '@/api/types';

/** Roles allowed to write each kind of object (docs/api.md, "Permissions"). */
export const WRITERS = {
  org: ['admin', 'supervisor'] as Role[],
  posts: ['admin', 'supervisor', 'dept_head', 'liaison'] as Role[],
  powers: ['admin', 'supervisor', 'dept_head', 'liaison'] as Role[],
  categories: ['admin', 'supervisor'] as Role[],
  users: ['admin'] as Role[],
  audit: ['admin', 'supervisor', 'auditor'] as Role[],
  /** Who may file risk points: the office roles anywhere in scope, staff for their own posts. */
  risks: ['admin', 'supervisor', 'dept_head', 'liaison', 'staff'] as Role[],
  /** Grading models and yearly registers (closing a year). */
  grading: ['admin', 'supervisor'] as Role[],
  /** A unit's measure templates and settings. */
  measureConfig: ['admin', 'supervisor'] as Role[],
  /** Who may issue warnings (a dept_head only reminders, in their department). */
  warnings: ['admin', 'supervisor', 'dept_head'] as Role[],
  /** Who receives warnings (预警收件箱): a dept_head for their department, a supervisor for their unit. */
  warningInbox: ['admin', 'supervisor', 'dept_head'] as Role[],
  /** Warning colours, the repeat threshold, notice templates and the working-day calendar. */
  warningSettings: ['admin', 'supervisor'] as Role[],
  /** Who reads a unit's monitoring rules and ingest status. */
  monitoring: ['admin', 'supervisor', 'leader', 'auditor'] as Role[],
  /** Rule files, switching rules, and ingest tokens. */
  monitoringConfig: ['admin', 'supervisor'] as Role[],
  /** Who uploads a unit's procurement data (OCDS, CSV): the office and the unit's department heads and liaisons. */
  procurementUpload: ['admin', 'supervisor', 'dept_head', 'liaison'] as Role[],
  /** A unit's red-flag settings: indicators, debarment list, buying department and risk point. */
  procurementSettings: ['admin', 'supervisor'] as Role[],
};

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const restored = ref(false);

  function accept(info: SessionInfo): void {
    user.value = info.user;
    setCsrfToken(info.csrf_token);
  }

  function clear(): void {
    user.value = null;
    setCsrfToken('');
  }

  /** Asks the server once per page load whether a session cookie is still valid. */
  async function restore(): Promise<void> {
    if (restored.value) return;
    try {
      accept(await authApi.me());
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) console.warn('auth/me failed', err);
      clear();
    } finally {
      restored.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await authApi.login(username, password));
    restored.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  function hasRole(...roles: Role[]): boolean {
    return Boolean(user.value?.roles.some((r) => roles.includes(r)));
  }

  const canWriteOrg = computed(() => hasRole(...WRITERS.org));
  const canWritePosts = computed(() => hasRole(...WRITERS.posts));
  const canWritePowers = computed(() => hasRole(...WRITERS.powers));
  const canWriteCategories = computed(() => hasRole(...WRITERS.categories));
  const isAdmin = computed(() => hasRole(...WRITERS.users));
  const canReadAudit = computed(() => hasRole(...WRITERS.audit));
  const canFileRisks = computed(() => hasRole(...WRITERS.risks));
  const canManageGrading = computed(() => hasRole(...WRITERS.grading));
  const canConfigureMeasures = computed(() => hasRole(...WRITERS.measureConfig));
  const canIssueWarnings = computed(() => hasRole(...WRITERS.warnings));
  const hasWarningInbox = computed(() => hasRole(...WRITERS.warningInbox));
  const canConfigureWarnings = computed(() => hasRole(...WRITERS.warningSettings));
  const canReadMonitoring = computed(() => hasRole(...WRITERS.monitoring));
  const canConfigureMonitoring = computed(() => hasRole(...WRITERS.monitoringConfig));
  const canUploadProcurement = computed(() => hasRole(...WRITERS.procurementUpload));
  const canConfigureProcurement = computed(() => hasRole(...WRITERS.procurementSettings));
  /** A staff member (and nothing more): the risk menu opens their own post's check. */
  const isStaffOnly = computed(() => Boolean(user.value?.roles.length) && user.value!.roles.every((r) => r === 'staff'));

  return { user, restored, restore, login, logout, clear, hasRole, canWriteOrg, canWritePosts, canWritePowers, canWriteCategories, isAdmin,
    canReadAudit, canFileRisks, canManageGrading, canConfigureMeasures, canIssueWarnings, hasWarningInbox, canConfigureWarnings,
    canReadMonitoring, canConfigureMonitoring, canUploadProcurement, canConfigureProcurement, isStaffOnly };
});
