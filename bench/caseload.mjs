// Caseload API latency with a national-scale organisation: logs in as team lead and as a
// coach and times GET /api/v1/families with the filters and sorts the caseload page uses.
// Sequential requests on one keep-alive connection (the page makes one call at a time);
// reports the median and the slowest of REPEAT runs, in milliseconds, as JSON lines.
//   node bench/caseload.mjs BASE_URL TEAMLEAD_PASSWORD COACH_PASSWORD [REPEAT]
import { benchClient } from './http-client.mjs';

const [base, leadPassword, coachPassword, repeatArg] = process.argv.slice(2);
const repeat = Number(repeatArg || 20);
const { request, login, close } = benchClient(base);

const lead = await login('teamlead', leadPassword);
const coach = await login('coach1', coachPassword);
const firstPage = JSON.parse((await request('GET', '/api/v1/families?limit=50', { cookie: lead })).body);
const cases = [
  ['team lead: first page, by name', lead, '/api/v1/families?limit=50'],
  ['team lead: second page (cursor)', lead, `/api/v1/families?limit=50&cursor=${encodeURIComponent(firstPage.next_cursor)}`],
  ['team lead: phase=actief', lead, '/api/v1/families?limit=50&phase=actief'],
  ['team lead: longest waiting first', lead, '/api/v1/families?limit=50&sort=waiting'],
  ['team lead: recently changed first', lead, '/api/v1/families?limit=50&sort=updated'],
  ['team lead: search "bakker"', lead, '/api/v1/families?limit=50&q=bakker'],
  ['team lead: search with no match', lead, '/api/v1/families?limit=50&q=zzzz-no-such-family'],
  ['coach: own caseload', coach, '/api/v1/families?limit=50'],
  ['team lead: waiting list', lead, '/api/v1/waiting-list?limit=50'],
];
const failed = [];
for (const [label, cookie, path] of cases) {
  const times = [];
  let status = 0;
  for (let i = 0; i < repeat; i++) {
    const r = await request('GET', path, { cookie });
    status = r.status;
    times.push(r.ms);
  }
  if (status !== 200) failed.push(`${label}: ${status}`);
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ label, status, median_ms: +times[Math.floor(times.length / 2)].toFixed(1),
                               max_ms: +times[times.length - 1].toFixed(1) }));
}
close();
// A call that did not answer 200 measured an error page, not the caseload: fail loudly.
if (failed.length) {
  console.error(`caseload: not 200: ${failed.join('; ')}`);
  process.exit(1);
}
