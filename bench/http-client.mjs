// The HTTP client of the latency benches (bench/*.mjs): sequential requests on one keep-alive
// connection, each timed from send to the last byte, and a login that returns the session cookie.
import http from 'node:http';

/** A client for BASE_URL: `request` resolves {status, headers, body (Buffer), ms}. */
export function benchClient(base) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  function request(method, path, { body, cookie } = {}) {
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const payload = body ? JSON.stringify(body) : '';
      const req = http.request(base + path, {
        method, agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(cookie ? { cookie } : {}) },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks),
                                      ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async function login(username, password) {
    const r = await request('POST', '/api/v1/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
    return r.headers['set-cookie'][0].split(';')[0];
  }

  return { request, login, close: () => agent.destroy() };
}
