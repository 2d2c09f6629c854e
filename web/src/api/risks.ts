import { buildUrl, http, upload, type Query } from './http';
import type {
  GradePreview, GradingInputs, GradingModel, GradingModelInput, ImportResult, Page, QualityFinding, Risk, RiskCategory,
  RiskCycle, RiskForm, RiskHistoryEntry, RiskInput, RiskLevel, RiskQuery, RiskStage, TransitionInput,
} from './types';
import { MAX_PAGE_SIZE } from './org';

export const riskApi = {
  list: (query: RiskQuery) => http.get<Page<Risk>>('/risks', query as Query),
  /** Every risk matching `query` that the user may see, page after page. */
  async listAll(query: Omit<RiskQuery, 'page' | 'size'> = {}): Promise<Risk[]> {
    const all: Risk[] = [];
    for (let page = 1; ; page++) {
      const res = await riskApi.list({ ...query, page, size: MAX_PAGE_SIZE });
      all.push(...res.items);
      if (res.items.length === 0 || all.length >= res.total) return all;
    }
  },
  get: (id: number) => http.get<Risk>(`/risks/${id}`),
  create: (body: RiskInput) => http.post<Risk>('/risks', body),
  update: (id: number, body: RiskInput) => http.put<Risk>(`/risks/${id}`, body),
  transition: (id: number, body: TransitionInput) => http.post<Risk>(`/risks/${id}/transitions`, body),
  /** The same action on many risks: all move or none (the error names the first refused id). */
  transitionMany: (ids: number[], body: TransitionInput) =>
    http.post<{ items: Risk[]; total: number }>('/risks/transitions', { ids, ...body }),
  history: (id: number) => http.get<{ items: RiskHistoryEntry[]; total: number }>(`/risks/${id}/history`),
};

export const riskCategoryApi = {
  list: (unitId: number) => http.get<{ items: RiskCategory[]; total: number }>('/risk-categories', { unit_id: unitId }),
};

export const gradingApi = {
  get: (unitId: number) => http.get<GradingModel>(`/grading-models/${unitId}`),
  update: (unitId: number, body: GradingModelInput) => http.put<GradingModel>(`/grading-models/${unitId}`, body),
  /** Previews the level of `inputs` with the unit's model; nothing is saved. */
  grade: (unitId: number, inputs: GradingInputs) => http.post<GradePreview>(`/grading-models/${unitId}/grade`, { grading_inputs: inputs }),
};

export const cycleApi = {
  list: (unitId?: number) => http.get<{ items: RiskCycle[]; total: number }>('/risk-cycles', { unit_id: unitId }),
  close: (id: number) => http.post<RiskCycle>(`/risk-cycles/${id}/close`),
};

export const qualityApi = {
  risks: (unitId?: number) => http.get<{ items: QualityFinding[]; total: number }>('/quality/risks', { unit_id: unitId }),
};

export type RiskFormTarget = { unit_id?: number; department_id?: number; post_id?: number };
export type RiskFormFilter = { cycle?: number | null; level?: RiskLevel | ''; stage?: RiskStage | '' };
export type RiskDocument = 'risk-department.xlsx' | 'risk-personal.xlsx' | 'risk-register.xlsx' | 'risk-register.pdf'
  | 'power-measures.xlsx' | 'power-measures.pdf';

export const riskFormsApi = {
  exportUrl: (doc: RiskDocument, target: RiskFormTarget, filter: RiskFormFilter = {}) =>
    buildUrl(`/exports/${doc}`, { ...target, ...filter }),
  /** Uploads 附件二 (department) or 附件三 (personal); a 400 `import.invalid` carries `rows` (ApiError.data). */
  import: (form: RiskForm, unitId: number, year: number | null, file: Blob, onProgress?: (percent: number) => void) =>
    upload<ImportResult>(`/imports/risk-${form}`, { unit_id: unitId, cycle: year }, file, onProgress),
};
