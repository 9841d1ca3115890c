// Start-up time of the server: from spawn until the first 200 from /healthz.
// One node process spawns and polls (every ~1 ms) so the measurement is not
// dominated by forking a curl per probe.
//   node bench/startup.mjs RUNS HEALTH_URL LOGFILE BIN ARG...
// Prints one line per run: milliseconds with one decimal.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const [runsArg, url, logFile, bin, ...args] = process.argv.slice(2);
const runs = Number(runsArg);
if (!runs || !url || !logFile || !bin) {
  console.error('usage: node bench/startup.mjs RUNS HEALTH_URL LOGFILE BIN ARG...');
  process.exit(2);
}

function probe() {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

async function stop(child, exited) {
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

for (let i = 0; i < runs; i++) {
  const log = openSync(logFile, 'a');
  const t0 = process.hrtime.bigint();
  const child = spawn(bin, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  let code = null;
  const exited = new Promise((resolve) => child.on('exit', (c, s) => { code = c ?? s; resolve(); }));
  let ok = false;
  while (code === null) {
    if ((await probe()) === 200) { ok = true; break; }
    if (Number(process.hrtime.bigint() - t0) > 10e9) break;
    await sleep(1);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code === null) await stop(child, exited);
  if (!ok) {
    console.error(`startup: server did not answer 200 on ${url} (exit: ${code}); see ${logFile}`);
    process.exit(1);
  }
  console.log(ms.toFixed(1));
}
