// After `cargo leptos build --release`: minifies the JS that cargo-leptos leaves as written (the
// wasm-split loader and each split module's glue; it minifies only the main glue), and writes
// their precompressed .br and .gz again. File names stay: each names one build's content.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { minify } from 'terser';

const pkg = process.argv[2] ?? 'target/site/pkg';
let before = 0;
let after = 0;
for (const name of fs.readdirSync(pkg).filter((f) => f.endsWith('.js'))) {
  const file = path.join(pkg, name);
  const source = fs.readFileSync(file, 'utf8');
  const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (out.code === undefined || out.code.length >= source.length) continue;
  before += source.length;
  after += out.code.length;
  fs.writeFileSync(file, out.code);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(out.code, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(out.code, { level: 9 }));
}
console.log(`minified the site's JS: ${before} → ${after} bytes`);
