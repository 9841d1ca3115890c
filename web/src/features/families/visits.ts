// The access log per visit (issue 13). The server keeps one audit row per request, so opening a
// family file writes five or six rows at once. People want to know who looked, when and at what:
// consecutive rows of the same person, less than VISIT_GAP_MINUTES apart, with the same kind of
// outcome, form one visit. A refusal never hides inside a visit that went well: it is a visit of
// its own. Pure and free of imports, so it is unit-tested without a browser (tests/visits.test.mjs).

/** Minutes between two rows of the same person after which a new visit starts. Our choice. */
export const VISIT_GAP_MINUTES = 30;

export interface AccessRow {
  seq: number;
  at: string; // UTC, ISO 8601
  user_id: string;
  user_name: string;
  role: string;
  action: string;
  outcome: string;
}

export type OutcomeKind = 'allowed' | 'refused' | 'other';

export interface Visit {
  /** The seq of the visit's newest row: stable while older pages load. */
  key: string;
  user_id: string;
  user_name: string;
  role: string;
  kind: OutcomeKind;
  /** The outcome as recorded (for 'other': not_found, failure, ...). */
  outcome: string;
  first_at: string;
  last_at: string;
  /** What was looked at or done, first first, each action once with how often. */
  actions: { action: string; count: number }[];
  rows: number;
}

export function outcomeKind(outcome: string): OutcomeKind {
  if (outcome === 'success') return 'allowed';
  if (outcome === 'denied' || outcome === 'forbidden') return 'refused';
  return 'other';
}

/**
 * Groups access rows, newest first as the API gives them, into visits, newest first. Rows of all
 * pages loaded so far go in together, so a visit split over a page boundary joins up again.
 */
export function groupVisits(rows: readonly AccessRow[], gapMinutes = VISIT_GAP_MINUTES): Visit[] {
  const gapMs = gapMinutes * 60_000;
  const visits: Visit[] = [];
  // Actions per visit, newest first while collecting; turned around at the end.
  const collected: AccessRow[][] = [];
  for (const row of rows) {
    const kind = outcomeKind(row.outcome);
    const current = visits[visits.length - 1];
    const t = Date.parse(row.at);
    const joins =
      current !== undefined &&
      current.user_id === row.user_id &&
      current.kind === kind &&
      (kind !== 'other' || current.outcome === row.outcome) &&
      Number.isFinite(t) &&
      Date.parse(current.first_at) - t <= gapMs &&
      Date.parse(current.first_at) - t >= 0;
    if (joins) {
      current.first_at = row.at;
      current.rows += 1;
      collected[collected.length - 1].push(row);
    } else {
      visits.push({
        key: String(row.seq),
        user_id: row.user_id,
        user_name: row.user_name,
        role: row.role,
        kind,
        outcome: row.outcome,
        first_at: row.at,
        last_at: row.at,
        actions: [],
        rows: 1,
      });
      collected.push([row]);
    }
  }
  visits.forEach((v, i) => {
    const counts = new Map<string, number>();
    for (const r of [...collected[i]].reverse()) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
    v.actions = [...counts].map(([action, count]) => ({ action, count }));
  });
  return visits;
}
