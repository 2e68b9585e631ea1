// A small TypeDoc plugin for the guides and the API pages.
//
// 1. Formulas. ```math blocks (the fence GitHub renders as math, so the guides
//    read the same on GitHub) are turned into KaTeX HTML while the site is
//    built, from the block's own text with its line breaks intact (a line break
//    is white space to TeX). A block KaTeX cannot parse, or one it would only
//    accept with a warning, is reported as a TypeDoc error, which fails the
//    build. Each formula sits in a box that scrolls sideways rather than spill
//    out of the column on a narrow screen. Only KaTeX's stylesheet and fonts
//    are shipped (copied from node_modules, no CDN); no script runs in the page.
// 2. Links. In the guides, inline code naming an export (`fitBgNbd`,
//    `fitBgNbd()`) becomes a link to its API page, so the Markdown source keeps
//    plain backticks, which GitHub shows as code.
// 3. Names. A guide's page keeps its file's name (documents/warehouse.html)
//    when its front matter gives it a title for the sidebar; the API module,
//    which TypeDoc names after src/index.ts, shows as "API reference".
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { JSX, KindRouter, MarkdownEvent, ReflectionKind, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);
const katex = require('katex');
const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));

/** The fence words rendered as formulas: `math` (GitHub's), and `latex` for older sources. */
const mathBlock = /<pre><code class="(?:math|latex)">([\s\S]*?)<\/code>(?:<button[^>]*>[^<]*<\/button>)?<\/pre>/g;

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of a code block as markdown-it wrote it: entities decoded, line breaks kept. */
export function codeText(html) {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return String.fromCodePoint(code);
      }
      return entities[name.toLowerCase()] ?? whole;
    });
}

const style = [
  '.rm-math { overflow-x: auto; overflow-y: hidden; max-width: 100%; margin: 1em 0; }',
  '.rm-math > .katex-display { margin: 0.5em 0; }',
].join('\n');

/** Kinds of exports that have their own API page and may be named in a guide. */
const linkableKinds =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum;

/** The API module's name in the sidebar; TypeDoc would call it after its file, "index". */
const moduleTitle = 'API reference';

/** Keeps a guide's page name equal to its file's name whatever its title. */
class GuideFileRouter extends KindRouter {
  getIdealBaseName(reflection) {
    if (reflection.kindOf(ReflectionKind.Document)) {
      const file = reflection.project.files.getReflectionPath(reflection);
      if (file) return `documents/${basename(file).replace(/\.md$/, '')}`;
    }
    return super.getIdealBaseName(reflection);
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.defineRouter('guide-files', GuideFileRouter);
  // Renamed once the pages have their URLs (modules/index.html stays), before any is written.
  app.renderer.on(
    RendererEvent.BEGIN,
    (event) => {
      const modules = event.project.children?.filter((child) => child.kindOf(ReflectionKind.Module)) ?? [];
      if (modules.length === 1 && modules[0].name === 'index') modules[0].name = moduleTitle;
    },
    100,
  );

  const renderFormula = (tex, where) => {
    try {
      const html = katex.renderToString(tex, {
        displayMode: true,
        throwOnError: true,
        strict: (code, message) => {
          app.logger.warn(`KaTeX (${code}) in a formula of ${where}: ${message}\n${tex}`);
          return 'ignore';
        },
      });
      return `<div class="rm-math">${html}</div>`;
    } catch (error) {
      app.logger.error(`KaTeX cannot render a formula of ${where}: ${error.message}\n${tex}`);
      // Left in the page as KaTeX marks an error, so a reader (and the test) sees it.
      return `<div class="rm-math"><span class="katex-error">${JSX.renderElement(JSX.createElement(JSX.Fragment, null, tex))}</span></div>`;
    }
  };

  /** name -> reflection, for every export with its own page. */
  let exported = new Map();
  app.renderer.on(RendererEvent.BEGIN, (event) => {
    exported = new Map();
    for (const reflection of event.project.getReflectionsByKind(linkableKinds)) {
      const topLevel = reflection.parent?.kindOf(ReflectionKind.Project | ReflectionKind.Module);
      if (topLevel && !exported.has(reflection.name)) exported.set(reflection.name, reflection);
    }
  });

  const linkExports = (html, page) => {
    const router = app.renderer.router;
    // Existing links are copied unchanged (no link inside a link); so is code in a block.
    return html.replace(
      /(<a\b[\s\S]*?<\/a>|<pre\b[\s\S]*?<\/pre>)|<code>([A-Za-z_$][\w$]*)(\(\))?<\/code>/g,
      (whole, kept, name, call) => {
        if (kept) return kept;
        const target = exported.get(name);
        if (!target || !router?.hasUrl(target)) return whole;
        const href = router.relativeUrl(page.model, target);
        return `<a href="${href}" class="${ReflectionKind.classString(target.kind)}"><code>${name}${call ?? ''}</code></a>`;
      },
    );
  };

  // After TypeDoc's own markdown parser (priority 0) has produced the HTML.
  app.renderer.on(
    MarkdownEvent.PARSE,
    (event) => {
      const where = event.page?.model?.getFriendlyFullName?.() ?? event.page?.url ?? 'a page';
      let html = event.parsedText.replace(mathBlock, (_whole, code) => renderFormula(codeText(code), where));
      const model = event.page?.model;
      if (model && (model.kindOf(ReflectionKind.Document) || model.isProject())) html = linkExports(html, event.page);
      event.parsedText = html;
    },
    -100,
  );

  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement(
      JSX.Fragment,
      null,
      JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL('assets/katex/katex.min.css') }),
      JSX.createElement('style', null, JSX.createElement(JSX.Raw, { html: style })),
    ),
  );
  app.renderer.on(RendererEvent.END, (event) => {
    const target = join(event.outputDirectory, 'assets', 'katex');
    cpSync(join(katexDist, 'katex.min.css'), join(target, 'katex.min.css'));
    cpSync(join(katexDist, 'fonts'), join(target, 'fonts'), { recursive: true });
  });
}
