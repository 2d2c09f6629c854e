import { http, type Query } from './http';
import type { Assignment, AssignmentInput, Page, Person, PersonInput, PersonQuery } from './types';

export const personApi = {
  list: (query: PersonQuery) => http.get<Page<Person>>('/people', query as Query),
  get: (id: number) => http.get<Person>(`/people/${id}`),
  create: (body: PersonInput) => http.post<Person>('/people', body),
  update: (id: number, body: PersonInput) => http.put<Person>(`/people/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/people/${id}`),
};

export const assignmentApi = {
  list: (query: { person_id?: number; post_id?: number; current?: boolean; page?: number; size?: number }) =>
    http.get<Page<Assignment>>('/assignments', query),
  create: (body: AssignmentInput) => http.post<Assignment>('/assignments', body),
  update: (id: number, body: AssignmentInput) => http.put<Assignment>(`/assignments/${id}`, body),
  remove: (id: number) => http.del<unknown>(`/assignments/${id}`),
};
