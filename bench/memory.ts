/**
 * Peak memory of the columnar data functions (issue 19: "peak memory of each
 * at most the size of its input columns plus 64 bytes per customer").
 *
 * Each case runs in a child process of its own, which builds its input as
 * typed-array columns (generators that leave no garbage behind), forces a
 * collection, takes the "before" figures, calls the function ONCE and takes
 * the process's peak resident memory after it. Where Linux allows it, the
 * child resets the peak (`5` written to /proc/self/clear_refs) just before
 * the call, so that the peak is the call's own and not one left from
 * building the input; the figures say whether it did. A `noop` child of each
 * case builds the same input and calls nothing: its "extra" is the floor.
 *
 * Run (the built package, as an app runs it):
 *
 *     npx tsup --silent && npx tsx bench/memory.ts [options] [cases]
 *
 * Options: `--runs=N` (default 1), `--variants` (the same cases without the
 * collection before the call, and with V8's young generation at 1 and 64 MB),
 * `--heap` (the smallest `--max-old-space-size` each case completes in),
 * `--ledger` (where the memory goes: every typed array the call allocates,
 * with its size and the line that allocated it, and the JavaScript heap's
 * allocations by function, from V8's sampling heap profiler), `--json=FILE`
 * (every child's figures). Cases: cohortRetention, rfmSummary,
 * revenueConcentration, periodCounts, revenueRetention (the default), and
 * cohortRetentionWeekly and cohortRetentionDaily (the same events by week
 * and by day, where the table of active periods grows with the periods),
 * and calibration (64 MiB allocated in place of a call: its extra must be 64 MiB).
 *
 * A child alone: `node --expose-gc --import tsx bench/memory.ts child <case>
 * [noop] [nogc] [ledger]` prints one JSON line. MEMORY_LIBRARY names another
 * build of the package to import instead of ../dist/index.js.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DAY, eventColumns, lehmer, START } from './events';

type Library = typeof import('../dist/index.js');

/** What a child reports, in bytes (or milliseconds). */
interface ChildFigures {
  case: string;
  noop: boolean;
  gcBefore: boolean;
  /** Distinct customer ids in the input, counted by the generator, not by the function. */
  customers: number;
  /** Rows of the input (events, transactions, revenues, lifecycles). */
  rows: number;
  /** The sum of the input columns' byteLength. */
  inputBytes: number;
  /** Peak RSS of the process when the input was built, before any reset. */
  maxRssBuilt: number;
  /** Whether the peak was reset just before the call. */
  peakReset: boolean;
  rssBefore: number;
  maxRssBefore: number;
  heapUsedBefore: number;
  arrayBuffersBefore: number;
  /** Peak RSS after the call (process.resourceUsage().maxRSS). */
  peakRss: number;
  rssAfter: number;
  heapUsedAfter: number;
  arrayBuffersAfter: number;
  /** After two collections, with the result still held: what the result keeps. */
  heapUsedRetained: number;
  arrayBuffersRetained: number;
  ms: number;
  /** A figure of the result, so that it is held to the end and the run can be told apart from a failed one. */
  check: string;
  ledger?: Ledger;
}

interface Ledger {
  /** Typed arrays the call allocated: total bytes, and those of 64 KB or more with where. */
  typedArrayBytes: number;
  typedArrays: Array<{ type: string; bytes: number; where: string }>;
  /** JavaScript heap allocations of the call by function (sampled), largest first. */
  heapByFunction: Array<{ where: string; bytes: number }>;
  heapSampledBytes: number;
}

// ---------------------------------------------------------------- inputs

/** Distinct ids among the columns' cells (ids are whole numbers below 1,000,000). */
function distinct(...columns: Float64Array[]): number {
  const seen = new Uint8Array(1_000_000);
  let count = 0;
  for (const ids of columns) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (seen[id] === 0) {
        seen[id] = 1;
        count++;
      }
    }
  }
  return count;
}

/**
 * 10,000,000 transactions of 1,000,000 customers over two years as three
 * Float64Array columns: customerId, at (whole UTC days, in epoch ms) and
 * amount (0.00 to 100.00, in cents).
 */
function transactionColumns(random: () => number) {
  const n = 10_000_000;
  const customerId = new Float64Array(n);
  const at = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    customerId[i] = Math.floor(random() * 1_000_000);
    at[i] = START + Math.floor(random() * 730) * DAY;
    amount[i] = Math.round(random() * 10_000) / 100;
  }
  return { customerId, at, amount };
}

/** A lifecycle still active, as a Float64Array cell: far beyond the periods counted (a typed array holds no null). */
const OPEN = Date.UTC(9999, 0, 1);

/**
 * bench/data.ts's lifecycles as columns: a million customers, one lifecycle
 * each, a tenth with a second one after a gap; half still open (endedAt
 * 9999-01-01, which counts as null does for any period before it). Drawn
 * twice from the same seed, once to count the rows and once to fill them,
 * so that the columns are exactly long enough.
 */
function lifecycleColumns() {
  const draw = (emit: (id: number, startedAt: number, endedAt: number) => void) => {
    const random = lehmer(11);
    for (let i = 0; i < 1_000_000; i++) {
      const s = START + Math.floor(random() * 700) * DAY;
      const end = random() < 0.5 ? OPEN : s + Math.floor(random() * 400) * DAY;
      emit(i, s, end);
      if (end !== OPEN && random() < 0.2) emit(i, end + 30 * DAY, OPEN);
    }
  };
  let n = 0;
  draw(() => {
    n++;
  });
  const customerId = new Float64Array(n);
  const startedAt = new Float64Array(n);
  const endedAt = new Float64Array(n);
  let k = 0;
  draw((id, s, e) => {
    customerId[k] = id;
    startedAt[k] = s;
    endedAt[k] = e;
    k++;
  });
  return { customerId, startedAt, endedAt };
}

/** bench/data.ts's revenues as columns: a million customers in cents; a twentieth new, a tenth churn. */
function revenueColumns() {
  const draw = (start: (id: number, revenue: number) => void, end: (id: number, revenue: number) => void) => {
    const random = lehmer(11);
    for (let i = 0; i < 1_000_000; i++) {
      if (random() >= 0.05) start(i, Math.round(random() * 100_000) / 100);
      if (random() >= 0.1) end(i, Math.round(random() * 100_000) / 100);
    }
  };
  let starts = 0;
  let ends = 0;
  draw(
    () => {
      starts++;
    },
    () => {
      ends++;
    },
  );
  const startRevenue = { customerId: new Float64Array(starts), revenue: new Float64Array(starts) };
  const endRevenue = { customerId: new Float64Array(ends), revenue: new Float64Array(ends) };
  let s = 0;
  let e = 0;
  draw(
    (id, revenue) => {
      startRevenue.customerId[s] = id;
      startRevenue.revenue[s++] = revenue;
    },
    (id, revenue) => {
      endRevenue.customerId[e] = id;
      endRevenue.revenue[e++] = revenue;
    },
  );
  return { startRevenue, endRevenue };
}

/** One case: its input's columns (for their size), customers and rows, and the call. */
interface Case {
  columns: Float64Array[];
  customers: number;
  rows: number;
  run: (library: Library) => unknown;
  check: (result: unknown) => string;
}

const CASES: Record<string, () => Case> = {
  cohortRetention() {
    const { customerId, at } = eventColumns(lehmer(11));
    return {
      columns: [customerId, at],
      customers: distinct(customerId),
      rows: customerId.length,
      run: (library) => library.cohortRetention({ customerId, at }),
      check: (result) => {
        const table = result as ReturnType<Library['cohortRetention']>;
        return `${table.cohorts.reduce((sum, c) => sum + c.size, 0)} customers in ${table.cohorts.length} cohorts`;
      },
    };
  },
  cohortRetentionWeekly() {
    const { customerId, at } = eventColumns(lehmer(11));
    return {
      columns: [customerId, at],
      customers: distinct(customerId),
      rows: customerId.length,
      run: (library) => library.cohortRetention({ customerId, at }, { period: 'week' }),
      check: (result) => `${(result as ReturnType<Library['cohortRetention']>).cohorts.length} cohorts`,
    };
  },
  cohortRetentionDaily() {
    const { customerId, at } = eventColumns(lehmer(11));
    return {
      columns: [customerId, at],
      customers: distinct(customerId),
      rows: customerId.length,
      run: (library) => library.cohortRetention({ customerId, at }, { period: 'day' }),
      check: (result) => `${(result as ReturnType<Library['cohortRetention']>).cohorts.length} cohorts`,
    };
  },
  calibration() {
    // No library call: 64 MiB of Float64Array written through, so the extra must come out at 64 MiB (67.1 B a customer).
    const random = lehmer(11);
    const revenues = new Float64Array(1_000_000);
    for (let i = 0; i < revenues.length; i++) revenues[i] = Math.round(random() * 100_000) / 100;
    return {
      columns: [revenues],
      customers: revenues.length,
      rows: revenues.length,
      run: () => new Float64Array(8 * 2 ** 20).fill(1),
      check: (result) => `${(result as Float64Array).length} cells`,
    };
  },
  rfmSummary() {
    const { customerId, at, amount } = transactionColumns(lehmer(11));
    return {
      columns: [customerId, at, amount],
      customers: distinct(customerId),
      rows: customerId.length,
      // The last day drawn is 2025-12-30 (2024-01-01 plus 729 days).
      run: (library) =>
        library.rfmSummary({ customerId, at, amount }, { calibrationEnd: '2025-12-30', timeUnit: 'day' }),
      check: (result) => `${(result as ReturnType<Library['rfmSummary']>).customers.length} customers`,
    };
  },
  revenueConcentration() {
    const random = lehmer(11);
    const revenues = new Float64Array(1_000_000);
    for (let i = 0; i < revenues.length; i++) revenues[i] = Math.round(random() * 100_000) / 100;
    return {
      columns: [revenues],
      customers: revenues.length,
      rows: revenues.length,
      run: (library) => library.revenueConcentration(revenues),
      check: (result) => `gini ${(result as ReturnType<Library['revenueConcentration']>).gini.toFixed(6)}`,
    };
  },
  periodCounts() {
    const { customerId, startedAt, endedAt } = lifecycleColumns();
    return {
      columns: [customerId, startedAt, endedAt],
      customers: distinct(customerId),
      rows: customerId.length,
      run: (library) =>
        library.periodCounts({ customerId, startedAt, endedAt }, { from: '2025-01-01', to: '2025-02-01' }),
      check: (result) => {
        const counts = result as ReturnType<Library['periodCounts']>;
        return `S ${counts.customersAtStart}, N ${counts.newCustomers}, E ${counts.customersAtEnd}`;
      },
    };
  },
  revenueRetention() {
    const { startRevenue, endRevenue } = revenueColumns();
    return {
      columns: [startRevenue.customerId, startRevenue.revenue, endRevenue.customerId, endRevenue.revenue],
      customers: distinct(startRevenue.customerId, endRevenue.customerId),
      rows: startRevenue.customerId.length + endRevenue.customerId.length,
      run: (library) => library.revenueRetention({ startRevenue, endRevenue }),
      check: (result) => `NRR ${(result as ReturnType<Library['revenueRetention']>).netRevenueRetention.toFixed(6)}`,
    };
  },
};

/**
 * The cases run when none is named; cohortRetentionWeekly and
 * cohortRetentionDaily (the same events by week and by day), and
 * calibration (no call: 64 MiB allocated, to check the measure), only when named.
 */
const DEFAULT_CASES = ['cohortRetention', 'rfmSummary', 'revenueConcentration', 'periodCounts', 'revenueRetention'];

// ---------------------------------------------------------------- child

const gc = (globalThis as { gc?: () => void }).gc;

/** Two collections a moment apart: array buffers' memory is given back after the collection that finds them dead. */
async function settle(): Promise<void> {
  if (gc === undefined) throw new Error('run the child with node --expose-gc');
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resets the process's peak resident memory to its current one (Linux 4.0 and later); false where not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const maxRss = () => process.resourceUsage().maxRSS * 1024;

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

/**
 * Replaces each typed-array constructor by a subclass that records the bytes
 * of every array it makes with a length or from a list (a view on an
 * existing buffer, as subarray makes, allocates nothing and is not counted);
 * arrays of 64 KB or more also record the line that made them.
 */
function countTypedArrays(): { on: boolean; bytes: number; large: Ledger['typedArrays'] } {
  const tally = { on: false, bytes: 0, large: [] as Ledger['typedArrays'] };
  const globals = globalThis as unknown as Record<string, new (...args: unknown[]) => ArrayBufferView>;
  for (const name of TYPED_ARRAYS) {
    const Base = globals[name] as new (...args: unknown[]) => ArrayBufferView;
    const Counted = class extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        if (tally.on && !(args[0] instanceof ArrayBuffer)) {
          tally.bytes += this.byteLength;
          if (this.byteLength >= 65_536) {
            const stack = (new Error().stack ?? '').split('\n').slice(2);
            const where = stack.find((line) => line.includes('/src/')) ?? stack[0] ?? '';
            tally.large.push({ type: name, bytes: this.byteLength, where: where.trim().replace(/^at /, '') });
          }
        }
      }
    };
    Object.defineProperty(Counted, 'name', { value: name });
    globals[name] = Counted;
  }
  return tally;
}

/** The sampled heap allocations of `run`, collected ones included, summed by function. */
async function heapProfile<T>(
  run: () => T,
): Promise<{ result: T; byFunction: Ledger['heapByFunction']; total: number }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const result = run();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
    profile: { head: ProfileNode };
  };
  session.disconnect();
  interface ProfileNode {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: ProfileNode[];
  }
  const sums = new Map<string, number>();
  let total = 0;
  const visit = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    // The ledger's own allocations (its counting subclasses, the stacks it takes) are left out.
    if (node.selfSize > 0 && !url.includes('bench/memory.ts') && !url.startsWith('node:')) {
      const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
      sums.set(where, (sums.get(where) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const byFunction = [...sums].map(([where, bytes]) => ({ where, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { result, byFunction: byFunction.slice(0, 12), total };
}

async function child(name: string, flags: string[]): Promise<void> {
  const make = CASES[name];
  if (make === undefined) throw new Error(`no memory case named ${JSON.stringify(name)}`);
  const noop = flags.includes('noop');
  const gcBefore = !flags.includes('nogc');
  const ledger = flags.includes('ledger');
  const tally = ledger ? countTypedArrays() : undefined;
  const library = (await import(process.env.MEMORY_LIBRARY ?? '../dist/index.js')) as Library;
  const input = make();
  const inputBytes = input.columns.reduce((sum, column) => sum + column.byteLength, 0);
  if (gcBefore) await settle();
  const maxRssBuilt = maxRss();
  const peakReset = resetPeak();
  const before = process.memoryUsage();
  const maxRssBefore = maxRss();
  const started = performance.now();
  let result: unknown;
  let profile: Awaited<ReturnType<typeof heapProfile>> | undefined;
  if (!noop && tally !== undefined) {
    tally.on = true;
    profile = await heapProfile(() => input.run(library));
    tally.on = false;
    result = profile.result;
  } else if (!noop) {
    result = input.run(library);
  }
  const ms = performance.now() - started;
  const peakRss = maxRss();
  const after = process.memoryUsage();
  await settle();
  const retained = process.memoryUsage();
  const figures: ChildFigures = {
    case: name,
    noop,
    gcBefore,
    customers: input.customers,
    rows: input.rows,
    inputBytes,
    maxRssBuilt,
    peakReset,
    rssBefore: before.rss,
    maxRssBefore,
    heapUsedBefore: before.heapUsed,
    arrayBuffersBefore: before.arrayBuffers,
    peakRss,
    rssAfter: after.rss,
    heapUsedAfter: after.heapUsed,
    arrayBuffersAfter: after.arrayBuffers,
    heapUsedRetained: retained.heapUsed,
    arrayBuffersRetained: retained.arrayBuffers,
    ms,
    check: noop ? 'no call' : input.check(result),
  };
  if (tally !== undefined && profile !== undefined) {
    figures.ledger = {
      typedArrayBytes: tally.bytes,
      typedArrays: tally.large,
      heapByFunction: profile.byFunction,
      heapSampledBytes: profile.total,
    };
  }
  console.log(JSON.stringify(figures));
}

// ---------------------------------------------------------------- parent

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs one child; undefined when it did not complete (out of memory under a
 * tight heap, say, or still running after `timeout` ms, when given).
 */
function spawnChild(
  name: string,
  flags: string[],
  nodeFlags: string[] = [],
  timeout?: number,
): ChildFigures | undefined {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--enable-source-maps', ...nodeFlags, '--import', 'tsx', self, 'child', name, ...flags],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20, ...(timeout === undefined ? {} : { timeout }) },
  );
  if (run.status !== 0) return undefined;
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildFigures;
}

const MB = 2 ** 20;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const LIMIT = 64;

function tableRows(figures: ChildFigures[]): string[] {
  const lines = [
    '| case | customers | input MB | RSS before MB | peak RSS MB | extra MB | extra B / customer | within input + 64 B / customer | heap after / retained MB | array buffers after / retained MB | ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const extra = f.peakRss - f.rssBefore;
    const perCustomer = extra / f.customers;
    lines.push(
      `| ${f.case}${f.noop ? ' (noop)' : ''} | ${f.customers.toLocaleString('en-US')} | ${mb(f.inputBytes)} | ${mb(f.rssBefore)} | ${mb(f.peakRss)} | ${mb(extra)} | ${perCustomer.toFixed(1)} | ${f.noop ? '-' : perCustomer <= LIMIT ? 'yes' : 'no'} | ${mb(f.heapUsedAfter)} / ${mb(f.heapUsedRetained)} | ${mb(f.arrayBuffersAfter)} / ${mb(f.arrayBuffersRetained)} | ${f.ms.toFixed(0)} |`,
    );
  }
  return lines;
}

/** The smallest old-space limit (MB) of `sizes` the case completes in, by bisection (assumes more never fails where less succeeds). */
function smallestHeap(name: string, flags: string[], sizes: number[]): { size: number | undefined; tried: string[] } {
  const tried: string[] = [];
  let lo = -1;
  let hi = sizes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const size = sizes[mid] as number;
    // Ten minutes at most: near its limit a heap can spend its time collecting.
    const ok = spawnChild(name, flags, [`--max-old-space-size=${size}`], 600_000) !== undefined;
    tried.push(`${size}:${ok ? 'ok' : 'fail'}`);
    if (ok) hi = mid;
    else lo = mid;
  }
  return { size: sizes[hi], tried };
}

function parent(args: string[]): void {
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}`));
  const runs = Number(option('runs=')?.split('=')[1] ?? 1);
  const jsonFile = option('json=')?.split('=')[1];
  const names = args.filter((a) => !a.startsWith('--'));
  const cases = names.length > 0 ? names : DEFAULT_CASES;
  const all: Array<{ label: string; figures: ChildFigures }> = [];
  const section = (label: string, flags: string[], nodeFlags: string[] = []) => {
    const figures: ChildFigures[] = [];
    for (const name of cases) {
      for (const noop of [true, false]) {
        const f = spawnChild(name, noop ? [...flags, 'noop'] : flags, nodeFlags);
        if (f === undefined) {
          console.log(`${label}: ${name}${noop ? ' (noop)' : ''} did not complete`);
          continue;
        }
        figures.push(f);
        all.push({ label, figures: f });
      }
    }
    const reset = figures.every((f) => f.peakReset) ? 'peak reset before the call' : 'peak NOT reset before the call';
    console.log(`\n### ${label} (${reset})\n`);
    for (const line of tableRows(figures)) console.log(line);
  };
  for (let r = 1; r <= runs; r++) section(`run ${r}`, []);
  if (option('variants') !== undefined) {
    section('no collection before the call', ['nogc']);
    section('young generation 1 MB (--max-semi-space-size=1)', [], ['--max-semi-space-size=1']);
    section('young generation 64 MB (--max-semi-space-size=64)', [], ['--max-semi-space-size=64']);
  }
  if (option('heap') !== undefined) {
    const sizes = [8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096];
    console.log('\n### smallest --max-old-space-size (MB) that completes\n');
    console.log('| case | noop | with the call | tried (call) |');
    console.log('|---|---|---|---|');
    for (const name of cases) {
      const floor = smallestHeap(name, ['noop'], sizes);
      const call = smallestHeap(name, [], sizes);
      console.log(`| ${name} | ${floor.size ?? '> 4096'} | ${call.size ?? '> 4096'} | ${call.tried.join(' ')} |`);
    }
  }
  if (option('ledger') !== undefined) {
    for (const name of cases) {
      const f = spawnChild(name, ['ledger']);
      if (f?.ledger === undefined) {
        console.log(`\n${name}: the ledger run did not complete`);
        continue;
      }
      all.push({ label: 'ledger', figures: f });
      const { ledger } = f;
      console.log(
        `\n### ${name}: where the memory goes (${f.customers.toLocaleString('en-US')} customers, ${f.rows.toLocaleString('en-US')} rows)\n`,
      );
      console.log(
        `Typed arrays allocated by the call: ${mb(ledger.typedArrayBytes)} MB in all (${(ledger.typedArrayBytes / f.customers).toFixed(1)} B / customer); those of 64 KB or more:\n`,
      );
      console.log('| type | MB | B / customer | allocated at |');
      console.log('|---|---|---|---|');
      for (const t of ledger.typedArrays)
        console.log(`| ${t.type} | ${mb(t.bytes)} | ${(t.bytes / f.customers).toFixed(1)} | ${t.where} |`);
      console.log(
        `\nJavaScript heap allocated by the call (sampled, collected objects included): ${mb(ledger.heapSampledBytes)} MB (${(ledger.heapSampledBytes / f.customers).toFixed(1)} B / customer); by function:\n`,
      );
      console.log('| function (dist line) | MB | B / customer |');
      console.log('|---|---|---|');
      for (const h of ledger.heapByFunction)
        console.log(`| ${h.where} | ${mb(h.bytes)} | ${(h.bytes / f.customers).toFixed(1)} |`);
    }
  }
  if (jsonFile !== undefined) writeFileSync(jsonFile, `${JSON.stringify(all, null, 1)}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'child') await child(rest[0] ?? '', rest.slice(1));
else parent(process.argv.slice(2));
