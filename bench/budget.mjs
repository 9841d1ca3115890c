// Budget, contacts and "Vandaag" latency at national scale (issue 11). Sequential requests on
// one keep-alive connection; reports the median and the slowest of REPEAT runs in milliseconds
// as JSON lines, with the target where issue 11 sets one.
//   node bench/budget.mjs BASE_URL TEAMLEAD_PASSWORD COACH1_PASSWORD FAMILY_IDS PROGRAMME_ID [REPEAT]
// FAMILY_IDS: comma-separated bench families; each run takes the next one. The bench coaches
// (benchcoach0, ...) share coach1's password (bench/budget-data.sh).
import { benchClient } from './http-client.mjs';

const [base, leadPassword, coachPassword, familyArg, programme, repeatArg] = process.argv.slice(2);
const repeat = Number(repeatArg || 20);
const families = familyArg.split(',');
const { request, login, close } = benchClient(base);

const lead = await login('teamlead', leadPassword);
const coach1 = await login('coach1', coachPassword);
const benchCoach = await login('benchcoach0', coachPassword);
const json = (r) => JSON.parse(r.body.toString('utf8'));
const cases = [
  // The whole audited page (session read, balance, ledger, requests, approvals, the audit
  // commit). The < 1 ms target is the balance's: budget.sh times that query in the database.
  ['one family\'s budget page: balance, ledger, requests (team lead)', lead,
    (i) => `/api/v1/families/${families[i % families.length]}/budget`, null,
    (r) => { const j = json(r); return `${j.ledger.length} entries, ${j.requests.length} requests`; }],
  ['a coach\'s Vandaag (20 families)', benchCoach, () => '/api/v1/me/today', 50,
    (r) => { const j = json(r); return `${j.due_actions.length} due, ${j.waiting_approvals.length} waiting, ${j.below_target.length} below`; }],
  ['coach1\'s Vandaag (demo caseload)', coach1, () => '/api/v1/me/today', 50, null],
  ['programme budget report (JSON)', lead, () => `/api/v1/programmes/${programme}/budget-report`, 300,
    (r) => { const j = json(r); return `${j.by_family.length} families, ${j.programme?.count} requests`; }],
  ['programme budget report (XLSX)', lead, () => `/api/v1/programmes/${programme}/budget-report?format=xlsx`, null,
    (r) => `${r.body.length} bytes`],
  ['programme hours report, 4 weeks (JSON)', lead, () => `/api/v1/programmes/${programme}/contact-hours`, 300,
    (r) => { const j = json(r); return `${j.families.length} families, ${j.coaches.length} coaches`; }],
  ['team lead\'s Vandaag (whole organisation)', lead, () => '/api/v1/me/today', null,
    (r) => { const j = json(r); return `${j.below_target.length} below, ${j.due_measurements.length} measurements`; }],
];
let failed = false;
for (const [label, cookie, path, target, check] of cases) {
  const times = [];
  let status = 0;
  let checked = '';
  for (let i = 0; i < repeat; i++) {
    const r = await request('GET', path(i), { cookie });
    status = r.status;
    times.push(r.ms);
    if (i === 0 && r.status === 200 && check) checked = check(r);
    if (r.status !== 200) checked = r.body.toString('utf8').slice(0, 200);
  }
  times.sort((a, b) => a - b);
  const median = +times[Math.floor(times.length / 2)].toFixed(2);
  // BENCH_SMOKE (scripts/bench-smoke.sh, a debug build at toy size): only the answers count.
  const ok = status === 200 && (target === null || process.env.BENCH_SMOKE === '1' || median < target);
  if (!ok) failed = true;
  console.log(JSON.stringify({ label, status, median_ms: median, max_ms: +times[times.length - 1].toFixed(2),
                               target_ms: target, ok, checked }));
}
close();
process.exit(failed ? 1 : 0);
