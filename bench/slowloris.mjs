// Slow connections (issue 12, finding 4): CONNS connections that each send a request head one
// header line every INTERVAL_MS and never finish it, while a probe asks GET /healthz every
// 250 ms from another address (127.0.0.2) with a 2 s timeout. A connection the server closes is
// opened again, as an attacker would. Loopback only; stops by itself after SECONDS.
//   node bench/slowloris.mjs BASE_URL [CONNS=1100] [SECONDS=30] [INTERVAL_MS=5000] [ADDRESSES=10]
// The slow connections come from ADDRESSES source addresses 127.0.0.10, 127.0.0.11, ... so a
// per-address cap does not hide whether the server can hold them all. Prints one JSON line:
// probe latencies and failures, how long the server let a slow connection live, and how many
// it refused. Exit 1 when a probe failed: /healthz must keep answering.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const [base, connsArg, secondsArg, intervalArg, addressesArg] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/slowloris.mjs BASE_URL [CONNS] [SECONDS] [INTERVAL_MS] [ADDRESSES]');
  process.exit(2);
}
const url = new URL(base);
if (!/^127\./.test(url.hostname)) {
  console.error('slowloris: loopback (127.0.0.0/8) targets only');
  process.exit(2);
}
const port = Number(url.port);
const conns = Number(connsArg || 1100);
const seconds = Number(secondsArg || 30);
const interval = Number(intervalArg || 5000);
const addresses = Math.max(1, Number(addressesArg || 10));
const deadline = Date.now() + seconds * 1000;

const stats = { opened: 0, closedByServer: 0, refused503: 0, connectErrors: 0, lifetimesMs: [], peakOpen: 0 };
let open = 0;
const sockets = new Set();

function slowConnection(i) {
  if (Date.now() >= deadline) return;
  const localAddress = `127.0.0.${10 + (i % addresses)}`;
  const s = net.connect({ host: url.hostname, port, localAddress });
  const started = Date.now();
  let data = '';
  let timer = null;
  let connected = false;
  sockets.add(s);
  s.on('connect', () => {
    connected = true;
    stats.opened++;
    open++;
    stats.peakOpen = Math.max(stats.peakOpen, open);
    s.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n`);
    timer = setInterval(() => s.write(`X-Slow-${Math.random().toString(36).slice(2, 8)}: 1\r\n`), interval);
  });
  s.on('data', (d) => (data += d.toString('latin1')));
  s.on('error', () => {});
  s.on('close', () => {
    clearInterval(timer);
    sockets.delete(s);
    if (!connected) stats.connectErrors++;
    else {
      open--;
      if (s.closedByUs) return;
      if (/^HTTP\/1\.[01] 503/.test(data)) stats.refused503++;
      else {
        stats.closedByServer++;
        stats.lifetimesMs.push(Date.now() - started);
      }
    }
    // Keep the pressure on, but not in a tight loop when the server refuses at once.
    setTimeout(() => slowConnection(i), 200);
  });
}

function probe() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const s = net.connect({ host: url.hostname, port, localAddress: '127.0.0.2' });
    let data = '';
    const timer = setTimeout(() => s.destroy(), 2000);
    s.on('connect', () => s.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    s.on('data', (d) => (data += d));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      const ok = /^HTTP\/1\.1 200/.test(data);
      resolve({ ok, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

// Open the slow connections in batches, so the listen backlog is not the thing measured.
for (let i = 0; i < conns; i++) {
  slowConnection(i);
  if (i % 100 === 99) await sleep(50);
}
const probes = [];
while (Date.now() < deadline) {
  probes.push(await probe());
  await sleep(250);
}
for (const s of sockets) {
  s.closedByUs = true;
  s.destroy();
}

const pct = (xs, p) => {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
};
const latencies = probes.filter((p) => p.ok).map((p) => p.ms);
const result = {
  conns, seconds, interval_ms: interval, addresses,
  probes: probes.length,
  probe_failures: probes.filter((p) => !p.ok).length,
  probe_p50_ms: pct(latencies, 50), probe_p99_ms: pct(latencies, 99), probe_max_ms: pct(latencies, 100),
  slow_opened: stats.opened, slow_peak_open: stats.peakOpen,
  slow_closed_by_server: stats.closedByServer, slow_lifetime_median_ms: pct(stats.lifetimesMs, 50),
  slow_refused_503: stats.refused503, connect_errors: stats.connectErrors,
};
console.log(JSON.stringify(result));
process.exit(result.probe_failures > 0 ? 1 : 0);
