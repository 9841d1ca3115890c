#!/usr/bin/env bash
# Prints SQL that adds FAMILIES synthetic families with 12 measurements each to a demo database
# (issue 10 benchmark): a parent and a child per family; the parent has the ZRM 2017 and the
# adult Positieve Gezondheid web, the child the child web, at four moments (nulmeting, two
# tussenmetingen, eindmeting). Families go to programmes of PER_PROGRAMME families each, so a
# programme is the size of a municipality's. Generated in SQL because 3,000,000 rows through
# the API or the C++ demo would take far longer than the measurements being benchmarked.
#   bench/measurements-data.sh sqlite|postgresql FAMILIES PER_PROGRAMME ORG_ID COACH_ID
set -euo pipefail
dialect=$1 families=$2 per=$3 org=$4 coach=$5
programmes=$(( (families + per - 1) / per ))
now='2026-01-01T00:00:00.000Z'

if [[ $dialect == sqlite ]]; then
  id() { echo "'$1' || printf('%020d', $2)"; }      # 22 lower-case hex characters
  series() { echo "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)"; }
  day() { echo "date('2024-01-01', '+' || ($1) || ' days')"; }
  begin='BEGIN;' commit='COMMIT;'
else
  id() { echo "'$1' || lpad(($2)::text, 20, '0')"; }
  series() { echo "WITH n(i) AS (SELECT generate_series(0, $1 - 1))"; }
  day() { echo "to_char(DATE '2024-01-01' + ($1)::int, 'YYYY-MM-DD')"; }
  begin='BEGIN;' commit='COMMIT;'
fi

zrm=(financien werk_opleiding tijdsbesteding huisvesting huiselijke_relaties geestelijke_gezondheid
     lichamelijke_gezondheid middelengebruik basale_adl instrumentele_adl sociaal_netwerk
     maatschappelijke_participatie justitie)
web=(lichaamsfuncties mentaal_welbevinden zingeving kwaliteit_van_leven meedoen dagelijks_functioneren)
kid=(mijn_lichaam mijn_gevoelens_en_gedachten lekker_in_je_vel nu_en_later meedoen dagelijks_leven)

# A JSON object of domain -> value; the value starts at 1-3 and rises with the moment k (0-3).
json() {  # json LOW HIGH domain...
  local low=$1 high=$2 j=0 out="'{'" sep=''
  shift 2
  for d in "$@"; do
    out+=" || '$sep\"$d\":' || min($high, $low + (n.i + $j) % 3 + (k.k + n.i % 2) / 2)"
    sep=','
    j=$((j + 1))
  done
  echo "$out || '}'"
}
[[ $dialect == postgresql ]] && json() {
  local low=$1 high=$2 j=0 out="'{'" sep=''
  shift 2
  for d in "$@"; do
    out+=" || '$sep\"$d\":' || least($high, $low + (n.i + $j) % 3 + (k.k + n.i % 2) / 2)"
    sep=','
    j=$((j + 1))
  done
  echo "$out || '}'"
}

cat <<SQL
$begin
INSERT INTO programmes (id, organisation_id, name, threshold_percent, default_budget_cents,
  contact_target_minutes_per_week, planned_duration_weeks, follow_up_months, active, version, created_at, updated_at)
$(series "$programmes")
SELECT $(id bf n.i), '$org', 'Bench programma ' || n.i, 120, 0, 480, 52, '[6,12,18]', 1, 1, '$now', '$now' FROM n;

INSERT INTO families (id, organisation_id, name, name_key, coach_id, status, version, created_at, updated_at,
  programme_id, phase, intake_date)
$(series "$families")
SELECT $(id ba n.i), '$org', 'Familie Meting ' || n.i, 'familie meting ' || n.i, '$coach', 'active', 1, '$now', '$now',
  $(id bf "n.i % $programmes"), 'afsluiting', $(day "n.i % 300") FROM n;

INSERT INTO members (id, family_id, given_name, family_name, birth_date, sex, household_role, version, created_at, updated_at)
$(series "$families")
SELECT $(id bb n.i), $(id ba n.i), 'Ouder', 'Meting', '1985-03-01', CASE WHEN n.i % 3 = 0 THEN 'male' ELSE 'female' END,
  'parent', 1, '$now', '$now' FROM n
UNION ALL
SELECT $(id bc n.i), $(id ba n.i), 'Kind', 'Meting', '2015-06-01', CASE WHEN n.i % 2 = 0 THEN 'male' ELSE 'female' END,
  'child', 1, '$now', '$now' FROM n;

INSERT INTO member_poverty_generations (member_id, family_id, generation, updated_at)
$(series "$families")
SELECT $(id bb n.i), $(id ba n.i), 1 + n.i % 3, '$now' FROM n;
$commit
SQL

moment="CASE k.k WHEN 0 THEN 'nulmeting' WHEN 3 THEN 'eindmeting' ELSE 'tussenmeting' END"
for spec in "0|zrm|2017|bb|$(json 1 5 "${zrm[@]}")" "1|positieve_gezondheid|1|bb|$(json 3 10 "${web[@]}")" \
            "2|positieve_gezondheid_kind|1|bc|$(json 4 10 "${kid[@]}")"; do
  IFS='|' read -r n_in instrument version who scores <<<"$spec"
  cat <<SQL
$begin
INSERT INTO measurements (id, family_id, member_id, instrument_id, instrument_version, moment, taken_on, filled_in_by,
  scores, domain_scores, notes, recorded_by, recorded_by_name, version, created_at, updated_at)
$(series "$families"), k(k) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)
SELECT $(id bd "(n.i * 12 + $n_in * 4 + k.k)"), $(id ba n.i), $(id "$who" n.i), '$instrument', '$version', $moment,
  $(day "n.i % 300 + k.k * 182"), 'together', $scores, $scores, '{}', '$coach', 'Bench', 1, '$now', '$now'
FROM n CROSS JOIN k;
$commit
SQL
done
if [[ $dialect == postgresql ]]; then echo 'ANALYZE;'; else echo 'ANALYZE;'; fi
