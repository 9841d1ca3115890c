// The family budget API (docs/openapi.yaml, /api/v1/families/{id}/budget): allocation, the
// append-only ledger (its sum is the balance), spending requests with approvals and payment.
import { api, buildPath, request } from '../../api/client';

export type ApproverRole = 'coach' | 'family' | 'team_lead';
export const PAYMENT_METHODS = ['bank_transfer', 'pin', 'cash', 'voucher'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Allocation {
  id: string;
  programme_id: string;
  year: number;
  amount_cents: number;
  period_start: string;
  period_end: string;
}

export interface LedgerEntry {
  id: string;
  at: string;
  kind: 'allocation' | 'commit' | 'reversal';
  amount_cents: number;
  request_id: string | null;
  note: string | null;
  by_kind: 'staff' | 'family_member';
  by_name: string;
}

export interface Approval {
  as: ApproverRole;
  principal_kind: 'staff' | 'family_member';
  member_id: string | null;
  name: string;
  /** What a family member typed to sign (null for staff). */
  signature: string | null;
  at: string;
}

export interface SpendingRequest {
  id: string;
  amount_cents: number;
  category: string;
  goal_id: string | null;
  supplier: string;
  description: string;
  status: 'requested' | 'committed' | 'paid' | 'reversed';
  needs: ApproverRole[];
  approvals: Approval[];
  override_reason: string | null;
  committed_at: string | null;
  payment: { paid_on: string; method: string } | null;
  receipt: { content_type: string; size_bytes: number; uploaded_at: string } | null;
  created_at: string;
  created_by_name: string;
}

export interface Budget {
  allocation: Allocation | null;
  balance_cents: number;
  committed_cents: number;
  paid_cents: number;
  pot_year: number | null;
  approval_threshold_cents: number;
  categories: string[];
  ledger: LedgerEntry[];
  requests: SpendingRequest[];
}

export interface RequestInput {
  amount_cents: number;
  category: string;
  goal_id: string | null;
  supplier: string;
  description: string;
}

const base = (id: string) => `/families/${encodeURIComponent(id)}/budget`;
const req = (id: string, rid: string) => `${base(id)}/requests/${encodeURIComponent(rid)}`;

export const budgetApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Budget>(base(id), undefined, signal),
  allocate: (id: string, body: { amount_cents?: number; period_start: string; period_end: string }) => api.post<Allocation>(`${base(id)}/allocation`, body),
  request: (id: string, body: RequestInput) => api.post<SpendingRequest>(`${base(id)}/requests`, body),
  approve: (id: string, rid: string, body: { as: ApproverRole; member_id?: string; signature?: string; override_reason?: string }) =>
    api.post<SpendingRequest>(`${req(id, rid)}/approvals`, body),
  pay: (id: string, rid: string, body: { paid_on: string; method: PaymentMethod }) => api.post<SpendingRequest>(`${req(id, rid)}/payments`, body),
  uploadReceipt: (id: string, rid: string, file: Blob) => request<SpendingRequest>('PUT', `${req(id, rid)}/receipt`, { rawBody: file }).then((r) => r.data),
  correct: (id: string, body: { request_id: string; reason: string }) => api.post<SpendingRequest>(`${base(id)}/corrections`, body),
  receiptUrl: (id: string, rid: string) => `/api/v1${req(id, rid)}/receipt`,
};

// The programme pot and the spending report, for the team lead (docs/openapi.yaml,
// /api/v1/programmes/{pid}/budget-pot and /budget-report).
export interface BudgetPot {
  id: string;
  programme_id: string;
  year: number;
  amount_cents: number;
  committed_cents: number;
  balance_cents: number;
  approval_threshold_cents: number;
  categories: string[];
  /** Row version: a change sends it back as If-Match. */
  version: number;
}

export interface ReportLine {
  key: string;
  label: string;
  committed_cents: number;
  paid_cents: number;
  count: number;
}

/** The programme's totals (added with the XLSX export; absent from older servers). */
export interface ProgrammeTotals {
  name: string;
  committed_cents: number;
  paid_cents: number;
  count: number;
  families_allocated: number;
  allocated_cents: number;
}

export interface BudgetReport {
  programme_id: string;
  year: number;
  pot: BudgetPot | null;
  programme?: ProgrammeTotals | null;
  by_category: ReportLine[];
  by_goal: ReportLine[];
  by_family: ReportLine[];
}

export type ReportFormat = 'csv' | 'xlsx';

const programme = (pid: string) => `/programmes/${encodeURIComponent(pid)}`;

export const potApi = {
  /** Creates the year's pot, or changes it: a change sends the version the user saw (If-Match). */
  put: (pid: string, body: { year: number; amount_cents: number; approval_threshold_cents?: number }, version?: number) =>
    request<BudgetPot>('PUT', `${programme(pid)}/budget-pot`, { body, version }).then((r) => r.data),
  report: (pid: string, year: number, signal?: AbortSignal) => api.get<BudgetReport>(`${programme(pid)}/budget-report`, { year }, signal),
  /** The download link; the server answers with an attachment (CSV, or XLSX as documented). */
  reportUrl: (pid: string, year: number, format: ReportFormat) => buildPath(`/api/v1${programme(pid)}/budget-report`, { year, format }),
};
