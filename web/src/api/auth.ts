import { http } from './http';
import type { SessionInfo } from './types';

export const authApi = {
  login: (username: string, password: string) => http.post<SessionInfo>('/auth/login', { username, password }),
  logout: () => http.post<{ ok: boolean }>('/auth/logout'),
  me: () => http.get<SessionInfo>('/auth/me'),
};
