/**
 * The API reference builds with typedoc, warnings as errors, with every export
 * documented (typedoc's notDocumented validation, configured in tsconfig.json).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'retention-metrics-docs-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the API reference', () => {
  it('builds with typedoc with no warning, every export documented', () => {
    execFileSync(`${root}node_modules/.bin/typedoc`, ['--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const pageName = readdirSync(join(out, 'functions')).find((name) => /(^|\.)retentionRate\.html$/.test(name));
    const page = readFileSync(join(out, 'functions', pageName ?? 'missing'), 'utf8');
    expect(page).toContain('customersAtStart');
    // The guides are part of the site, as project documents.
    expect(readFileSync(join(out, 'documents', 'retention-and-churn.html'), 'utf8')).toContain('retentionRate');
    // Formulas: latex blocks are rendered by KaTeX, shipped with the site (docs/site/katex-plugin.mjs).
    const guide = readFileSync(join(out, 'documents', 'customer-lifetime-value.html'), 'utf8');
    expect(guide).toContain('<code class="latex"');
    expect(guide).toContain('assets/katex/katex.min.js');
    expect(existsSync(join(out, 'assets', 'katex', 'katex.min.js'))).toBe(true);
  }, 120_000);
});

describe('formulas in the documentation site', () => {
  const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!chromiumPath) console.warn('test/docs: no Chromium; the check that formulas render is skipped');

  it.skipIf(!chromiumPath)(
    'render with KaTeX in a browser, without errors, on every guide that has them',
    async () => {
      const site = mkdtempSync(join(tmpdir(), 'retention-metrics-site-'));
      execFileSync(`${root}node_modules/.bin/typedoc`, ['--out', site], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      });
      const server = createServer((request, response) => {
        const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
        let body: Buffer;
        try {
          body = readFileSync(join(site, path));
        } catch {
          response.writeHead(404).end();
          return;
        }
        const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript';
        response.writeHead(200, { 'content-type': type }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage();
        const guides = readdirSync(join(root, 'docs')).filter(
          (name) => name.endsWith('.md') && readFileSync(join(root, 'docs', name), 'utf8').includes('```latex'),
        );
        expect(guides.length).toBeGreaterThanOrEqual(5);
        for (const guide of guides) {
          await page.goto(`http://127.0.0.1:${port}/documents/${guide.replace(/\.md$/, '.html')}`, {
            waitUntil: 'load',
          });
          await page.waitForFunction(() => document.querySelectorAll('pre > code.latex').length === 0, null, {
            timeout: 10_000,
          });
          const [rendered, failed] = await page.evaluate(() => [
            document.querySelectorAll('.katex-display').length,
            document.querySelectorAll('.katex-error').length,
          ]);
          expect(rendered, guide).toBeGreaterThan(0);
          expect(failed, guide).toBe(0);
        }
      } finally {
        await browser.close();
        server.close();
        rmSync(site, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('the examples in the API docs and the guides', () => {
  it('type-check against the built package, strict, as a user would compile them', () => {
    const dir = join(root, 'test', '.examples-typecheck');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const blocks: string[] = [];
    const walk = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? walk(join(folder, entry.name))
          : entry.name.endsWith('.ts')
            ? [join(folder, entry.name)]
            : [],
      );
    for (const file of walk(join(root, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\* ```ts\n([\s\S]*?)\* ```/g)) {
        blocks.push((match[1] ?? '').replace(/^\s*\* ?/gm, ''));
      }
    }
    for (const name of readdirSync(join(root, 'docs')).filter((n) => n.endsWith('.md'))) {
      for (const match of readFileSync(join(root, 'docs', name), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)) {
        blocks.push(match[1] ?? '');
      }
    }
    expect(blocks.length).toBeGreaterThan(60);
    blocks.forEach((block, i) => {
      writeFileSync(join(dir, `example-${i}.ts`), `${block}\nexport {};\n`);
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: true,
          allowUnusedLabels: false,
        },
        include: ['*.ts'],
      }),
    );
    try {
      execFileSync(`${root}node_modules/.bin/tsc`, ['-p', dir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    } catch (error) {
      throw new Error(`examples do not type-check:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
