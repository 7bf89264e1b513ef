// Compiles every lib and service to dist/ with SWC (type checking is `npm run typecheck`).
import { createRequire } from 'node:module';
import { mkdir, readdir, writeFile, cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { transformFile } from '@swc/core';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');
const outRoot = path.join(root, 'dist');
const options = swcOptions({ rewritePaths: true });

async function* sourceFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|test-setup)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

async function compileTree(srcDir) {
  let count = 0;
  for await (const file of sourceFiles(srcDir)) {
    const rel = path.relative(root, file);
    const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: path.relative(path.dirname(out), file) });
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    if (map) await writeFile(`${out}.map`, map);
    count++;
  }
  return count;
}

await rm(outRoot, { recursive: true, force: true });
let total = 0;
for (const group of ['libs', 'services']) {
  for (const entry of await readdir(path.join(root, group), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const src = path.join(root, group, entry.name, 'src');
    total += await compileTree(src).catch((e) => (e.code === 'ENOENT' ? 0 : Promise.reject(e)));
    const migrations = path.join(root, group, entry.name, 'migrations');
    await cp(migrations, path.join(outRoot, group, entry.name, 'migrations'), { recursive: true }).catch((e) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
await cp(path.join(root, 'proto'), path.join(outRoot, 'proto'), { recursive: true });
console.log(`build: ${total} files compiled to ${path.relative(root, outRoot)}/`);
