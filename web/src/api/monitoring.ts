// Electronic monitoring (电子监察): a unit's rules with their hit counts, the ingest status, and the tokens business
// systems send their events with.
import { http } from './http';
import type { IngestToken, MonitorRule, MonitorStatus } from './types';

export const monitorApi = {
  /** The unit's rules, and the rest of its rule file (timezone, close_after_days). */
  rules: (unitId: number) =>
    http.get<{ items: MonitorRule[]; total: number; settings?: Record<string, unknown> }>('/monitor-rules', { unit_id: unitId }),
  /** Replaces the unit's rules with a whole rule file (JSON text, checked by the engine: 400 `rules.*`). */
  importRules: (unitId: number, text: string) =>
    http.putRaw<{ items: MonitorRule[]; total: number }>(`/monitor-rules?unit_id=${unitId}`, text, 'application/json'),
  updateRule: (id: number, body: { enabled?: boolean; risk_id?: number | null }) => http.put<MonitorRule>(`/monitor-rules/${id}`, body),
  status: (unitId: number) => http.get<MonitorStatus>('/monitor/status', { unit_id: unitId }),
};

export const ingestTokenApi = {
  list: (unitId?: number | null) => http.get<{ items: IngestToken[]; total: number }>('/ingest-tokens', { unit_id: unitId }),
  /** The answer carries the secret `token`, this once. */
  create: (unitId: number, name: string) => http.post<IngestToken>('/ingest-tokens', { unit_id: unitId, name }),
  revoke: (id: number) => http.del<unknown>(`/ingest-tokens/${id}`),
};
