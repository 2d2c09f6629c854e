import { http, type Query } from './http';
import type {
  Department, DepartmentInput, Page, Post, PostInput, PostQuery, Unit, UnitInput,
} from './types';

export const MAX_PAGE_SIZE = 500;

export const unitApi = {
  list: (query?: { parent_id?: number }) => http.get<{ items: Unit[]; total: number }>('/units', query),
  get: (id: number) => http.get<Unit>(`/units/${id}`),
  create: (body: UnitInput) => http.post<Unit>('/units', body),
  update: (id: number, body: UnitInput) => http.put<Unit>(`/units/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/units/${id}`),
};

export const departmentApi = {
  list: (query: { unit_id?: number; parent_id?: number; page?: number; size?: number }) =>
    http.get<Page<Department>>('/departments', query),
  /** Every department of a unit that the user may see, page after page. */
  async listAll(unitId: number): Promise<Department[]> {
    const all: Department[] = [];
    for (let page = 1; ; page++) {
      const res = await departmentApi.list({ unit_id: unitId, page, size: MAX_PAGE_SIZE });
      all.push(...res.items);
      if (res.items.length === 0 || all.length >= res.total) return all;
    }
  },
  get: (id: number) => http.get<Department>(`/departments/${id}`),
  create: (body: DepartmentInput) => http.post<Department>('/departments', body),
  update: (id: number, body: DepartmentInput) => http.put<Department>(`/departments/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/departments/${id}`),
};

export const postApi = {
  list: (query: PostQuery) => http.get<Page<Post>>('/posts', query as Query),
  get: (id: number) => http.get<Post>(`/posts/${id}`),
  create: (body: PostInput) => http.post<Post>('/posts', body),
  update: (id: number, body: PostInput) => http.put<Post>(`/posts/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/posts/${id}`),
};
