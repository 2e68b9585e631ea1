/**
 * A throwaway PostgreSQL server for tests: `startPostgres()` makes a cluster in
 * a new temporary directory, starts it on 127.0.0.1 at a free port, and
 * returns a handle to run SQL through `psql` and to stop the server (which
 * also deletes the directory).
 *
 * No client library: SQL goes to `psql --csv` on its standard input, result
 * rows come back as CSV (every value a string, NULL as null), and data goes in
 * with COPY ... FROM STDIN. The server refuses to run as root, so when the
 * tests run as root, initdb, pg_ctl and the server run as the `postgres`
 * system user (through the uid and gid options of child_process.spawn).
 *
 * `findPostgres()` says where the binaries are, or why there are none; a test
 * skips when it returns a reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresBinaries {
  /** The directory of initdb, pg_ctl and postgres. */
  bin: string;
  psql: string;
  /** The user the server runs as, when the tests run as root. */
  user?: { name: string; uid: number; gid: number };
}

/** One result row: column name to value, as psql printed it (NULL as null). */
export type PgRow = Record<string, string | null>;

export interface PostgresServer {
  readonly port: number;
  readonly version: string;
  /** Runs one statement and returns its rows (in the database `postgres` unless told). */
  query(sql: string, database?: string): Promise<PgRow[]>;
  /** Runs SQL (any number of statements) for its effect. */
  execute(sql: string, database?: string): Promise<void>;
  /** Loads CSV text (no header; an unquoted empty field is NULL) into a table's columns with COPY FROM STDIN. */
  copyIn(table: string, columns: readonly string[], csv: string, database?: string): Promise<void>;
  /** Stops the server at once and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/** Debian's layout (/usr/lib/postgresql/<version>/bin), newest version first, or PG_BIN. */
export function findPostgres(): PostgresBinaries | string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const bin = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b))));
  if (bin === undefined) return 'no PostgreSQL binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin';
  const psql = [join(bin, 'psql'), '/usr/bin/psql'].find((p) => existsSync(p));
  if (psql === undefined) return `no psql next to ${bin} or at /usr/bin/psql`;
  if (process.getuid?.() !== 0) return { bin, psql };
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (entry === undefined) return 'running as root, and there is no postgres user to run the server as';
  return { bin, psql, user: { name: 'postgres', uid: Number(entry[2]), gid: Number(entry[3]) } };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  options: { input?: string; as?: PostgresBinaries['user']; cwd?: string },
) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', PGTZ: 'UTC' },
      ...(options.as ? { uid: options.as.uid, gid: options.as.gid } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {}); // a process that exits early closes its input; its exit code tells why
    child.stdin.end(options.input ?? '');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Parses psql's CSV output: a header line, then rows. psql writes NULL and the
 * empty string alike, as an empty field; both come back as null.
 */
export function parseCsv(text: string): PgRow[] {
  const records: Array<Array<string | null>> = [];
  let record: Array<string | null> = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let end = i + 1;
      value = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) throw new Error('unterminated quoted CSV field');
        value += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          end = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      const raw = text.slice(i, end);
      value = raw === '' ? null : raw;
      i = end;
    }
    record.push(value);
    if (text[i] === ',') i++;
    else {
      records.push(record);
      record = [];
      i++; // the newline
    }
  }
  const [header, ...rows] = records;
  if (header === undefined) return [];
  return rows.map((r) => Object.fromEntries(header.map((name, k) => [String(name), r[k] ?? null])));
}

/**
 * Starts a server in a new temporary directory: the cluster in data/, the
 * unix socket and the log next to it, listening on 127.0.0.1 only, at a free
 * port (another is tried when the port is taken before the server binds it).
 */
export async function startPostgres(binaries: PostgresBinaries): Promise<PostgresServer> {
  const { bin, psql, user } = binaries;
  const dir = mkdtempSync(join(tmpdir(), 'retention-metrics-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let stopped = false;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // If the test process ends without afterAll (a crash, a kill), stop the server anyway.
  const onExit = () => {
    if (stopped) return;
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], {
      stdio: 'ignore',
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    removeDir();
  };
  process.once('exit', onExit);
  const pgCtl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, ...args], { as: user, cwd: dir });

  let port = 0;
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const init = await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { as: user, cwd: dir },
    );
    if (init.code !== 0) throw new Error(`initdb failed (${init.code}): ${init.stderr}${init.stdout}`);
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const settings = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c TimeZone=UTC',
        '-c max_connections=20',
        // Sorts and hashes of a few hundred thousand rows in memory, and no JIT compiling per query:
        // the test's queries are many and short.
        '-c work_mem=128MB',
        '-c shared_buffers=128MB',
        '-c jit=off',
      ].join(' ');
      const start = await pgCtl(['start', '-w', '-t', '60', '-l', log, '-o', settings]);
      if (start.code === 0) break;
      const why = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (attempt >= 5 || !/could not bind|already in use/i.test(why)) {
        throw new Error(`pg_ctl start failed (${start.code}): ${start.stderr}${start.stdout}\n${why}`);
      }
    }
  } catch (error) {
    await pgCtl(['stop', '-m', 'immediate', '-w']).catch(() => undefined);
    stopped = true;
    process.removeListener('exit', onExit);
    removeDir();
    throw error;
  }

  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
  const check = (what: string, result: Run): Run => {
    if (result.code !== 0) throw new Error(`psql ${what} failed (${result.code}): ${result.stderr}`);
    return result;
  };
  const query = async (sql: string, database = 'postgres'): Promise<PgRow[]> =>
    parseCsv(check('query', await run(psql, [...psqlArgs, '--csv', '-d', database, '-f', '-'], { input: sql })).stdout);
  const execute = async (sql: string, database = 'postgres'): Promise<void> => {
    check('execute', await run(psql, [...psqlArgs, '-d', database, '-f', '-'], { input: sql }));
  };
  const copyIn = async (table: string, columns: readonly string[], csv: string, database = 'postgres') => {
    const copy = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    check(`COPY ${table}`, await run(psql, [...psqlArgs, '-d', database, '-c', copy], { input: csv }));
  };
  const [version] = await query('SELECT version() AS version');

  return {
    port,
    version: String(version?.version),
    query,
    execute,
    copyIn,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      try {
        await pgCtl(['stop', '-m', 'immediate', '-w']);
      } finally {
        removeDir();
      }
    },
  };
}
