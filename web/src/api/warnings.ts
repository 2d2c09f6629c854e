// Warnings (预警处置): the list, one warning with its timeline, issuing, the lifecycle's steps, counts, settings,
// the record sheet and notices, notice templates, and the working-day calendar.
import { buildUrl, http, type Query } from './http';
import type {
  CalendarDay, NoticeTemplates, Page, Warning, WarningInput, WarningNoticeKind, WarningProposal, WarningQuery,
  WarningSettings, WarningStats, WarningTransitionInput,
} from './types';

export const warningApi = {
  list: (query: WarningQuery) => http.get<Page<Warning>>('/warnings', query as Query),
  get: (id: number) => http.get<Warning>(`/warnings/${id}`),
  create: (body: WarningInput) => http.post<Warning>('/warnings', body),
  transition: (id: number, body: WarningTransitionInput) => http.post<Warning>(`/warnings/${id}/transitions`, body),
  stats: (unitId?: number | null) => http.get<WarningStats>('/warnings/stats', { unit_id: unitId }),
  proposals: () => http.get<{ items: WarningProposal[]; total: number }>('/warning-proposals'),
  /** 廉政风险预警处置记录单 (附件四). */
  recordUrl: (id: number, format: 'pdf' | 'xlsx') => buildUrl(`/warnings/${id}/record.${format}`),
  /** 风险提示书 / 腐败风险防控通知书 / 腐败风险处置通知书. */
  noticeUrl: (id: number, kind: WarningNoticeKind) => buildUrl(`/warnings/${id}/notice.pdf`, { kind }),
};

export const warningSettingsApi = {
  get: () => http.get<WarningSettings>('/warning-settings'),
  save: (body: WarningSettings) => http.put<WarningSettings>('/warning-settings', body),
};

export const noticeTemplateApi = {
  get: (unitId: number) => http.get<NoticeTemplates>('/notice-templates', { unit_id: unitId }),
  save: (unitId: number, kind: WarningNoticeKind, body: string) =>
    http.put<NoticeTemplates>(`/notice-templates?unit_id=${unitId}`, { kind, body }),
};

export const calendarApi = {
  get: (year: number) => http.get<{ year: number; days: CalendarDay[] }>('/calendar', { year }),
  /** Replaces the platform's own days of `year` (the official ones stay). */
  save: (year: number, days: Pick<CalendarDay, 'date' | 'working' | 'note'>[]) =>
    http.put<{ year: number; days: CalendarDay[] }>('/calendar', { year, days }),
};
