import { buildUrl, getText, http, upload, type Query } from './http';
import type {
  CatalogueForm, CategoryGroup, FlowView, ImportResult, Page, Power, PowerCategory, PowerInput, PowerQuery,
} from './types';
import { MAX_PAGE_SIZE } from './org';

export const powerApi = {
  list: (query: PowerQuery) => http.get<Page<Power>>('/powers', query as Query),
  /** Every power matching `query` that the user may see, page after page. */
  async listAll(query: Omit<PowerQuery, 'page' | 'size'> = {}): Promise<Power[]> {
    const all: Power[] = [];
    for (let page = 1; ; page++) {
      const res = await powerApi.list({ ...query, page, size: MAX_PAGE_SIZE });
      all.push(...res.items);
      if (res.items.length === 0 || all.length >= res.total) return all;
    }
  },
  get: (id: number) => http.get<Power>(`/powers/${id}`),
  create: (body: PowerInput) => http.post<Power>('/powers', body),
  update: (id: number, body: Partial<PowerInput>) => http.put<Power>(`/powers/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/powers/${id}`),
};

export const categoryApi = {
  list: (unitId: number) => http.get<{ items: PowerCategory[]; total: number }>('/power-categories', { unit_id: unitId }),
  create: (body: { unit_id: number; name: string; group: CategoryGroup }) => http.post<PowerCategory>('/power-categories', body),
  remove: (id: number) => http.del<unknown>(`/power-categories/${id}`),
};

export type FlowDocument = 'bpmn' | 'svg' | 'pnml';

export const flowApi = {
  get: (powerId: number) => http.get<FlowView>(`/powers/${powerId}/flow`),
  /** The stored BPMN document. */
  bpmn: (powerId: number) => getText(`/powers/${powerId}/flow.bpmn`),
  /** Saves a BPMN document; a 400 `flow.invalid` carries `issues` (ApiError.data). */
  save: (powerId: number, xml: string) => http.putRaw<FlowView>(`/powers/${powerId}/flow`, xml, 'application/xml'),
  url: (powerId: number, doc: FlowDocument) => buildUrl(`/powers/${powerId}/flow.${doc}`),
};

export type CatalogueTarget = { unit_id?: number; department_id?: number };

export const catalogueApi = {
  exportUrl: (target: CatalogueTarget, form: CatalogueForm) => buildUrl('/exports/power-catalogue.xlsx', { ...target, form }),
  /** Uploads an XLSX; a 400 `import.invalid` carries `rows` (ApiError.data). */
  import: (unitId: number, form: CatalogueForm, file: Blob, onProgress?: (percent: number) => void) =>
    upload<ImportResult>('/imports/power-catalogue', { unit_id: unitId, form }, file, onProgress),
};
