/**
 * The built ES module in a real browser: headless Chromium (Debian's
 * package, driven by playwright-core) loads a page from a server on
 * 127.0.0.1 that imports dist/index.js through an import map and computes
 * the worked examples; the test reads the results back from the page.
 * Skipped, with a message saying so, when no Chromium is installed
 * (.ci/run installs it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!executable) {
  console.warn(
    'test/browser: no Chromium at /usr/bin/chromium; the browser test is skipped (apt-get install chromium)',
  );
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
let server: Server | undefined;
let port = 0;

beforeAll(async () => {
  if (!executable) return;
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
    // Serve only the page, the build, the shared smoke values and the two dependencies.
    const allowed = [
      '/test/browser/',
      '/test/dist/values.mjs',
      '/dist/',
      '/node_modules/decimal.js/',
      '/node_modules/zod/',
    ];
    if (!allowed.some((prefix) => path.startsWith(prefix)) || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(root, path));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(() => {
  server?.close();
});

describe('in headless Chromium', () => {
  it.skipIf(!executable)(
    'the built ES module computes W01-W05 on a page',
    async () => {
      const browser = await chromium.launch({
        executablePath: executable,
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
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        await page.goto(`http://127.0.0.1:${port}/test/browser/page.html`);
        await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'pending', null, {
          timeout: 20_000,
        });
        const text = (await page.textContent('#result')) ?? '';
        expect(errors).toEqual([]);
        // W01 0.9, W03 0.1, W04 3000, W05 500 and 500/3, the design's 0.25, Gini 0.46 (see test/dist).
        expect(JSON.parse(text)).toEqual({
          W01: '0.9',
          W03: '0.1',
          W04: '3000',
          W05: { lifetimeValue: '500', ceiling: '166.6666666666666666666666666666667' },
          sensitivity: '0.25',
          gini: '0.46',
          error: { name: 'MetricInputError', is: true, field: 'customersAtStart' },
        });
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
