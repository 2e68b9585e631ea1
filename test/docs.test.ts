/**
 * The documentation site: the API reference builds with typedoc, warnings as
 * errors, with every export documented (typedoc's notDocumented validation,
 * configured in tsconfig.json); the guides are project documents with titles,
 * in reading order, whose formulas render (checked in Chromium on every built
 * page that has one), whose export names link to their API pages, and whose
 * citations of worked-example IDs lead to the page that explains them. The API
 * reference is grouped by concept (the folders of src/, the zod schemas apart),
 * each function page shows the fields of its options and result, the search
 * finds functions by what they compute, and the doc comments cite the worked
 * examples by link, never by a bare ID or source number. The site is built
 * once, into a temporary folder, for all the checks below.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'retention-metrics-docs-'));
let built = false;

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The site, built on first use. */
function site(): string {
  if (!built) {
    execFileSync(`${root}node_modules/.bin/typedoc`, ['--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    built = true;
  }
  return out;
}

function walk(folder: string, extension: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? walk(join(folder, entry.name), extension)
      : entry.name.endsWith(extension)
        ? [join(folder, entry.name)]
        : [],
  );
}

const typedocOptions = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).typedocOptions as {
  projectDocuments: string[];
};
const guideFiles = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
const readGuide = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');
/** A guide's text outside its fenced code blocks. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');
// (In a doc comment a fence may be indented after the ` * `, inside a list item.)
const mathFences = (text: string) => (text.match(/^\s*(?:\*[ \t]*)?```(?:math|latex)\s*$/gm) ?? []).length;

describe('the API reference', () => {
  it('builds with typedoc with no warning, every export documented', () => {
    const dir = site();
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    const pageName = readdirSync(join(dir, 'functions')).find((name) => /(^|\.)retentionRate\.html$/.test(name));
    const page = readFileSync(join(dir, 'functions', pageName ?? 'missing'), 'utf8');
    expect(page).toContain('customersAtStart');
    // The guides are part of the site, as project documents.
    expect(readFileSync(join(dir, 'documents', 'retention-and-churn.html'), 'utf8')).toContain('retentionRate');
    // Formulas are KaTeX HTML from the build, styled by KaTeX's own files shipped with the site.
    const guide = readFileSync(join(dir, 'documents', 'customer-lifetime-value.html'), 'utf8');
    expect(guide).toContain('class="katex-display"');
    expect(guide).toContain('assets/katex/katex.min.css');
    expect(existsSync(join(dir, 'assets', 'katex', 'katex.min.css'))).toBe(true);
    expect(readdirSync(join(dir, 'assets', 'katex', 'fonts')).some((name) => name.endsWith('.woff2'))).toBe(true);
  }, 120_000);
});

describe('formulas', () => {
  it('are written as ```math blocks, which GitHub renders too', () => {
    const withMath = guideFiles.filter((name) => mathFences(readGuide(name)) > 0);
    expect(withMath.length).toBeGreaterThanOrEqual(5);
    for (const name of guideFiles) expect(readGuide(name), name).not.toMatch(/^```latex/m);
    for (const file of walk(join(root, 'src'), '.ts')) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/```latex/);
    }
  });

  const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!chromiumPath) {
    console.warn('test/docs: no Chromium at /usr/bin/chromium; the checks that formulas render are skipped');
  }

  it.skipIf(!chromiumPath)(
    'render in Chromium on every page that has one: no KaTeX error, no raw TeX, none wider than its column',
    async () => {
      const dir = site();
      // Every page of the site (guides, API pages, the index) that holds a formula,
      // rendered or not: KaTeX output, a math code block, or TeX-looking text.
      const pages = walk(dir, '.html')
        .filter((file) =>
          /class="katex|<code class="(?:math|latex)"|\\[A-Za-z]{2,}|\$\$/.test(readFileSync(file, 'utf8')),
        )
        .map((file) => relative(dir, file).split('\\').join('/'));
      const expected = new Map(
        guideFiles.map((name) => [`documents/${name.replace(/\.md$/, '.html')}`, mathFences(readGuide(name))]),
      );
      for (const [page, count] of expected) if (count > 0) expect(pages, 'pages found with formulas').toContain(page);
      const inSource =
        [...expected.values()].reduce((sum, count) => sum + count, 0) +
        walk(join(root, 'src'), '.ts').reduce((sum, file) => sum + mathFences(readFileSync(file, 'utf8')), 0);

      const types: Record<string, string> = {
        '.html': 'text/html',
        '.css': 'text/css',
        '.js': 'text/javascript',
        '.svg': 'image/svg+xml',
        '.woff2': 'font/woff2',
      };
      const server = createServer((request, response) => {
        const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
        try {
          const body = readFileSync(join(dir, path));
          response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
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
      let rendered = 0;
      try {
        const page = await browser.newPage();
        // A desktop window, where every formula must fit its column, and a phone,
        // where a wide formula may scroll inside its own box but not spill out.
        for (const [width, mustFit] of [
          [1280, true],
          [390, false],
        ] as const) {
          await page.setViewportSize({ width, height: 900 });
          for (const path of pages) {
            await page.goto(`http://127.0.0.1:${port}/${path}`, { waitUntil: 'load' });
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            const report = await page.evaluate((fit) => {
              const problems: string[] = [];
              // KaTeX marks a block it cannot parse with .katex-error and, when told not to
              // throw, shows an unknown command (\quadP) in its error colour, #cc0000, which
              // a page's own script writes as rgb(204, 0, 0). No formula here uses that colour.
              const failed = [
                '.katex-error',
                '.katex [style*="cc0000" i]',
                '.katex [style*="rgb(204, 0, 0)"]',
                '.katex mstyle[mathcolor="#cc0000" i]',
              ];
              for (const element of Array.from(document.querySelectorAll(failed.join(', ')))) {
                problems.push(`KaTeX error: ${element.textContent}`);
              }
              // TeX left as text: outside KaTeX's output and outside code blocks of other languages.
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.closest('.katex, script, style, noscript')) continue;
                const code = parent.closest('pre > code');
                if (code && !code.matches('.math, .latex')) continue;
                const tex = /\\[A-Za-z]{2,}|\$\$/.exec(node.textContent ?? '');
                if (tex)
                  problems.push(
                    `raw TeX: ...${(node.textContent ?? '').slice(Math.max(0, tex.index - 30), tex.index + 30)}...`,
                  );
              }
              const displays = Array.from(document.querySelectorAll('.katex-display'));
              for (const display of displays) {
                const box = (display.closest('.rm-math') ?? display) as HTMLElement;
                const column = (box.closest('.col-content') ?? document.body).getBoundingClientRect();
                const rect = box.getBoundingClientRect();
                const label = (display.querySelector('annotation')?.textContent ?? '').slice(0, 60);
                if (rect.left < column.left - 0.5 || rect.right > column.right + 0.5) {
                  problems.push(
                    `box of "${label}" (${rect.left}-${rect.right}) outside its column (${column.left}-${column.right})`,
                  );
                }
                const formula = display.querySelector('.katex-html') ?? display;
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                const overflow = Math.max(formula.scrollWidth, box.scrollWidth) - box.clientWidth;
                if (overflow > 1 && (fit || !scrolls)) {
                  problems.push(`"${label}" is ${overflow}px wider than its column`);
                }
              }
              return { problems, count: displays.length };
            }, mustFit);
            expect(report.problems, `${path} at ${width}px`).toEqual([]);
            if (expected.has(path)) expect(report.count, path).toBe(expected.get(path));
            else expect(report.count, path).toBeGreaterThan(0);
            if (width === 1280) rendered += report.count;
          }
        }
      } finally {
        await browser.close();
        server.close();
      }
      expect(rendered).toBeGreaterThanOrEqual(inSource);
    },
    120_000,
  );

  it('in the doc comment of a public function are ```math blocks, not only ASCII', () => {
    // A public function whose summary or @remarks states a formula in ASCII (a
    // sentence with " = " and a "/" or "^"; or a division with a bracketed side,
    // "(E - N) / S", "B(a, b) / B(c, d)"; or sum_, int_, 2F1() must show it
    // rendered too, in a ```math block of its comment. Listed here are the ones
    // left in ASCII on purpose, each with the reason.
    const leftAscii: Record<string, string> = {
      fitGammaGamma:
        'gamma = m (q - 1) / p is only the value returned in the degenerate case (every mean spend equal), not the model',
      sbgLogLikelihood:
        '-log1p(alpha / (beta + t - 1)) is how each log retention is evaluated; the likelihood is cited (equation 5), not written out',
    };
    const formula = (sentence: string) =>
      (/\s=\s/.test(sentence) && /[/^]/.test(sentence)) || /\bsum_|\bint_|\b2F1\(|\)\s*\/|\/\s*\(/.test(sentence);

    const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
    const functions = new Map<string, string>();
    for (const [, names, from] of index.matchAll(/export\s+\{([^}]*)\}\s*from\s*'\.\/([^']+)'/g)) {
      for (const entry of (names ?? '').split(',')) {
        const name = entry.trim().split(/\s+as\s+/)[0] ?? '';
        // Functions only: no types, no zod schemas, no classes (Decimal, MetricInputError).
        if (/^[a-z]\w*$/.test(name) && !name.endsWith('Schema')) functions.set(name, `${from}.ts`);
      }
    }
    expect(functions.size).toBeGreaterThan(60);

    const flagged: string[] = [];
    const withMath: string[] = [];
    const asciiOnly = new Set<string>();
    for (const [name, file] of functions) {
      const source = readFileSync(join(root, 'src', file), 'utf8');
      const comment = new RegExp(
        String.raw`(/\*\*(?:(?!\*/)[\s\S])*?\*/)\s*export\s+(?:async\s+)?(?:function|const)\s+${name}\b`,
      ).exec(source)?.[1];
      expect(comment, `the doc comment of ${name} in src/${file}`).toBeDefined();
      const lines = (comment ?? '').split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''));
      const hasMath = lines.some((line) => /^\s*```math\s*$/.test(line));
      if (hasMath) withMath.push(name);
      // The summary and @remarks, outside code blocks, inline code and links.
      const text: string[] = [];
      let section = 'summary';
      let fenced = false;
      for (const line of lines) {
        if (/^\s*```/.test(line)) {
          fenced = !fenced;
          continue;
        }
        if (fenced) continue;
        const tag = /^@(\w+)/.exec(line.trim());
        if (tag) section = tag[1] === 'remarks' ? 'remarks' : 'other';
        if (section !== 'other') text.push(line.replace(/^\s*@remarks\b/, ''));
      }
      const sentences = text
        .join(' ')
        .replace(/`[^`]*`/g, '')
        .replace(/\{@link [^}]*\}|\]\([^)]*\)/g, '')
        .split(/[.;:](?:\s|$)/);
      if (!sentences.some(formula)) continue;
      if (!hasMath) asciiOnly.add(name);
      if (!hasMath && !(name in leftAscii)) flagged.push(`${name} (src/${file})`);
    }
    expect(flagged, 'public functions with an ASCII formula and no ```math block').toEqual([]);
    // The list stays current: each entry is a public function that still has only its ASCII formula.
    for (const name of Object.keys(leftAscii)) {
      expect(functions.has(name), `${name} in leftAscii is a public function`).toBe(true);
      expect(asciiOnly.has(name), `${name} in leftAscii still states a formula in ASCII only`).toBe(true);
    }
    expect(withMath.length).toBeGreaterThanOrEqual(45);
  });
});

describe('the guides in the sidebar', () => {
  it('have their front-matter titles, in the order of projectDocuments, none called after its file', () => {
    const script = readFileSync(join(site(), 'assets', 'navigation.js'), 'utf8');
    const data = /"([^"]+)"/.exec(script)?.[1] ?? '';
    const nav = JSON.parse(inflateSync(Buffer.from(data, 'base64')).toString('utf8')) as {
      text: string;
      path?: string;
    }[];
    const documents = nav.filter((entry) => entry.path?.startsWith('documents/'));
    const files = typedocOptions.projectDocuments.map((file) => basename(file, '.md'));
    expect(documents.map((entry) => entry.path)).toEqual(files.map((name) => `documents/${name}.html`));
    const titles = files.map((name) => /^---\ntitle: "([^"\n]+)"\n---\n/.exec(readGuide(`${name}.md`))?.[1]);
    expect(titles, 'a guide without a title: "..." in its front matter').not.toContain(undefined);
    expect(documents.map((entry) => entry.text)).toEqual(titles);
    const names = nav.map((entry) => entry.text);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(files.concat('index')).not.toContain(name);
    // Every guide in docs/ is in the site.
    expect([...files].sort()).toEqual(guideFiles.map((name) => basename(name, '.md')).sort());
  }, 120_000);
});

describe('export names in the guides', () => {
  it('link to their API pages in the site, and stay plain backticks in the Markdown', () => {
    const dir = site();
    const functions = new Map(
      readdirSync(join(dir, 'functions')).map((file) => [/([^.]+)\.html$/.exec(file)?.[1] ?? '', file]),
    );
    expect(functions.size).toBeGreaterThan(50);
    let links = 0;
    for (const name of guideFiles) {
      // A {@link} tag outside code would show as raw text on GitHub.
      expect(prose(readGuide(name)).replace(/`[^`\n]*`/g, ''), name).not.toContain('{@link');
      const file = join(dir, 'documents', name.replace(/\.md$/, '.html'));
      const html = readFileSync(file, 'utf8').replace(/<pre\b[\s\S]*?<\/pre>/g, '');
      for (const match of html.matchAll(/(<a href="([^"]*)"[^>]*>)?<code>([A-Za-z_$][\w$]*)(?:\(\))?<\/code>/g)) {
        const target = functions.get(match[3] ?? '');
        if (!target) continue;
        const where = `${name}: \`${match[3]}\``;
        expect(match[1], where).toBeDefined();
        const href = normalize(join(dirname(file), (match[2] ?? '').replace(/#.*/, '')));
        // To its API page, unless the author linked the name to a guide on purpose.
        if (!href.startsWith(join(dir, 'documents'))) expect(href, where).toBe(join(dir, 'functions', target));
        expect(existsSync(href), where).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(100);
  }, 120_000);
});

describe('citations of the worked examples in the guides', () => {
  it('name the article, and show an ID only as a link to the page that explains it', () => {
    const explained = readGuide('sources.md');
    const sourcesPage = readFileSync(join(site(), 'documents', 'sources.html'), 'utf8');
    let cited = 0;
    for (const name of guideFiles.filter((file) => file !== 'sources.md')) {
      const text = readGuide(name);
      // No file names of the source documents, no bare "source 002".
      expect(text, name).not.toMatch(/\d{3}_[0-9a-f]{16}|\bsources? \d{3}\b/);
      // Code blocks do not carry IDs; in the prose every ID is a link to its entry.
      for (const block of text.match(/^```[\s\S]*?^```/gm) ?? []) expect(block, name).not.toMatch(/\b[WC]\d{2}\b/);
      const body = prose(text);
      const linked = [...body.matchAll(/\[([WC]\d{2})\]\(sources\.md#([a-z]\d{2})\)/g)];
      for (const [, id, anchor] of linked) {
        expect(anchor, name).toBe(id?.toLowerCase());
        expect(explained, name).toContain(`### ${id}\n`);
        expect(sourcesPage, name).toContain(`id="${anchor}"`);
      }
      const mentions = body.match(/\b[WC]\d{2}\b/g) ?? [];
      expect(mentions.length, `${name}: IDs that are not links to sources.md`).toBe(linked.length);
      cited += linked.length;
    }
    expect(cited).toBeGreaterThanOrEqual(15);
  }, 120_000);
});

/** The sidebar's tree as TypeDoc stores it: base64 of deflated JSON. */
interface NavNode {
  text: string;
  path?: string;
  kind?: number;
  children?: NavNode[];
}
function navigation(): NavNode[] {
  const script = readFileSync(join(site(), 'assets', 'navigation.js'), 'utf8');
  return JSON.parse(inflateSync(Buffer.from(/"([^"]+)"/.exec(script)?.[1] ?? '', 'base64')).toString('utf8'));
}

/** The concept groups of the API reference, in their order, and the folder of src/ each one documents. */
const conceptGroups: [group: string, folders: string[]][] = [
  ['Retention and churn', ['retention']],
  ['Revenue', ['revenue']],
  ['Customer lifetime value', ['value']],
  ['Acquisition cost', ['acquisition']],
  ['Revenue concentration', ['concentration']],
  ['Retention and profit', ['profit']],
  ['Projection', ['projection']],
  ['Customer data', ['data']],
  ['SaaS metrics', ['saas']],
  ['Contractual models: sBG and BdW', ['models/sbg']],
  ['Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM', ['models/nbd']],
  ['Discrete-time model: BG/BB', ['models/bgbb']],
  ['Batch scoring', ['models/scoring']],
  ['Purchasing models with covariates', ['models/covariates']],
  ['Model comparison', ['models/comparison']],
  ['Model diagnostics', ['models/diagnostics']],
  ['Errors and numbers', ['types', 'internal', 'models/internal']],
];
/** Every export named `...Schema` is listed here, apart from the functions. */
const schemaGroup = 'Input schemas (zod)';

/** Each export of src/index.ts (by its exported name) and the group it belongs in, from the file it comes from. */
function exportGroups(): Map<string, string> {
  const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
  const groups = new Map<string, string>();
  for (const [, names, from] of index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'\.\/([^']+)'/g)) {
    const group =
      conceptGroups.find(([, folders]) =>
        folders.some((folder) => from === folder || from?.startsWith(`${folder}/`)),
      )?.[0] ?? `no group for src/${from}`;
    for (const entry of (names ?? '').split(',')) {
      const name = entry
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) groups.set(name, name.endsWith('Schema') ? schemaGroup : group);
    }
  }
  return groups;
}

describe('the API reference grouped by concept', () => {
  it('lists every export in the sidebar under its concept, the schemas apart, in the order of the folders', () => {
    const dir = site();
    const api = navigation().find((entry) => entry.path === 'modules/index.html');
    const groups = api?.children ?? [];
    const order = conceptGroups.map(([group]) => group).concat(schemaGroup);
    // Only groups, each a heading (no page of its own), none left over ("Other").
    expect(groups.map((group) => group.text)).toEqual(order);
    for (const group of groups) expect(group.path, group.text).toBeUndefined();
    const found = new Map<string, string[]>();
    for (const group of groups) {
      for (const entry of group.children ?? []) {
        expect(entry.path, `${group.text}: ${entry.text}`).toBeDefined();
        expect(existsSync(join(dir, entry.path ?? 'missing')), entry.path).toBe(true);
        found.set(entry.text, [...(found.get(entry.text) ?? []), group.text]);
      }
    }
    const expected = exportGroups();
    expect(expected.size).toBeGreaterThan(250);
    for (const [name, group] of expected) {
      // A name that is a value and a type (Decimal) has two pages, both in the group.
      expect(found.get(name), `${name} in the sidebar`).toBeDefined();
      for (const where of found.get(name) ?? []) expect(where, `${name} in the sidebar`).toBe(group);
    }
    expect(
      [...found.keys()].filter((name) => !expected.has(name)),
      'sidebar entries that are no export',
    ).toEqual([]);

    // The API index page shows the same groups, in the same order, each linking its exports' pages.
    const indexPage = readFileSync(join(dir, 'modules', 'index.html'), 'utf8');
    // (The page's own "on this page" menu repeats the names; the sections are the member groups.)
    const bodies = indexPage.split('<details class="tsd-panel-group tsd-member-group tsd-accordion"').slice(1);
    expect(bodies.map((body) => /data-key="section-([^"]+)"/.exec(body)?.[1])).toEqual(order);
    groups.forEach((group, i) => {
      for (const entry of group.children ?? []) {
        expect(bodies[i], `${entry.text} in the "${group.text}" section of the API index`).toContain(
          `href="../${entry.path}"`,
        );
      }
    });
  }, 120_000);
});

/** The fields an interface's page (or an object type alias's page) documents. */
function fieldsOf(page: string): string[] {
  // Methods (ColumnTable's getChild) are left out: TypeDoc shows an interface's properties where it is
  // used, never its methods, which stay on its own page.
  const html = readFileSync(page, 'utf8').split('data-key="section-Methods"')[0] as string;
  const members = [
    ...html.matchAll(
      /<h3 class="tsd-anchor-link" id="[^"]*">(?:<code class="tsd-tag">[^<]*<\/code>)*<span>([^<]*(?:<wbr\/>[^<]*)*)<\/span>/g,
    ),
  ].map((match) => (match[1] ?? '').replace(/<wbr\/>/g, ''));
  if (members.length > 0) return members;
  return [
    ...new Set([...html.matchAll(/<span class="tsd-kind-property">([^<]+)<\/span>/g)].map((match) => match[1] ?? '')),
  ];
}

describe('function pages', () => {
  it('show the fields of the options they take and of the result they return, not only a link', () => {
    const dir = site();
    const files = readdirSync(join(dir, 'functions'));
    let checked = 0;
    const withOptions = new Set<string>();
    for (const file of files) {
      const html = readFileSync(join(dir, 'functions', file), 'utf8');
      const references = [
        ...html.matchAll(
          /<li><span>(?:<code class="tsd-tag">[^<]*<\/code>)*<span class="tsd-kind-parameter">[^<]+<\/span>\??: <a href="\.\.\/(interfaces|types)\/([^"]+)"[^>]*>([^<]+)<\/a>/g,
        ),
        ...html.matchAll(
          /<h4 class="tsd-returns-title">Returns <a href="\.\.\/(interfaces|types)\/([^"]+)"[^>]*>([^<]+)<\/a>/g,
        ),
      ];
      for (const match of references) {
        const [, folder, target, name] = match;
        // Interfaces, and the type aliases that stand for options or results (a union of objects).
        if (folder === 'types' && !/(Options|Result)$/.test(name ?? '')) continue;
        const page = join(dir, folder ?? '', target ?? '');
        const fields = fieldsOf(page);
        // An interface of methods alone (an Arrow table's getChild) has nothing to show inline.
        if (fields.length === 0 && readFileSync(page, 'utf8').includes('data-key="section-Methods"')) continue;
        expect(fields.length, `${name}: fields on its own page`).toBeGreaterThan(0);
        // The part of the page about this parameter or the return value.
        const start = match.index ?? 0;
        const ends = [
          html.indexOf('<li><span>', start + 1),
          html.indexOf('<h4 class="tsd-returns-title">', start + 1),
          html.indexOf('<div class="tsd-tag-', start + 1),
          html.indexOf('</section>', start + 1),
        ].filter((at) => at > start);
        const part = html.slice(start, Math.min(...ends, html.length));
        for (const field of fields) {
          expect(part, `${file}: ${name}.${field} shown with its type and description`).toMatch(
            new RegExp(`<span class="tsd-kind-property">${field}</span>[\\s\\S]*?<div class="tsd-comment`),
          );
        }
        checked++;
        if (name?.endsWith('Options')) withOptions.add(file);
      }
    }
    expect(checked).toBeGreaterThan(80);
    expect(withOptions.size).toBeGreaterThan(40);
  }, 120_000);
});

/** The search of the built site, as its own script runs it: each word a wildcard term, names that begin with the query ranked up. */
function siteSearch(): (query: string) => { name: string; kind: number; url: string }[] {
  interface Lunr {
    Index: { load(data: unknown): { search(query: string): { ref: string; score: number }[] } };
  }
  // lunr is TypeDoc's own dependency, the library the site's search script embeds.
  const lunr = createRequire(join(root, 'node_modules', 'typedoc', 'package.json'))('lunr') as Lunr;
  const script = readFileSync(join(site(), 'assets', 'search.js'), 'utf8');
  const data = JSON.parse(inflateSync(Buffer.from(/"([^"]+)"/.exec(script)?.[1] ?? '', 'base64')).toString('utf8')) as {
    rows: { name: string; kind: number; url: string }[];
    index: unknown;
  };
  const index = lunr.Index.load(data.index);
  return (query) =>
    index
      .search(
        query
          .split(' ')
          .map((word) => (word.length > 0 ? `*${word}*` : ''))
          .join(' '),
      )
      .map(({ ref, score }) => {
        const row = data.rows[Number(ref)] ?? { name: '', kind: 0, url: '' };
        const prefix = row.name.toLowerCase().startsWith(query.toLowerCase());
        return { row, score: prefix ? (score * 10) / (1 + Math.abs(row.name.length - query.length)) : score };
      })
      .sort((a, b) => b.score - a.score)
      .map(({ row }) => row);
}

describe('the search of the site', () => {
  it('finds functions by what they compute, among the first results', () => {
    const search = siteSearch();
    const dir = site();
    const cases: [query: string, expected: string][] = [
      ['lifetime value', 'customerLifetimeValue'],
      ['churn', 'churnRate'],
      ['probability alive', 'bgNbdProbabilityAlive'],
      ['probability alive', 'paretoNbdProbabilityAlive'],
      ['donations', 'fitBgBb'],
      ['revenue concentration', 'revenueConcentration'],
      ['referrals', 'referralValue'],
      ['survival', 'sbgSurvival'],
    ];
    for (const [query, expected] of cases) {
      // Six functions compute a probability alive (four models, the SQL writer, the grid): the first eight results.
      const first = search(query).slice(0, 8);
      const hit = first.find((row) => row.name === expected);
      expect(hit, `"${query}" finds ${expected} among: ${first.map((row) => row.name).join(', ')}`).toBeDefined();
      // A function, leading to its page.
      expect(hit?.kind).toBe(64);
      expect(existsSync(join(dir, hit?.url ?? 'missing')), hit?.url).toBe(true);
      expect(hit?.url).toMatch(new RegExp(`^functions/(?:[^/]*\\.)?${expected}\\.html$`));
    }
  }, 120_000);
});

describe('citations of the worked examples in the API docs', () => {
  it('name the article, and show an ID only as a link to its entry on the sources page', () => {
    const explained = readGuide('sources.md');
    let cited = 0;
    for (const file of walk(join(root, 'src'), '.ts')) {
      for (const comment of readFileSync(file, 'utf8').match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
        const where = relative(root, file);
        expect(comment, where).not.toMatch(/\bsources? \d{3}\b/i);
        const links = [...comment.matchAll(/\[([WC]\d{2})\]\(([^)#\s]+)#([a-z]\d{2})\)/g)];
        for (const [, id, path, anchor] of links) {
          expect(anchor, where).toBe(id?.toLowerCase());
          // A path from the source file to docs/sources.md, which works on GitHub and in the site.
          expect(resolve(dirname(file), path ?? ''), where).toBe(join(root, 'docs', 'sources.md'));
          expect(explained, where).toContain(`### ${id}\n`);
        }
        const mentions = comment.match(/\b[WC]\d{2}\b/g) ?? [];
        expect(mentions.length, `${where}: IDs that are not links to docs/sources.md`).toBe(links.length);
        cited += links.length;
      }
    }
    expect(cited).toBeGreaterThanOrEqual(20);

    // In the built site each link leads to the ID's entry of the sources page.
    const dir = site();
    const sourcesPage = readFileSync(join(dir, 'documents', 'sources.html'), 'utf8');
    let links = 0;
    for (const folder of ['functions', 'interfaces', 'types', 'variables', 'classes']) {
      for (const page of walk(join(dir, folder), '.html')) {
        const html = readFileSync(page, 'utf8');
        expect(html.replace(/<[^>]+>/g, ''), page).not.toMatch(/\bsources? \d{3}\b/i);
        for (const [, href, anchor] of html.matchAll(/href="([^"#]*sources\.html)#([^"]+)"/g)) {
          expect(resolve(dirname(page), href ?? ''), page).toBe(join(dir, 'documents', 'sources.html'));
          expect(sourcesPage, `${page}: #${anchor}`).toContain(`id="${anchor}"`);
          links++;
        }
      }
    }
    expect(links).toBeGreaterThanOrEqual(cited);
  }, 120_000);
});

describe('the examples in the API docs and the guides', () => {
  it('type-check against the built package, strict, as a user would compile them', () => {
    const dir = join(root, 'test', '.examples-typecheck');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const blocks: string[] = [];
    for (const file of walk(join(root, 'src'), '.ts')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\* ```ts\n([\s\S]*?)\* ```/g)) {
        blocks.push((match[1] ?? '').replace(/^\s*\* ?/gm, ''));
      }
    }
    for (const name of guideFiles) {
      for (const match of readGuide(name).matchAll(/```ts\n([\s\S]*?)```/g)) {
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
