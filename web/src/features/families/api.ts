import { api } from '../../api/client';
import type { AccessLogEntry, Family, Member, MemberInput, Page, Programme, User } from '../../api/types';

export interface FamilyQuery {
  q?: string;
  phase?: string;
  programme_id?: string;
  coach_id?: string;
  /** 'main': with coach_id, only where they are the main coach (as the team overview counts). */
  coach_role?: 'main';
  status?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export const familiesApi = {
  list: (query: FamilyQuery, signal?: AbortSignal) => api.get<Page<Family>>('/families', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Family>(`/families/${encodeURIComponent(id)}`, undefined, signal),
  update: (id: string, body: Partial<Pick<Family, 'name' | 'status' | 'coach_id'>>, version: number) =>
    api.patch<Family>(`/families/${encodeURIComponent(id)}`, body, version),
  members: (id: string, signal?: AbortSignal) => api.get<Page<Member>>(`/families/${encodeURIComponent(id)}/members`, undefined, signal),
  addMember: (id: string, body: MemberInput) => api.post<Member>(`/families/${encodeURIComponent(id)}/members`, body),
  updateMember: (id: string, memberId: string, body: MemberInput, version: number) =>
    api.patch<Member>(`/families/${encodeURIComponent(id)}/members/${encodeURIComponent(memberId)}`, body, version),
  accessLog: (id: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<AccessLogEntry>>(`/families/${encodeURIComponent(id)}/access-log`, { cursor, limit: 50 }, signal),
};

/** Programmes of the organisation; null when the server has no programmes module yet (404). */
export async function loadProgrammes(signal?: AbortSignal): Promise<Programme[] | null> {
  try {
    return (await api.get<Page<Programme>>('/programmes', undefined, signal)).items;
  } catch (err) {
    if (err instanceof Error && 'status' in err && (err as { status: number }).status === 404) return null;
    throw err;
  }
}

/** Coaches the team lead may assign. */
export async function loadCoaches(signal?: AbortSignal): Promise<User[]> {
  const page = await api.get<Page<User>>('/users', { role: 'coach', limit: 200 }, signal);
  return page.items.filter((u) => !u.disabled);
}
