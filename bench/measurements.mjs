// Measurement API latency at national scale (issue 10): one family's charts (the series of all
// its members, GET /families/{id}/measurements/summary) and a programme's change per domain
// (GET /programmes/{id}/outcomes). Sequential requests on one keep-alive connection; reports the
// median and the slowest of REPEAT runs in milliseconds as JSON lines, with the target, and the
// median as a multiple of GET /healthz measured first in the same run (the machine is shared:
// the ratio says more than the milliseconds when the load changes between runs).
//   node bench/measurements.mjs BASE_URL TEAMLEAD_PASSWORD COACH_PASSWORD FAMILY_IDS PROGRAMME_ID [REPEAT]
// FAMILY_IDS: comma-separated; each run takes the next one, so the cache does not flatter.
import { benchClient } from './http-client.mjs';

const [base, leadPassword, coachPassword, familyArg, programme, repeatArg] = process.argv.slice(2);
const repeat = Number(repeatArg || 20);
const families = familyArg.split(',');
const { request, login, close } = benchClient(base);

const lead = await login('teamlead', leadPassword);
const coach = await login('coach1', coachPassword);
const cases = [
  ['GET /healthz (baseline)', null, () => '/healthz', null],
  ['one family\'s charts (summary)', lead, (i) => `/api/v1/families/${families[i % families.length]}/measurements/summary`, 20],
  ['one family\'s measurements (list)', lead, (i) => `/api/v1/families/${families[i % families.length]}/measurements?limit=50`, 20],
  ['programme change per domain (ZRM, 0-meting to eindmeting)', lead,
    () => `/api/v1/programmes/${programme}/outcomes?instrument=zrm&from=nulmeting&to=eindmeting`, 300],
  ['programme change, tussenmeting to eindmeting', lead,
    () => `/api/v1/programmes/${programme}/outcomes?instrument=zrm&from=tussenmeting&to=eindmeting`, 300],
  ['programme export (CSV)', lead, () => `/api/v1/programmes/${programme}/measurements/export?instrument=zrm&format=csv`, null],
  ['coach: due measurements (30 days)', coach, () => '/api/v1/measurements/due?limit=50', null],
];
let failed = false;
let baseline = null;
for (const [label, cookie, path, target] of cases) {
  const times = [];
  let status = 0;
  let checked = '';
  for (let i = 0; i < repeat; i++) {
    const r = await request('GET', path(i), { cookie });
    status = r.status;
    times.push(r.ms);
    if (i === 0 && r.status === 200 && /outcomes/.test(path(i))) {
      const j = JSON.parse(r.body);
      checked = `n=${j.domains[0].n ?? 'suppressed'}`;
    }
    if (i === 0 && r.status === 200 && /summary/.test(path(i))) {
      const j = JSON.parse(r.body);
      checked = `${j.members.reduce((a, m) => a + m.measurements.length, 0)} measurements`;
    }
  }
  times.sort((a, b) => a - b);
  const median = +times[Math.floor(times.length / 2)].toFixed(1);
  // BENCH_SMOKE (scripts/bench-smoke.sh, a debug build at toy size): only the answers count.
  const ok = status === 200 && (target === null || process.env.BENCH_SMOKE === '1' || median < target);
  if (!ok) failed = true;
  // The exact median of /healthz (not rounded), so small medians give a usable ratio.
  const exact = times[Math.floor(times.length / 2)];
  if (baseline === null) baseline = exact;
  console.log(JSON.stringify({ label, status, median_ms: median, max_ms: +times[times.length - 1].toFixed(1),
                               target_ms: target, ok, checked, x_healthz: +(exact / baseline).toFixed(1) }));
}
close();
process.exit(failed ? 1 : 0);
