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
const ONE_FUNCTION = 23_000;
const ALL_CLOSED_FORM = 32_000;
// The batch scorers (scoreBgNbd, scoreParetoNbd, scoreSbg, scoreBdw, scoreRows) added about 4.7 KB to both,
// and their intervals (random stream, parameter draws, simulated futures) about 2.6 KB more.
const ALL_MODELS = 51_500;
const EVERYTHING = 62_000;

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
/** The statistical models (fits and their predictions), which work in floating point. */
const models = functions.filter((name) => /^(fit|sbg|bdw|bgNbd|paretoNbd|gammaGamma|predictive|rfm|score)/.test(name));
const closedForm = functions.filter((name) => !models.includes(name));

describe('bundle size', () => {
  it.each(closedForm)('%s alone stays under 23,000 bytes gzipped', async (name) => {
    const size = await gzippedBundle([name]);
    expect(size).toBeGreaterThan(12_000); // decimal.js is really in it
    expect(size).toBeLessThanOrEqual(ONE_FUNCTION);
  });

  it('every closed-form and data function together stays under 32,000 bytes gzipped', async () => {
    expect(await gzippedBundle(closedForm)).toBeLessThanOrEqual(ALL_CLOSED_FORM);
  });

  it(`every model function together stays under ${ALL_MODELS.toLocaleString('en')} bytes gzipped`, async () => {
    expect(models.length).toBeGreaterThan(5);
    expect(await gzippedBundle(models)).toBeLessThanOrEqual(ALL_MODELS);
  });

  it(`the whole library stays under ${EVERYTHING.toLocaleString('en')} bytes gzipped`, async () => {
    expect(await gzippedBundle(functions)).toBeLessThanOrEqual(EVERYTHING);
  });

  it('tree-shakes: one function costs less than all of them', async () => {
    const one = await gzippedBundle(['retentionRate']);
    const all = await gzippedBundle(functions);
    expect(all - one).toBeGreaterThan(2_000);
  });
});
