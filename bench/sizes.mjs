// What each route costs in WASM, as served (the .br files `--precompress` writes): the main
// module, and per lazy route its own module plus the shared chunks it loads, from the split
// manifest. `make sizes` after `make build`; the numbers in docs/benchmarks.md come from here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../target/site/pkg');
const hashes = Object.fromEntries(
  fs.readFileSync(path.join(pkg, '../hash.txt'), 'utf8').split('\n').filter((l) => l.includes(':')).map((l) => l.split(':').map((s) => s.trim())),
);
const br = (name) => fs.statSync(path.join(pkg, `${name}.wasm.br`)).size;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const main = br(`casebook.${hashes.wasm}`);
const js = fs.statSync(path.join(pkg, `casebook.${hashes.js}.js.br`)).size;
const manifest = JSON.parse(fs.readFileSync(path.join(pkg, `__wasm_split_manifest.${hashes.manifest}.json`), 'utf8'));
const files = fs.readdirSync(pkg).filter((f) => f.endsWith('.wasm'));
console.log(`main WASM ${kb(main)} brotli; main JS ${kb(js)} brotli; ${files.length} WASM files in all`);
console.log('| lazy route | modules | its WASM (brotli) | with main |');
console.log('|---|---:|---:|---:|');
let worst = 0;
for (const [split, modules] of Object.entries(manifest).sort()) {
  const own = modules.reduce((n, m) => n + br(m), 0);
  worst = Math.max(worst, own + main);
  console.log(`| ${split.replace(/^__/, '').replace(/_\d+$/, '')} | ${modules.length} | ${kb(own)} | ${kb(own + main)} |`);
}
console.log(`largest route total: ${kb(worst)}`);
