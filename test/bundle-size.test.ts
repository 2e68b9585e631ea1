/**
 * What an app pays to import the library: each public function alone, and all
 * of them, bundled by esbuild for a browser, minified and gzipped, from the
 * built ES module (decimal.js and zod included).
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as lib from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;

/** The budgets, in bytes after gzip -9. decimal.js alone is about 12.9 KB of each. */
const ONE_FUNCTION = 20_000;
const EVERYTHING = 28_000;

async function gzippedBundle(names: string[]): Promise<number> {
  const result = await build({
    stdin: {
      contents: `import { ${names.join(', ')} } from './dist/index.js';\nglobalThis.used = [${names.join(', ')}];`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return gzipSync(output.contents, { level: 9 }).length;
}

const functions = Object.keys(lib).filter((name) => !/^[A-Z]/.test(name) && !name.endsWith('Schema'));

describe('bundle size', () => {
  it.each(functions)('%s alone stays under 20,000 bytes gzipped', async (name) => {
    const size = await gzippedBundle([name]);
    expect(size).toBeGreaterThan(12_000); // decimal.js is really in it
    expect(size).toBeLessThanOrEqual(ONE_FUNCTION);
  });

  it('every function together stays under 28,000 bytes gzipped', async () => {
    const size = await gzippedBundle(functions);
    expect(size).toBeLessThanOrEqual(EVERYTHING);
  });

  it('tree-shakes: one function costs less than all of them', async () => {
    const one = await gzippedBundle(['retentionRate']);
    const all = await gzippedBundle(functions);
    expect(all - one).toBeGreaterThan(2_000);
  });
});
