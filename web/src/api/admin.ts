import { http } from './http';
import type { AuditEntry, AuditVerify, Page, User, UserCreate, UserUpdate } from './types';

export const userApi = {
  list: (query: { q?: string; page?: number; size?: number }) => http.get<Page<User>>('/users', query),
  create: (body: UserCreate) => http.post<User>('/users', body),
  update: (id: number, body: UserUpdate) => http.put<User>(`/users/${id}`, body),
  setPassword: (id: number, password: string) => http.post<unknown>(`/users/${id}/password`, { password }),
};

export const auditApi = {
  list: (query: { entity?: string; page?: number; size?: number }) => http.get<Page<AuditEntry>>('/audit', query),
  verify: () => http.get<AuditVerify>('/audit/verify'),
};
