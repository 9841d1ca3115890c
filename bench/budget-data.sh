#!/usr/bin/env bash
# Prints SQL that adds the issue 11 benchmark data to a demo database: FAMILIES synthetic
# families (a parent each, active, in programmes of PER_PROGRAMME families) with their coach
# (PER_COACH families per coach; the bench coaches share coach1's password hash so the
# benchmark can log in as one), and per family:
#   - a kansplan goal and two actions (one open and due),
#   - this year's allocation and a ledger of 20 entries: the allocation, 17 commits and 2
#     reversals (17 spending requests: 15 paid, 2 reversed) plus one request waiting for the
#     family's approval: 5,000,000 ledger entries at 250,000 families;
#   - 8 contacts, one a week over the last 8 weeks, direct and indirect mixed; every tenth
#     family has this week's visit planned later today: 2,000,000 contacts at 250,000 families.
# Approvals: the open request's coach approval everywhere; the coach's and the parent's (and
# above 500 euro the team lead's) for every request in the first programme, the one the
# benchmark reads. Generated in SQL, set-based, because millions of rows through the API or
# the C++ demo would take far longer than what is being measured.
#   bench/budget-data.sh sqlite|postgresql FAMILIES PER_PROGRAMME PER_COACH ORG_ID LEAD_ID YEAR TODAY
# TODAY: YYYY-MM-DD in Europe/Amsterdam; times are placed relative to it.
set -euo pipefail
dialect=$1 families=$2 per=$3 per_coach=$4 org=$5 lead=$6 year=$7 today=$8
programmes=$(( (families + per - 1) / per ))
coaches=$(( (families + per_coach - 1) / per_coach ))
now="${today}T06:00:00.000Z"
cats='["opleiding","rijbewijs en vervoer","kinderen en school","sport en cultuur","huis en inrichting","gezondheid","overig"]'

if [[ $dialect == sqlite ]]; then
  id() { echo "'$1' || printf('%020d', $2)"; }      # 22 characters
  series() { echo "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)"; }
  day() { echo "date('$today', printf('%+d days', $1))"; }
  # A UTC time MINUTES (an integer expression; negative: later) before TODAY 12:00 UTC.
  at() { echo "strftime('%Y-%m-%dT%H:%M:%S.000Z', '${today} 12:00:00', printf('%+d minutes', -($1)))"; }
else
  id() { echo "'$1' || lpad(($2)::text, 20, '0')"; }
  series() { echo "WITH n(i) AS (SELECT generate_series(0, $1 - 1))"; }
  day() { echo "to_char(DATE '$today' + ($1)::int, 'YYYY-MM-DD')"; }
  at() { echo "to_char(TIMESTAMP '${today} 12:00:00' - make_interval(mins => ($1)::int), 'YYYY-MM-DD\"T\"HH24:MI:SS.000\"Z\"')"; }
fi
k() {  # k(k) AS (0..N-1), joined to n
  local n=$1 out="SELECT 0" j
  for ((j = 1; j < n; j++)); do out+=" UNION ALL SELECT $j"; done
  echo "k(k) AS ($out)"
}
# Amount of request k of family i: 15 to 60 euro (600 and 650 euro now and then: team lead).
amount="CASE WHEN (n.i + k.k) % 23 = 0 THEN 60000 + (k.k % 2) * 5000 ELSE 1500 + ((n.i * 7 + k.k * 13) % 10) * 500 END"
category="CASE (n.i + k.k) % 5 WHEN 0 THEN 'rijbewijs en vervoer' WHEN 1 THEN 'opleiding' WHEN 2 THEN 'kinderen en school' WHEN 3 THEN 'sport en cultuur' ELSE 'huis en inrichting' END"
# Request k was asked (17 - k) * 9 days ago, approved half a day later.
asked="$(at "((17 - k.k) * 9) * 1440")"
approved="$(at "((17 - k.k) * 9) * 1440 - 720")"
status="CASE WHEN k.k IN (3, 11) THEN 'reversed' ELSE 'paid' END"

# SQLite: a large page cache and no fsync while loading (a throwaway benchmark database; the
# server opens it with its own settings afterwards).
if [[ $dialect == sqlite ]]; then echo "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF;"; fi
cat <<SQL
BEGIN;
INSERT INTO users (id, organisation_id, username, display_name, role, password_hash, totp_enabled, disabled, version,
  created_at, updated_at)
$(series "$coaches")
SELECT $(id bu n.i), '$org', 'benchcoach' || n.i, 'Bench Coach ' || n.i, 'coach', u.password_hash, 0, 0, 1, '$now', '$now'
FROM n CROSS JOIN users u WHERE u.username = 'coach1';

INSERT INTO programmes (id, organisation_id, name, threshold_percent, default_budget_cents,
  contact_target_minutes_per_week, planned_duration_weeks, follow_up_months, active, version, created_at, updated_at)
$(series "$programmes")
SELECT $(id bf n.i), '$org', 'Bench programma ' || n.i, 120, 150000, 480, 52, '[6,12,18]', 1, 1, '$now', '$now' FROM n;

INSERT INTO budget_pots (id, organisation_id, programme_id, year, amount_cents, approval_threshold_cents, categories,
  version, created_at, updated_at)
$(series "$programmes")
SELECT $(id bp n.i), '$org', $(id bf n.i), $year, $per * 150000, 50000, '$cats', 1, '$now', '$now' FROM n;

INSERT INTO families (id, organisation_id, name, name_key, coach_id, status, version, created_at, updated_at,
  programme_id, phase, intake_date)
$(series "$families")
SELECT $(id ba n.i), '$org', 'Familie Budget ' || n.i, 'familie budget ' || n.i, $(id bu "n.i / $per_coach"), 'active', 1,
  '$now', '$now', $(id bf "n.i % $programmes"), 'actief', $(day "-200 - n.i % 100") FROM n;

INSERT INTO members (id, family_id, given_name, family_name, birth_date, sex, household_role, version, created_at, updated_at)
$(series "$families")
SELECT $(id bb n.i), $(id ba n.i), 'Ouder', 'Budget', '1985-03-01', CASE WHEN n.i % 3 = 0 THEN 'male' ELSE 'female' END,
  'parent', 1, '$now', '$now' FROM n;

INSERT INTO plan_items (id, family_id, type, goal_id, due_on, done, status, data, created_at, updated_at)
$(series "$families")
SELECT $(id bg n.i), $(id ba n.i), 'goal', NULL, NULL, 0, 'active',
  '{"title":"Rijbewijs B halen","life_domain":"zrm.werk_opleiding","horizon":"short","owner_ids":[]}', '$now', '$now' FROM n
UNION ALL
SELECT $(id bh n.i), $(id ba n.i), 'action', $(id bg n.i), $(day "-(n.i % 30)"), 1, NULL,
  '{"what":"Theorie-examen aanvragen"}', '$now', '$now' FROM n
UNION ALL
SELECT $(id bi n.i), $(id ba n.i), 'action', $(id bg n.i), $(day "n.i % 40 - 20"), 0, NULL,
  '{"what":"Rijlessen plannen"}', '$now', '$now' FROM n;

INSERT INTO budget_allocations (id, family_id, organisation_id, programme_id, pot_id, amount_cents, period_start,
  period_end, created_by, created_at)
$(series "$families")
SELECT $(id bj n.i), $(id ba n.i), '$org', $(id bf "n.i % $programmes"), $(id bp "n.i % $programmes"), 150000,
  '$year-01-01', '$year-12-31', NULL, $(at "170 * 1440") FROM n;
COMMIT;

BEGIN;
INSERT INTO budget_requests (id, family_id, allocation_id, amount_cents, category, goal_id, supplier, description,
  status, override_reason, committed_at, paid_on, payment_method, created_by, created_by_name, created_at, updated_at)
$(series "$families"), $(k 18)
SELECT $(id br "n.i * 18 + k.k"), $(id ba n.i), $(id bj n.i), $amount, $category, $(id bg n.i), 'Leverancier ' || k.k,
  'Uitgave ' || k.k, CASE WHEN k.k = 17 THEN 'requested' ELSE $status END, NULL,
  CASE WHEN k.k = 17 THEN NULL ELSE $approved END, CASE WHEN k.k = 17 THEN NULL ELSE substr($approved, 1, 10) END,
  CASE WHEN k.k = 17 THEN NULL ELSE 'bank_transfer' END, NULL, 'Bench Coach', $asked, $asked
FROM n CROSS JOIN k;
COMMIT;

BEGIN;
INSERT INTO budget_ledger (id, family_id, allocation_id, pot_id, request_id, kind, amount_cents, note, by_kind,
  by_user_id, by_member_id, by_name, at)
$(series "$families")
SELECT $(id bl "n.i * 20"), $(id ba n.i), $(id bj n.i), $(id bp "n.i % $programmes"), NULL, 'allocation', 150000, NULL,
  'staff', NULL, NULL, 'Bench', $(at "170 * 1440") FROM n;
INSERT INTO budget_ledger (id, family_id, allocation_id, pot_id, request_id, kind, amount_cents, note, by_kind,
  by_user_id, by_member_id, by_name, at)
$(series "$families"), $(k 17)
SELECT $(id bl "n.i * 20 + 1 + k.k"), $(id ba n.i), $(id bj n.i), $(id bp "n.i % $programmes"), $(id br "n.i * 18 + k.k"),
  'commit', -($amount), NULL, 'family_member', NULL, $(id bb n.i), 'Ouder Budget', $approved
FROM n CROSS JOIN k;
INSERT INTO budget_ledger (id, family_id, allocation_id, pot_id, request_id, kind, amount_cents, note, by_kind,
  by_user_id, by_member_id, by_name, at)
$(series "$families"), k(k) AS (SELECT 3 UNION ALL SELECT 11)
SELECT $(id bl "n.i * 20 + 18 + k.k / 11"), $(id ba n.i), $(id bj n.i), $(id bp "n.i % $programmes"),
  $(id br "n.i * 18 + k.k"), 'reversal', $amount, 'Teruggestort', 'staff', '$lead', NULL, 'Bench', $(at "((17 - k.k) * 9 - 5) * 1440")
FROM n CROSS JOIN k;
COMMIT;

BEGIN;
INSERT INTO budget_approvals (id, request_id, family_id, as_role, principal_kind, user_id, member_id, approver_key,
  name, recorded_by, at)
$(series "$families")
SELECT $(id bk "n.i * 18 + 17"), $(id br "n.i * 18 + 17"), $(id ba n.i), 'coach', 'staff', $(id bu "n.i / $per_coach"),
  NULL, 'user:' || $(id bu "n.i / $per_coach"), 'Bench Coach', $(id bu "n.i / $per_coach"), $(at "0") FROM n;
INSERT INTO budget_approvals (id, request_id, family_id, as_role, principal_kind, user_id, member_id, approver_key,
  name, recorded_by, at)
$(series "$per"), $(k 17), r(r) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2)
SELECT $(id bm "(n.i * $programmes * 18 + k.k) * 3 + r.r"), $(id br "n.i * $programmes * 18 + k.k"),
  $(id ba "n.i * $programmes"), CASE r.r WHEN 0 THEN 'coach' WHEN 1 THEN 'family' ELSE 'team_lead' END,
  CASE r.r WHEN 1 THEN 'family_member' ELSE 'staff' END,
  CASE r.r WHEN 0 THEN $(id bu "n.i * $programmes / $per_coach") WHEN 2 THEN '$lead' ELSE NULL END,
  CASE r.r WHEN 1 THEN $(id bb "n.i * $programmes") ELSE NULL END,
  CASE r.r WHEN 0 THEN 'user:' || $(id bu "n.i * $programmes / $per_coach") WHEN 1 THEN 'member:' || $(id bb "n.i * $programmes")
    ELSE 'user:$lead' END,
  CASE r.r WHEN 1 THEN 'Ouder Budget' ELSE 'Bench' END, $(id bu "n.i * $programmes / $per_coach"), $approved
FROM n CROSS JOIN k CROSS JOIN r
WHERE n.i * $programmes < $families AND (r.r < 2 OR (n.i * $programmes + k.k) % 23 = 0);
COMMIT;

BEGIN;
INSERT INTO contacts (id, family_id, coach_id, coach_name, started_at, duration_minutes, kind, direct, planned,
  member_ids, topics, note, follow_ups, created_at)
$(series "$families"), $(k 8)
SELECT $(id bc "n.i * 8 + k.k"), $(id ba n.i), $(id bu "n.i / $per_coach"), 'Bench Coach',
  CASE WHEN k.k = 0 AND n.i % 10 = 3 THEN $(at "-(60 + n.i % 300)") ELSE $(at "(k.k * 7 + 1 + n.i % 5) * 1440 + n.i % 600") END,
  45 + 15 * ((n.i + k.k) % 6),
  CASE (n.i + k.k) % 6 WHEN 0 THEN 'home_visit' WHEN 1 THEN 'kitchen_table' WHEN 2 THEN 'phone' WHEN 3 THEN 'video'
    WHEN 4 THEN 'office' ELSE 'accompanied_appointment' END,
  CASE WHEN (n.i + k.k) % 6 = 2 THEN 0 ELSE 1 END, CASE WHEN k.k = 0 AND n.i % 10 = 3 THEN 1 ELSE 0 END,
  CASE WHEN (n.i + k.k) % 6 = 2 THEN '[]' ELSE '["' || $(id bb n.i) || '"]' END, '["zrm.financien"]', NULL,
  CASE WHEN (n.i + k.k) % 4 = 1 THEN '["Afspraak maken bij de schuldhulp"]' ELSE '[]' END, '$now'
FROM n CROSS JOIN k;
COMMIT;
ANALYZE;
SQL
