// Routes: every page is loaded lazily; `roles` in meta limits a page to those roles.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/types';
import { useSessionStore, WRITERS } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    roles?: Role[];
    /** i18n key of the page title (breadcrumb). */
    title?: string;
    /** The menu entry to light up when the page has none of its own (a detail page). */
    menu?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/components/AppLayout.vue'),
    children: [
      { path: '', name: 'dashboard', component: () => import('@/views/DashboardView.vue'), meta: { title: 'menu.dashboard' } },
      { path: 'org', name: 'org', component: () => import('@/views/org/OrgView.vue'), meta: { title: 'menu.orgUnits' } },
      { path: 'powers', name: 'powers', component: () => import('@/views/powers/PowersView.vue'), meta: { title: 'menu.powers' } },
      {
        path: 'powers/:id(\\d+)', name: 'power', component: () => import('@/views/powers/PowerDetailView.vue'),
        meta: { title: 'powers.detailTitle', menu: '/powers' },
      },
      { path: 'risks', name: 'risks', component: () => import('@/views/risks/RisksView.vue'), meta: { title: 'menu.riskRegister' } },
      {
        path: 'risks/:id(\\d+)', name: 'risk', component: () => import('@/views/risks/RiskDetailView.vue'),
        meta: { title: 'risks.detailTitle', menu: '/risks' },
      },
      { path: 'risks/mine', name: 'my-risks', component: () => import('@/views/risks/MyRisksView.vue'), meta: { title: 'menu.myRisks' } },
      {
        path: 'risks/quality', name: 'risk-quality', component: () => import('@/views/risks/QualityView.vue'),
        meta: { title: 'menu.riskQuality' },
      },
      { path: 'measures', name: 'measures', component: () => import('@/views/measures/MeasuresView.vue'), meta: { title: 'menu.measuresOverview' } },
      { path: 'tasks', name: 'my-tasks', component: () => import('@/views/measures/MyTasksView.vue'), meta: { title: 'menu.myTasks' } },
      {
        path: 'measures/config', name: 'measure-config', component: () => import('@/views/measures/MeasureConfigView.vue'),
        meta: { title: 'menu.measureConfig', roles: WRITERS.measureConfig },
      },
      {
        path: 'warnings/inbox', name: 'warnings-inbox', component: () => import('@/views/warnings/WarningsView.vue'), props: { mode: 'inbox' },
        meta: { title: 'menu.warningInbox', roles: WRITERS.warningInbox },
      },
      {
        path: 'warnings/mine', name: 'my-warnings', component: () => import('@/views/warnings/WarningsView.vue'), props: { mode: 'mine' },
        meta: { title: 'menu.myWarnings' },
      },
      {
        path: 'warnings', name: 'warnings', component: () => import('@/views/warnings/WarningsView.vue'), props: { mode: 'ledger' },
        meta: { title: 'menu.warningLedger' },
      },
      {
        path: 'warnings/:id(\\d+)', name: 'warning', component: () => import('@/views/warnings/WarningDetailView.vue'),
        meta: { title: 'warnings.detailTitle', menu: '/warnings' },
      },
      {
        path: 'warnings/stats', name: 'warning-stats', component: () => import('@/views/warnings/WarningStatsView.vue'),
        meta: { title: 'menu.warningStats' },
      },
      {
        path: 'warnings/settings', name: 'warning-settings', component: () => import('@/views/warnings/WarningSettingsView.vue'),
        meta: { title: 'menu.warningSettings', roles: WRITERS.warningSettings },
      },
      {
        path: 'monitoring/rules', name: 'monitor-rules', component: () => import('@/views/monitoring/MonitorRulesView.vue'),
        meta: { title: 'menu.monitorRules', roles: WRITERS.monitoring },
      },
      {
        path: 'monitoring/tokens', name: 'ingest-tokens', component: () => import('@/views/monitoring/IngestTokensView.vue'),
        meta: { title: 'menu.ingestTokens', roles: WRITERS.monitoringConfig },
      },
      {
        path: 'procurement', name: 'procurement', component: () => import('@/views/procurement/ProcessesView.vue'),
        meta: { title: 'menu.procurementProcesses' },
      },
      {
        path: 'procurement/suppliers', name: 'procurement-suppliers', component: () => import('@/views/procurement/SuppliersView.vue'),
        meta: { title: 'menu.procurementSuppliers' },
      },
      {
        path: 'procurement/suppliers/:party', name: 'procurement-supplier', component: () => import('@/views/procurement/SupplierView.vue'),
        meta: { title: 'procurement.supplierTitle', menu: '/procurement/suppliers' },
      },
      {
        path: 'procurement/buyers', name: 'procurement-buyers', component: () => import('@/views/procurement/BuyersView.vue'),
        meta: { title: 'menu.procurementBuyers' },
      },
      {
        path: 'procurement/buyers/:buyer', name: 'procurement-buyer', component: () => import('@/views/procurement/BuyerView.vue'),
        meta: { title: 'procurement.buyerTitle', menu: '/procurement/buyers' },
      },
      {
        path: 'procurement/settings', name: 'procurement-settings', component: () => import('@/views/procurement/ProcurementSettingsView.vue'),
        meta: { title: 'menu.procurementSettings', roles: WRITERS.procurementSettings },
      },
      { path: 'flows', name: 'flows', component: () => import('@/views/powers/FlowsView.vue'), meta: { title: 'menu.flows' } },
      { path: 'people', name: 'people', component: () => import('@/views/people/PeopleView.vue'), meta: { title: 'menu.people' } },
      {
        path: 'admin/users', name: 'users', component: () => import('@/views/admin/UsersView.vue'),
        meta: { title: 'menu.users', roles: WRITERS.users },
      },
      {
        path: 'audit', name: 'audit', component: () => import('@/views/admin/AuditView.vue'),
        meta: { title: 'menu.audit', roles: WRITERS.audit },
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { title: 'notFound.title' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSessionStore();
  await session.restore();
  if (to.meta.public) {
    return to.name === 'login' && session.user ? { path: '/' } : true;
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.meta.roles && !session.hasRole(...to.meta.roles)) return { name: 'dashboard' };
  return true;
});
