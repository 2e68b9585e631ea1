/**
 * examples/notebook.ipynb, a Deno Jupyter notebook, never goes stale: its code
 * cells are extracted in order, the npm: import is pointed at the built
 * package, and the program runs under Deno. Expected figures are worked out
 * in the comments, independently of the library.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Notebook {
  cells: Array<{ cell_type: string; source: string[] | string }>;
}

describe('examples/notebook.ipynb', () => {
  it('runs cell by cell under Deno against the built package and prints the documents’ answers', () => {
    const notebook = JSON.parse(readFileSync(join(root, 'examples', 'notebook.ipynb'), 'utf8')) as Notebook;
    const code = notebook.cells
      .filter((cell) => cell.cell_type === 'code')
      .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source))
      .join('\n\n')
      .replaceAll("'npm:retention-metrics'", JSON.stringify(join(root, 'dist', 'index.js')));
    expect(code).not.toContain('npm:retention-metrics');
    const dir = mkdtempSync(join(tmpdir(), 'retention-metrics-notebook-'));
    try {
      const file = join(dir, 'notebook.ts');
      writeFileSync(file, code);
      const output = execFileSync(
        join(root, 'node_modules', '.bin', 'deno'),
        ['run', '--quiet', '--allow-read', '--allow-env', '--node-modules-dir=manual', file],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      // W01: (110 - 20) / 100; W05: 100 / 0.2 and 500 / 3; C01: 110/0.25 -> 110/0.20;
      // C04: 80 of 100 from the top two; C08: 10 x 40 x (100 - 150) = -20000, and sum of
      // (customers x 100 - 3000) with customers_t = 0.95 customers_{t-1} + 20 is 65040 to the unit;
      // the sBG fit: Fader and Hardie (2007) publish 0.704, 1.182 and 170.0 for year 12.
      for (const fragment of [
        'retention 0.9 = 90 %',
        'lifetime value 500, acquisition ceiling 166.67',
        'CLV 440 -> 550: profit +25 %',
        'top 20 % bring 80 % of revenue',
        'after 10 years: -20000 vs 65040',
        'alpha 0.704, beta 1.182; year 12: 170.0 projected, 173 actual',
        '[chart: actual and projected survivors of the regular cohort]',
      ]) {
        expect(output).toContain(fragment);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
