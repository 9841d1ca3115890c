// Prints the gzipped size of the JavaScript a browser downloads before the first page can
// render: the entry script and every modulepreload in dist/index.html (lazy pages excluded).
// Budget (issue 4): < 250 KB gzipped. Exits 1 when over budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
const budget = 250;
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  initial JavaScript, gzipped (budget ${budget} KB)`);
process.exit(total / 1024 < budget ? 0 : 1);
