/**
 * The package as a user gets it: `npm pack`, checked by publint and
 * are-the-types-wrong, installed from the tarball into a fresh project, and
 * imported there from ES modules, CommonJS, TypeScript (moduleResolution
 * node16 and bundler), Deno and headless Chromium, each computing W01-W05.
 * A broken exports map or a missing file fails here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'retention-metrics-package-'));
const project = join(work, 'app');
let tarball = '';

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, npm_config_fund: 'false' },
  });

// W01-W05 and the sensitivity example, from the documents and DESIGN.md.
const expected = {
  W01: '0.9',
  W03: '0.1',
  W04: '3000',
  W05: { lifetimeValue: '500', ceiling: '166.6666666666666666666666666666667' },
  sensitivity: '0.25',
  gini: '0.46',
  error: { name: 'MetricInputError', is: true, field: 'customersAtStart' },
};
const valuesModule = join(root, 'test', 'dist', 'values.mjs');
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!chromiumPath) console.warn('test/package: no Chromium at /usr/bin/chromium; the browser import is skipped');

beforeAll(() => {
  // npm test has just built dist/; prepack's rebuild would empty it under the tests running beside this one.
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
  ) as Array<{
    filename: string;
  }>;
  tarball = join(work, packed[0]?.filename ?? '');
  run('mkdir', ['-p', project], work);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }),
  );
  run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds only what a user needs: the build, package.json, the README, the licence and the changelog', () => {
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n').sort();
    expect(files).toEqual(
      [
        'package/LICENSE',
        'package/README.md',
        'package/docs/CHANGELOG.md',
        'package/dist/index.cjs',
        'package/dist/index.cjs.map',
        'package/dist/index.d.cts',
        'package/dist/index.d.ts',
        'package/dist/index.js',
        'package/dist/index.js.map',
        'package/package.json',
      ].sort(),
    );
  });

  it('passes publint', () => {
    expect(run(bin('publint'), ['--strict'], root)).toContain('All good');
  });

  it('passes are-the-types-wrong for node10, node16 (ESM and CJS) and bundler resolution', () => {
    const report = JSON.parse(run(bin('attw'), [tarball, '--format', 'json'], root)) as {
      analysis: { problems: unknown[] };
    };
    expect(report.analysis.problems).toEqual([]);
  });
});

describe('a fresh project that installed the tarball', () => {
  it('imports it as an ES module and computes W01-W05', () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import * as lib from 'retention-metrics';\nimport { smokeValues } from ${JSON.stringify(valuesModule)};\nconsole.log(JSON.stringify(smokeValues(lib)));\n`,
    );
    expect(JSON.parse(run(process.execPath, ['esm.mjs'], project))).toEqual(expected);
  });

  it('requires it from CommonJS and computes the same', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const lib = require('retention-metrics');\nimport(${JSON.stringify(valuesModule)}).then(({ smokeValues }) => console.log(JSON.stringify(smokeValues(lib))));\n`,
    );
    expect(JSON.parse(run(process.execPath, ['cjs.cjs'], project))).toEqual(expected);
  });

  it('imports it under Deno (npm package resolution from the project) and computes the same', () => {
    writeFileSync(
      join(project, 'deno.ts'),
      `import * as lib from 'retention-metrics';\nimport { smokeValues } from ${JSON.stringify(valuesModule)};\nconsole.log(JSON.stringify(smokeValues(lib)));\n`,
    );
    const output = run(
      bin('deno'),
      ['run', '--quiet', '--allow-read', '--allow-env', '--node-modules-dir=manual', 'deno.ts'],
      project,
    );
    expect(JSON.parse(output)).toEqual(expected);
  });

  it.skipIf(!chromiumPath)(
    'loads it in headless Chromium from the installed package and computes the same',
    async () => {
      const page = [
        '<!doctype html><html><head><meta charset="utf-8"><script type="importmap">',
        JSON.stringify({
          imports: {
            'retention-metrics': '/node_modules/retention-metrics/dist/index.js',
            'decimal.js': '/node_modules/decimal.js/decimal.mjs',
            'zod/mini': '/node_modules/zod/mini/index.js',
          },
        }),
        '</script></head><body><pre id="result">pending</pre><script type="module">',
        "import * as lib from 'retention-metrics';",
        "import { smokeValues } from '/values.mjs';",
        "document.getElementById('result').textContent = JSON.stringify(smokeValues(lib));",
        '</script></body></html>',
      ].join('\n');
      writeFileSync(join(project, 'index.html'), page);
      writeFileSync(join(project, 'values.mjs'), readFileSync(valuesModule, 'utf8'));
      const server = createServer((request, response) => {
        const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
        if (path.includes('..')) return void response.writeHead(404).end();
        try {
          const body = readFileSync(join(project, path === '/' ? 'index.html' : path));
          const type = path.endsWith('.html') || path === '/' ? 'text/html' : 'text/javascript';
          response.writeHead(200, { 'content-type': type }).end(body);
        } catch {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const tab = await browser.newPage();
        await tab.goto(`http://127.0.0.1:${port}/`);
        await tab.waitForFunction(() => document.getElementById('result')?.textContent !== 'pending', null, {
          timeout: 20_000,
        });
        expect(JSON.parse((await tab.textContent('#result')) ?? '')).toEqual(expected);
      } finally {
        await browser.close();
        server.close();
      }
    },
    60_000,
  );

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])('type-checks a TypeScript program with moduleResolution %s', (resolution, module) => {
    writeFileSync(
      join(project, 'main.ts'),
      [
        "import { type Decimal, MetricInputError, customerLifetimeValue, retentionRate } from 'retention-metrics';",
        'const rate: Decimal = retentionRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 });',
        'const value: string = customerLifetimeValue({ margin: 100, retentionRate: rate }).toFixed(2);',
        'const isError: boolean = MetricInputError.is(new Error(value));',
        '// @ts-expect-error a misspelt field is a type error too',
        'retentionRate({ customersAtStart: 1, customersAtEnd: 1, newCustomer: 0 });',
        'export { isError };',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module,
          moduleResolution: resolution,
          target: 'es2022',
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
    expect(() => run(bin('tsc'), ['-p', 'tsconfig.json'], project)).not.toThrow();
    expect(readFileSync(join(project, 'node_modules', 'retention-metrics', 'package.json'), 'utf8')).toContain(
      '"sideEffects": false',
    );
  });
});
