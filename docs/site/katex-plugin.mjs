// A small TypeDoc plugin: renders the ```latex blocks of the guides and the API
// pages as formulas with KaTeX, served from the site itself (no CDN): KaTeX's
// files are copied from node_modules into the output's assets. (Markdown would
// mangle TeX written between dollar signs, so formulas live in latex blocks.)
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { JSX, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);
const katexDist = dirname(require.resolve('katex/dist/katex.min.js'));

const renderLatexBlocks = [
  "window.addEventListener('load', () => {",
  "  for (const code of document.querySelectorAll('pre > code.latex')) {",
  "    const box = document.createElement('div');",
  '    window.katex.render(code.textContent, box, { displayMode: true, throwOnError: false });',
  '    code.parentElement.replaceWith(box);',
  '  }',
  '});',
].join('\n');

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement(
      JSX.Fragment,
      null,
      JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL('assets/katex/katex.min.css') }),
      JSX.createElement('script', { defer: true, src: context.relativeURL('assets/katex/katex.min.js') }),
      JSX.createElement('script', null, JSX.createElement(JSX.Raw, { html: renderLatexBlocks })),
    ),
  );
  app.renderer.on(RendererEvent.END, (event) => {
    cpSync(katexDist, join(event.outputDirectory, 'assets', 'katex'), { recursive: true });
  });
}
