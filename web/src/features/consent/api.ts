// Consent per person and the team lead's partner organisations.
import { api } from '../../api/client';
import type { Consent, Page } from '../../api/types';

const fam = (id: string) => `/families/${encodeURIComponent(id)}`;

export const PARTNER_KINDS = [
  'woningcorporatie',
  'voedselbank',
  'kledingbank',
  'vakantiebank',
  'bibliotheek',
  'school',
  'schuldhulp',
  'welzijn',
  'wijkteam',
  'anders',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface PartnerOrganisation {
  id: string;
  name: string;
  kind: PartnerKind;
  contact: string;
  active: boolean;
  version: number;
}

export type PersonConsent = Consent & {
  given_by_member_id: string | null;
  subject_member_id: string | null;
  partner_organisation_id: string | null;
};

export interface ConsentTask {
  family_id: string;
  family_name: string;
  coach_id: string | null;
  since: string;
  kind: string;
}

export const consentApi = {
  consents: (id: string, signal?: AbortSignal) => api.get<Page<PersonConsent>>(`${fam(id)}/consents`, undefined, signal),
  add: (
    id: string,
    body: {
      purpose: string;
      partner_organisation_id?: string;
      given_by_member_id: string;
      subject_member_id?: string;
      given_on: string;
      method: string;
    },
  ) => api.post<PersonConsent>(`${fam(id)}/consents`, body),
  partners: (signal?: AbortSignal) => api.get<Page<PartnerOrganisation>>('/partner-organisations', undefined, signal),
  addPartner: (body: { name: string; kind: PartnerKind; contact: string }) => api.post<PartnerOrganisation>('/partner-organisations', body),
  updatePartner: (id: string, body: Partial<Pick<PartnerOrganisation, 'name' | 'kind' | 'contact' | 'active'>>, version: number) =>
    api.patch<PartnerOrganisation>(`/partner-organisations/${encodeURIComponent(id)}`, body, version),
  tasks: (signal?: AbortSignal) => api.get<Page<ConsentTask>>('/tasks/consent', undefined, signal),
};
