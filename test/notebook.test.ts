/**
 * examples/notebook.ipynb, a Deno Jupyter notebook, is run as a reader runs
 * it: by a Jupyter client (nbclient, through test/support/notebook-run.py)
 * talking to the Deno kernel of node_modules/.bin/deno, cell after cell, in
 * the notebook's own folder, against the local build it imports
 * (../dist/index.js). The executed copy goes to a temporary folder; the test
 * reads its outputs: the printed answers, and the Vega-Lite MIME bundle of
 * each chart cell with the data points it must hold. Expected figures are
 * worked out here or in the comments, independently of the library.
 *
 * Without a Jupyter client (python3 with nbclient and nbformat: Debian's
 * python3-nbclient) the kernel run is skipped with a message; the checks of
 * the notebook file itself always run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCdnowSummary } from './support/cdnow.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const notebookPath = join(root, 'examples', 'notebook.ipynb');
const vegaLite = 'application/vnd.vegalite.v5+json';

interface Output {
  output_type: string;
  name?: string;
  text?: string[] | string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id?: string;
  source: string[] | string;
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name?: string } };
  cells: Cell[];
}
type Spec = Record<string, unknown> & { layer?: Spec[]; data?: { values?: Array<Record<string, unknown>> } };

const text = (value: string[] | string | undefined) => (Array.isArray(value) ? value.join('') : (value ?? ''));
const readNotebook = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Notebook;

/** A python3 that can import nbclient and nbformat, or undefined. Debian's lives in /usr/bin. */
function findJupyterClient(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import nbclient, nbformat'], { stdio: 'ignore', timeout: 20_000 });
    if (probe.status === 0) return python;
  }
  return undefined;
}

// The chart cells, by id, and what each must draw.
const chartCells = ['chart-sbg-retention', 'chart-bgnbd-tracking', 'chart-revenue-lorenz', 'chart-mrr-movements'];

describe('examples/notebook.ipynb, the file', () => {
  const notebook = readNotebook(notebookPath);

  it('is nbformat 4.5 with a unique, valid id on every cell, for the Deno kernel, shipped without outputs', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(notebook.metadata.kernelspec?.name).toBe('deno');
    const ids = notebook.cells.map((cell) => cell.id);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/); // the nbformat 4.5 schema's pattern
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(chartCells));
    for (const cell of notebook.cells.filter((c) => c.cell_type === 'code')) {
      expect(cell.outputs, cell.id).toEqual([]);
      expect(cell.execution_count, cell.id).toBeNull();
    }
  });

  it('imports the local build on one line, and its first cell says how to switch to npm:retention-metrics', () => {
    const [first] = notebook.cells;
    expect(first?.cell_type).toBe('markdown');
    expect(text(first?.source)).toContain("} from '../dist/index.js';");
    expect(text(first?.source)).toContain("} from 'npm:retention-metrics';");
    const codeLines = notebook.cells
      .filter((cell) => cell.cell_type === 'code')
      .flatMap((cell) => text(cell.source).split('\n'));
    expect(codeLines.filter((line) => line.includes('dist/index.js'))).toEqual(["} from '../dist/index.js';"]);
    expect(codeLines.filter((line) => line.includes('npm:retention-metrics'))).toEqual([]);
  });
});

const python = findJupyterClient();
if (!python) {
  console.warn(
    'test/notebook.test.ts: SKIPPING the run of examples/notebook.ipynb in the Deno Jupyter kernel: no Jupyter ' +
      'client (python3 with nbclient and nbformat). Install it with: apt-get install python3-nbclient python3-nbformat',
  );
}

describe.skipIf(!python)('examples/notebook.ipynb, run in the Deno Jupyter kernel', () => {
  let dir = '';
  let executedCopy: Notebook | undefined;
  let runFailure = '';
  // The executed notebook; every test fails with the client's message when the run itself failed.
  const executed = (): Notebook => {
    if (!executedCopy) throw new Error(`the notebook did not run: ${runFailure}`);
    return executedCopy;
  };
  const cell = (id: string) => {
    const found = executed().cells.find((c) => c.id === id);
    if (!found) throw new Error(`no cell ${id} in the executed notebook`);
    return found;
  };
  const spec = (id: string): Spec => {
    const bundles = (cell(id).outputs ?? []).filter((o) => o.output_type === 'display_data' && o.data?.[vegaLite]);
    expect(bundles, `${id}: one Vega-Lite display`).toHaveLength(1);
    const data = bundles[0]?.data ?? {};
    // A line of text for viewers without a Vega-Lite renderer (an HTML export among them).
    expect(text(data['text/plain'] as string[] | string | undefined)).toMatch(/^Chart: /);
    return data[vegaLite] as Spec;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'retention-metrics-notebook-'));
    // A kernelspec of the test's own, so that the project's pinned Deno runs the notebook whatever is
    // registered on the machine (deno jupyter --install writes the same argv to the user's Jupyter folder).
    mkdirSync(join(dir, 'kernels', 'deno'), { recursive: true });
    writeFileSync(
      join(dir, 'kernels', 'deno', 'kernel.json'),
      JSON.stringify({
        argv: [join(root, 'node_modules', '.bin', 'deno'), 'jupyter', '--kernel', '--conn', '{connection_file}'],
        display_name: 'Deno',
        language: 'typescript',
      }),
    );
    const out = join(dir, 'executed.ipynb');
    // nbclient's own limit per cell is 50 s; the whole run takes a few seconds.
    const run = spawnSync(
      python as string,
      [join(root, 'test', 'support', 'notebook-run.py'), notebookPath, out, 'deno', '50'],
      {
        env: { ...process.env, JUPYTER_PATH: dir, JUPYTER_RUNTIME_DIR: join(dir, 'runtime') },
        encoding: 'utf8',
        timeout: 55_000,
      },
    );
    if (run.status === 0) executedCopy = readNotebook(out);
    else runFailure = `status ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`;
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('executes every code cell without an error or anything on stderr', () => {
    const code = executed().cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(0);
    for (const c of code) {
      expect(c.execution_count, `${c.id} ran`).toEqual(expect.any(Number));
      const failures = (c.outputs ?? [])
        .filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))
        .map((o) => `${o.ename ?? 'stderr'}: ${o.evalue ?? text(o.text)}`);
      expect(failures, `${c.id} errors`).toEqual([]);
    }
  });

  it('prints the documents’ answers', () => {
    const printed = executed()
      .cells.flatMap((c) => c.outputs ?? [])
      .filter((o) => o.output_type === 'stream')
      .map((o) => text(o.text))
      .join('');
    // W01: (110 - 20) / 100; W05: 100 / 0.2 and 500 / 3; C01: 110/0.25 -> 110/0.20;
    // C04: 80 of 100 from the top two; C08: 10 x 40 x (100 - 150) = -20000, and sum of
    // (customers x 100 - 3000) with customers_t = 0.95 customers_{t-1} + 20 is 65040 to the unit;
    // the sBG fit: Fader and Hardie (2007) publish 0.704, 1.182 and 170.0 for year 12; the BG/NBD
    // fit on the CDNOW sample: Fader, Hardie and Lee (2005) publish r 0.243, alpha 4.414, a 0.793, b 2.426.
    for (const fragment of [
      'retention 0.9 = 90 %',
      'lifetime value 500, acquisition ceiling 166.67',
      'CLV 440 -> 550: profit +25 %',
      'top 20 % bring 80 % of revenue',
      'after 10 years: -20000 vs 65040',
      'alpha 0.704, beta 1.182; year 12: 170.0 projected, 173 actual',
      '2357 customers; BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426',
    ]) {
      expect(printed).toContain(fragment);
    }
  });

  it('shows every chart as a Vega-Lite v5 spec with a title and titled axes', () => {
    for (const id of chartCells) {
      const chart = spec(id);
      expect(chart.$schema, id).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect((chart.title as { text?: string } | undefined)?.text, id).toEqual(expect.any(String));
      const titles = (channel: 'x' | 'y') =>
        collectLayers(chart)
          .map((layer) => (layer.encoding as Record<string, { title?: unknown }> | undefined)?.[channel]?.title)
          .filter((title) => typeof title === 'string' && title.length > 0);
      expect(titles('x').length, `${id} x axis title`).toBeGreaterThan(0);
      expect(titles('y').length, `${id} y axis title`).toBeGreaterThan(0);
    }
  });

  it('draws the regular cohort: 13 actual years against the sBG fit and its 95 % interval', () => {
    const rows = spec('chart-sbg-retention').data?.values ?? [];
    expect(rows).toHaveLength(13); // years 0..12
    // The cohort as published (test/fixtures/sbg-fader-hardie-2007.json), and the published
    // projections of the fit on years 0..7 (test/fixtures/README.md), rounded to 0.1.
    const cohorts = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sbg-fader-hardie-2007.json'), 'utf8'));
    const published = [1000, 626.7, 473.8, 388.0, 332.1, 292.3, 262.5, 239.0, 220.1, 204.4, 191.2, 179.9, 170.0];
    rows.forEach((row, year) => {
      const { survivors, expected, lower, upper, series } = row as {
        survivors: number;
        expected: number;
        lower: number;
        upper: number;
        series: string;
      };
      expect(row.year).toBe(year);
      expect(survivors).toBe(cohorts.cohorts.regular.survivors[year]);
      expect(Math.abs(expected - (published[year] as number))).toBeLessThanOrEqual(0.06);
      // The interval holds the fit, is empty at year 0 (everyone is there) and open after it.
      expect(lower).toBeLessThanOrEqual(expected);
      expect(upper).toBeGreaterThanOrEqual(expected);
      expect(upper - lower > 0).toBe(year > 0);
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1000);
      expect(series).toBe(year < 8 ? 'Actual, years 0-7 (fitted)' : 'Actual, years 8-12 (holdout)');
    });
  });

  it('draws the BG/NBD tracking plot: 78 weeks of actual and expected cumulative repeat purchases', () => {
    const chart = spec('chart-bgnbd-tracking');
    const rows = chart.data?.values ?? [];
    expect(rows).toHaveLength(2 * 78);
    const series = (name: string) =>
      rows.filter((row) => row.series === name).map((row) => row as { week: number; purchases: number });
    const actual = series('Actual');
    const expected = series('BG/NBD, expected');
    for (const line of [actual, expected]) {
      expect(line.map((row) => row.week)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1));
      for (let i = 1; i < line.length; i++)
        expect(line[i]?.purchases).toBeGreaterThanOrEqual(line[i - 1]?.purchases ?? 0);
    }
    // Week 39 ends on 1997-09-30, the end of calibration: the actual count is the sum of x in the
    // published summary; week 78 ends on 1998-06-30, and the holdout has 1882 repeat purchase days
    // (a Python count of the raw file, see test/examples.test.ts).
    const summary = readCdnowSummary();
    const calibrationRepeats = summary.reduce((sum, c) => sum + c.frequency, 0);
    expect(actual[38]?.purchases).toBe(calibrationRepeats);
    expect(actual[77]?.purchases).toBe(calibrationRepeats + 1882);
    // Expected at the end of week 39 is the sum of E[X(T_i)] over the published ages T_i, and at the
    // end of week 78 of E[X(T_i + 39)]; E[X(t)] from FHL (2005) equation 9 by its own series below, at
    // the parameters the spec records (usermeta). The ages are published to 0.01 week, so the sums agree
    // to about 1e-4; the same ages a day older or younger would be 0.25 % off.
    const model = chart.usermeta as { r: number; alpha: number; a: number; b: number };
    expect(model.r).toBeCloseTo(0.243, 3); // published: r 0.243, alpha 4.414, a 0.793, b 2.426
    expect(model.b).toBeCloseTo(2.426, 3);
    const week39 = summary.reduce((sum, c) => sum + expectedRepeats(model, c.age), 0);
    const week78 = summary.reduce((sum, c) => sum + expectedRepeats(model, c.age + 39), 0);
    expect(Math.abs((expected[38]?.purchases ?? 0) / week39 - 1)).toBeLessThan(5e-4);
    expect(Math.abs((expected[77]?.purchases ?? 0) / week78 - 1)).toBeLessThan(5e-4);
  });

  it('draws the Lorenz curve of CDNOW revenue: 101 points from (0, 0) to (1, 1), with the Gini in its subtitle', () => {
    const chart = spec('chart-revenue-lorenz');
    // The curve is the layer with more than two points (the diagonal has two, the marked point one).
    const points = (
      collectLayers(chart)
        .map((layer) => layer.data?.values)
        .find((values) => (values?.length ?? 0) > 2) ?? []
    ).map((row) => row as { customers: number; revenue: number });
    expect(points).toHaveLength(101);
    expect(points[0]).toEqual({ customers: 0, revenue: 0 });
    expect(points[100]).toEqual({ customers: 1, revenue: 1 });
    for (let k = 1; k <= 100; k++) {
      expect(points[k]?.customers).toBeCloseTo(k / 100, 12);
      const step = (points[k]?.revenue ?? 0) - (points[k - 1]?.revenue ?? 0);
      const before = k > 1 ? (points[k - 1]?.revenue ?? 0) - (points[k - 2]?.revenue ?? 0) : 0;
      expect(step).toBeGreaterThanOrEqual(before - 1e-12); // convex: the largest spenders come last
    }
    // Independently, from the raw file: each customer's total, sorted ascending; L(p) interpolates
    // linearly between customers; Gini = (2 sum_i i x_(i) - (n + 1) total) / (n total).
    const revenue = new Map<number, number>();
    for (const line of readFileSync(join(root, 'test', 'fixtures', 'cdnow', 'CDNOW_sample.txt'), 'utf8')
      .trim()
      .split('\n')) {
      const [, id, , , dollars] = line.trim().split(/\s+/);
      revenue.set(Number(id), (revenue.get(Number(id)) ?? 0) + Number(dollars));
    }
    const sorted = [...revenue.values()].sort((x, y) => x - y);
    const n = sorted.length;
    const total = sorted.reduce((sum, x) => sum + x, 0);
    const cumulative = [0];
    for (const x of sorted) cumulative.push((cumulative.at(-1) ?? 0) + x);
    const lorenzAt = (p: number) => {
      const whole = Math.floor(p * n);
      const next = sorted[whole] ?? 0;
      return ((cumulative[whole] ?? 0) + (p * n - whole) * next) / total;
    };
    expect(n).toBe(2357);
    for (const k of [10, 50, 80, 90, 99]) expect(points[k]?.revenue).toBeCloseTo(lorenzAt(k / 100), 9);
    const gini = (2 * sorted.reduce((sum, x, i) => sum + (i + 1) * x, 0) - (n + 1) * total) / (n * total);
    expect((chart.title as { subtitle?: string }).subtitle).toContain(`Gini coefficient ${gini.toFixed(3)}`);
    // The marked point: where the curve reaches 20 %, the rest of the customers bring 80 %.
    const marked = collectLayers(chart)
      .map((layer) => layer.data?.values)
      .find((values) => values?.length === 1)?.[0] as { customers: number; revenue: number } | undefined;
    expect(marked?.revenue).toBe(0.2);
    expect(lorenzAt(marked?.customers ?? 0)).toBeCloseTo(0.2, 6);
  });

  it('draws the MRR movements of examples/data/saas-subscriptions.csv: 12 months x 5 movements, as counted from the file', () => {
    const chart = spec('chart-mrr-movements');
    const bars = (chart.data?.values ?? []).map(
      (row) => row as { month: string; movement: string; amount: number; customers: number },
    );
    expect(bars).toHaveLength(12 * 5);
    const counted = csvMrrMovements(readFileSync(join(root, 'examples', 'data', 'saas-subscriptions.csv'), 'utf8'));
    for (const month of counted) {
      for (const kind of MOVEMENT_KINDS) {
        const bar = bars.find((row) => row.month === month.month && row.movement === kind.label);
        const where = `${month.month} ${kind.label}`;
        expect(bar, where).toBeDefined();
        // Gains above zero, losses below.
        expect(bar?.amount, where).toBeCloseTo(kind.sign * month[kind.key].amount, 9);
        expect(bar?.customers, where).toBe(month[kind.key].customers);
      }
    }
    // The line: net new MRR, the change of MRR from one month end to the next.
    const line = collectLayers(chart)
      .map((layer) => layer.data?.values)
      .find((values) => values?.length === 12)
      ?.map((row) => row as { month: string; netNewMrr: number; endingMrr: number });
    expect(line?.map((row) => row.month)).toEqual(counted.map((m) => m.month));
    line?.forEach((row, i) => {
      expect(row.netNewMrr).toBeCloseTo((counted[i]?.end ?? 0) - (counted[i]?.start ?? 0), 9);
      expect(row.endingMrr).toBeCloseTo(counted[i]?.end ?? 0, 9);
    });
    const printed = text(cell('chart-mrr-movements').outputs?.find((o) => o.output_type === 'stream')?.text);
    expect(printed).toContain(
      `41 subscription rows; MRR ${counted[0]?.start.toFixed(2)} at the start of 2026, ${counted[11]?.end.toFixed(2)} at its end`,
    );
  });
});

/** The spec and its layers, nested layers included. */
function collectLayers(spec: Spec): Spec[] {
  return [spec, ...(spec.layer ?? []).flatMap(collectLayers)];
}

/**
 * A new customer's expected repeat purchases by age t under the BG/NBD (Fader, Hardie and Lee 2005,
 * equation 9): (a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))],
 * with the Gauss series summed until its terms vanish (z < 1 here).
 */
function expectedRepeats({ r, alpha, a, b }: { r: number; alpha: number; a: number; b: number }, t: number): number {
  const z = t / (alpha + t);
  const c = a + b - 1;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000 && Math.abs(term) > 1e-16 * Math.abs(sum); k++) {
    term *= (((r + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
  }
  return (c / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * sum);
}

const MOVEMENT_KINDS = [
  { key: 'new', label: 'New', sign: 1 },
  { key: 'expansion', label: 'Expansion', sign: 1 },
  { key: 'reactivation', label: 'Reactivation', sign: 1 },
  { key: 'contraction', label: 'Contraction', sign: -1 },
  { key: 'churn', label: 'Churn', sign: -1 },
] as const;
type MovementKey = (typeof MOVEMENT_KINDS)[number]['key'];
type CountedMonth = { month: string; start: number; end: number } & Record<
  MovementKey,
  { amount: number; customers: number }
>;

/**
 * The MRR movements of each month of 2026, counted from the CSV by brute force, without the library:
 * a row's MRR is (amount - discount) x 12 / (months of its interval) in whole twelfths of a cent; a
 * customer's MRR at boundary b sums the rows with started_at < b <= ended_at (the last instant before
 * b); the start and end MRR s, e of a month give new (s = 0 < e, never paying at a month boundary
 * since January 2024), reactivation (s = 0 < e, paying at an earlier one), churn (of s), expansion (e - s)
 * or contraction (s - e).
 */
function csvMrrMovements(csv: string): CountedMonth[] {
  const [, ...lines] = csv.trim().split('\n');
  const monthsOf: Record<string, number> = { month: 1, quarter: 3, year: 12 };
  const day = (value: string) => (value === '' ? Number.POSITIVE_INFINITY : Date.parse(`${value}T00:00:00Z`));
  const rows = lines.map((line) => {
    const [customer = '', started = '', ended = '', amount = '', interval = '', discount = ''] = line.trim().split(',');
    const units = (Number(amount) - Number(discount || 0)) * 100 * (12 / (monthsOf[interval || 'month'] ?? Number.NaN));
    return { customer, start: day(started), end: day(ended), units };
  });
  const customers = [...new Set(rows.map((row) => row.customer))];
  const at = (customer: string, b: number) =>
    rows.reduce((sum, row) => (row.customer === customer && row.start < b && b <= row.end ? sum + row.units : sum), 0);
  const boundary = (k: number) => Date.UTC(2026, k, 1); // k = 0: 1 January 2026, k = 12: 1 January 2027
  const earlier = Array.from({ length: 24 }, (_, m) => Date.UTC(2024, m, 1));
  const toMoney = (units: number) => units / 1200;
  return Array.from({ length: 12 }, (_, k) => {
    const month: CountedMonth = {
      month: `2026-${String(k + 1).padStart(2, '0')}`,
      start: 0,
      end: 0,
      ...(Object.fromEntries(MOVEMENT_KINDS.map(({ key }) => [key, { amount: 0, customers: 0 }])) as Record<
        MovementKey,
        { amount: number; customers: number }
      >),
    };
    for (const customer of customers) {
      const s = at(customer, boundary(k));
      const e = at(customer, boundary(k + 1));
      month.start += toMoney(s);
      month.end += toMoney(e);
      let key: MovementKey | undefined;
      let amount = 0;
      if (s === 0 && e > 0) {
        const before = [...earlier, ...Array.from({ length: k }, (_, j) => boundary(j))];
        key = before.some((b) => at(customer, b) > 0) ? 'reactivation' : 'new';
        amount = e;
      } else if (s > 0 && e === 0) [key, amount] = ['churn', s];
      else if (s > 0 && e > s) [key, amount] = ['expansion', e - s];
      else if (s > 0 && e < s) [key, amount] = ['contraction', s - e];
      if (key) {
        month[key].amount += toMoney(amount);
        month[key].customers += 1;
      }
    }
    return month;
  });
}

describe('the brute force the MRR chart check uses', () => {
  it('gives the figures counted by hand from examples/data/saas-subscriptions.csv', () => {
    const counted = csvMrrMovements(readFileSync(join(root, 'examples', 'data', 'saas-subscriptions.csv'), 'utf8'));
    // MRR at the end of 2025, by hand: u01 49, u02 49, u03 1188 / 12 = 99, u04 99, u05 29, u06 49,
    // u07 (2400 - 480) / 12 = 160, u08 99, u11 49, u12 99, u26 49, u27 99, u28 29, u30 49: 1007.
    expect(counted[0]?.start).toBe(1007);
    // January: new u09 49 (starts on 1 January 00:00, so first paying at the end of January) and
    // u10 99 - 20 = 79; expansion u06's second subscription 29; churn u30 49.
    expect(counted[0]?.new).toEqual({ amount: 128, customers: 2 });
    expect(counted[0]?.expansion).toEqual({ amount: 29, customers: 1 });
    expect(counted[0]?.churn).toEqual({ amount: 49, customers: 1 });
    // March: u05 29 (cancelled 15 March) and u12 99 (upgraded to 249 on 8 March, cancelled on 25 March:
    // its starting MRR); u13 joined and left within March: no movement.
    expect(counted[2]?.churn).toEqual({ amount: 128, customers: 2 });
    expect(counted[2]?.new).toEqual({ amount: 0, customers: 0 });
    // April: u15 back after leaving in December 2025, u04 down from 99 to 49, u16 new at 49.
    expect(counted[3]?.reactivation).toEqual({ amount: 99, customers: 1 });
    expect(counted[3]?.contraction).toEqual({ amount: 50, customers: 1 });
    // September: u22's annual plan of 2400 is 200 a month; u27 back at 99; u16 up from 49 to 99.
    expect(counted[8]?.new).toEqual({ amount: 200, customers: 1 });
    expect(counted[8]?.reactivation).toEqual({ amount: 99, customers: 1 });
    expect(counted[8]?.expansion).toEqual({ amount: 50, customers: 1 });
    for (const month of counted) {
      const net = month.new.amount + month.expansion.amount + month.reactivation.amount;
      expect(month.end).toBeCloseTo(net - month.contraction.amount - month.churn.amount + month.start, 9);
    }
    expect(counted[11]?.end).toBe(1712);
  });
});

describe('the series the tracking-plot check uses', () => {
  it('matches the mpmath reference for E[X(39)] at r 0.25, alpha 4.4, a 1.7, b 2.4', () => {
    // test/fixtures/bgnbd/expected-purchases-mpmath.json, the row [0.25, 4.4, 1.7, 2.4, 39, ...].
    expect(expectedRepeats({ r: 0.25, alpha: 4.4, a: 1.7, b: 2.4 }, 39)).toBeCloseTo(0.8736657462266811, 10);
  });
});
