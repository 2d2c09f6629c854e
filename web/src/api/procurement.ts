// Procurement red flags (采购监测): processes with their flags, suppliers, buyers, uploads of OCDS releases or CSV
// files, and a unit's indicator settings (docs/api.md, "Procurement").
import { http, upload } from './http';
import type {
  Page, ProcurementBuyer, ProcurementCsvUpload, ProcurementProcess, ProcurementProcessQuery, ProcurementSettings, ProcurementSupplier,
  ProcurementUploadResult,
} from './types';

export const procurementApi = {
  processes: (query: ProcurementProcessQuery) => http.get<Page<ProcurementProcess>>('/procurement/processes', query),
  /** One process with its OCDS release. */
  process: (id: number) => http.get<ProcurementProcess>(`/procurement/processes/${id}`),
  suppliers: (query: { unit_id: number; q?: string; page?: number; size?: number }) =>
    http.get<Page<ProcurementSupplier>>('/procurement/suppliers', query),
  /** One supplier with its history. */
  supplier: (unitId: number, partyId: string) => http.get<ProcurementSupplier>('/procurement/suppliers', { unit_id: unitId, party_id: partyId }),
  buyers: (unitId: number) => http.get<{ items: ProcurementBuyer[]; total: number }>('/procurement/buyers', { unit_id: unitId }),
  buyer: (unitId: number, buyerId: string) => http.get<ProcurementBuyer>('/procurement/buyers', { unit_id: unitId, buyer_id: buyerId }),
  /** OCDS compiled releases, one per line; a bad line refuses the whole file (400 naming the line). */
  uploadReleases: (unitId: number, lines: Blob, onProgress?: (percent: number) => void) =>
    upload<ProcurementUploadResult>('/procurement/releases', { unit_id: unitId }, lines, onProgress),
  uploadCsv: (unitId: number, files: ProcurementCsvUpload) => http.post<ProcurementUploadResult>(`/procurement/csv?unit_id=${unitId}`, files),
  settings: (unitId: number) => http.get<ProcurementSettings>('/procurement/settings', { unit_id: unitId }),
  /** Saves the settings and runs every indicator again. */
  saveSettings: (unitId: number, body: ProcurementSettings) => http.put<ProcurementSettings>(`/procurement/settings?unit_id=${unitId}`, body),
};
