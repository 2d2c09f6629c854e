// Control measures (防控措施): the measures of risk points, their measurements, the check tasks they generate,
// evidence files, and each unit's templates and settings.
import { buildUrl, http, upload, type Query } from './http';
import type {
  Measure, MeasureInput, MeasureQuery, MeasureSettings, MeasureStats, MeasureTask, MeasureTemplate, Measurement,
  MeasurementInput, Page, StoredFile, TaskQuery,
} from './types';

export const measureApi = {
  list: (query: MeasureQuery) => http.get<Page<Measure>>('/measures', query as Query),
  stats: (query: { unit_id?: number; department_id?: number } = {}) => http.get<MeasureStats>('/measures/stats', query),
  get: (id: number) => http.get<Measure>(`/measures/${id}`),
  create: (body: MeasureInput) => http.post<Measure>('/measures', body),
  update: (id: number, body: MeasureInput) => http.put<Measure>(`/measures/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/measures/${id}`),
  measurements: (id: number) => http.get<{ items: Measurement[]; total: number }>(`/measures/${id}/measurements`),
  /** Records a measurement; answers the measure as it now stands (latest, applied). */
  measure: (id: number, body: MeasurementInput) => http.post<Measure>(`/measures/${id}/measurements`, body),
  /** The templates of the risk's level it has not taken yet. */
  proposals: (riskId: number) => http.get<{ items: MeasureTemplate[] }>(`/risks/${riskId}/proposals`),
};

export const taskApi = {
  list: (query: TaskQuery) => http.get<Page<MeasureTask>>('/tasks', query as Query),
  complete: (id: number, body: { note: string; file_id?: number | null }) => http.post<MeasureTask>(`/tasks/${id}/complete`, body),
};

export const fileApi = {
  /** Uploads evidence (PDF, PNG, JPEG, docx, xlsx, txt; 5 MB at most), reporting progress. */
  upload: (file: File, onProgress?: (percent: number) => void) => upload<StoredFile>('/files', { name: file.name }, file, onProgress),
  url: (id: number) => buildUrl(`/files/${id}`),
};

export const measureConfigApi = {
  templates: (unitId: number) => http.get<{ own: boolean; items: MeasureTemplate[] }>('/measure-templates', { unit_id: unitId }),
  saveTemplates: (unitId: number, items: MeasureTemplate[]) =>
    http.put<{ own: boolean; items: MeasureTemplate[] }>(`/measure-templates?unit_id=${unitId}`, { items }),
  settings: (unitId: number) => http.get<MeasureSettings>('/measure-settings', { unit_id: unitId }),
  saveSettings: (unitId: number, body: MeasureSettings) => http.put<MeasureSettings>(`/measure-settings?unit_id=${unitId}`, body),
};

/** Largest evidence file the server keeps. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** What the file picker offers (the server checks the bytes). */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt';
