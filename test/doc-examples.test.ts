/**
 * Every `@example` in the TSDoc of src/ runs, and every `//=> value` line in it
 * is checked against what the statement just above it returns. The values in
 * the docs were computed independently when they were written; this test keeps
 * docs and code from drifting apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import DecimalJs from 'decimal.js';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as lib from '../src';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The ```ts blocks inside TSDoc comments, with the comment's leading ` * ` removed. */
function exampleBlocks(text: string): string[] {
  const blocks: string[] = [];
  const pattern = /\* ```ts\n([\s\S]*?)\* ```/g;
  for (const match of text.matchAll(pattern)) {
    blocks.push((match[1] ?? '').replace(/^\s*\* ?/gm, ''));
  }
  return blocks;
}

/** Turns a block into a function body that checks each `//=>` line. */
function toCheckedBody(block: string): { body: string; checks: number } {
  const lines = block.replace(/^import [^;]+;$/gm, '').split('\n');
  let checks = 0;
  for (let i = 0; i < lines.length; i++) {
    const arrow = /^\s*\/\/=> (.*)$/.exec(lines[i] ?? '');
    if (!arrow) continue;
    // The statement just above: back to where its brackets balance and the line
    // before it ends a statement, opens a block, or is blank or a comment.
    let end = i - 1;
    while (end >= 0 && (lines[end] ?? '').trim() === '') end--;
    let start = end;
    let depth = 0;
    const balance = (text: string) => (text.match(/[)\]}]/g) ?? []).length - (text.match(/[([{]/g) ?? []).length;
    for (;;) {
      depth += balance((lines[start] ?? '').replace(/\/\/ .*$/, ''));
      const previous = (lines[start - 1] ?? '').replace(/\s*\/\/ .*$/, '').trim();
      const boundary =
        previous === '' ||
        previous.endsWith(';') ||
        previous.endsWith('{') ||
        previous.endsWith('}') ||
        previous.startsWith('//');
      if (start === 0 || (depth <= 0 && boundary)) break;
      start--;
    }
    const statement = lines
      .slice(start, end + 1)
      .join('\n')
      .replace(/;\s*\/\/ [^\n]*$/, ';') // a comment after the statement
      .replace(/;\s*$/, '');
    for (let j = start; j <= end; j++) lines[j] = '';
    lines[start] = `__check((${statement}), ${arrow[1]}, ${JSON.stringify(statement)});`;
    lines[i] = '';
    checks++;
  }
  return { body: lines.join('\n'), checks };
}

const files = sourceFiles(srcDir);
const cases = files.flatMap((file) =>
  exampleBlocks(readFileSync(file, 'utf8')).map((block, index) => ({
    name: `${relative(srcDir, file)} #${index + 1}`,
    block,
  })),
);

describe('TSDoc examples', () => {
  it('exist for every public function', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });

  it.each(cases)('$name gives the values its //=> comments promise', ({ block }) => {
    const { body, checks } = toCheckedBody(block);
    runChecked(body, checks);
  });
});

/** Runs a checked body (TypeScript allowed) with the library's exports in scope. */
function runChecked(tsBody: string, checks: number): void {
  const body = transformSync(tsBody, { loader: 'ts' }).code;
  // Examples may use the application's own decimal.js as DecimalJs; restore its settings afterwards.
  const saved = { precision: DecimalJs.precision, rounding: DecimalJs.rounding };
  const names = [...Object.keys(lib), 'DecimalJs', 'console'];
  // What an example prints is for its reader; the test run keeps it, unprinted.
  const printed: unknown[][] = [];
  const quiet = Object.fromEntries(
    ['log', 'info', 'table', 'warn', 'error', 'dir'].map((method) => [
      method,
      (...args: unknown[]) => printed.push(args),
    ]),
  );
  const results: Array<{ statement: string; actual: unknown; expected: unknown }> = [];
  const check = (actual: unknown, expected: unknown, statement: string) =>
    results.push({ statement, actual, expected });
  // The example runs with the library's exports in scope, as its import line promises.
  try {
    new Function(...names, '__check', body)(
      ...names.map((n) =>
        n === 'DecimalJs' ? DecimalJs : n === 'console' ? quiet : (lib as Record<string, unknown>)[n],
      ),
      check,
    );
  } finally {
    DecimalJs.set(saved);
  }
  expect(results.length).toBe(checks);
  for (const { statement, actual, expected } of results) expect(actual, statement).toEqual(expected);
}

const docsDir = fileURLToPath(new URL('../docs', import.meta.url));
const guideCases = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) =>
    [...readFileSync(join(docsDir, name), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
      name: `docs/${name} #${index + 1}`,
      block: match[1] ?? '',
    })),
  );

describe('examples in the guides under docs/', () => {
  it('exist', () => {
    expect(guideCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(guideCases)('$name gives the values its //=> comments promise', ({ block }) => {
    const { body, checks } = toCheckedBody(block);
    runChecked(body, checks);
  });
});

describe('the README quick start', () => {
  it("prints what its comments say (console.log(x); // 'value')", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const block = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const body = block
      .replace(/^import [^;]+;$/gm, '')
      .replace(
        /console\.log\((.*)\); \/\/ ('[^']*')(.*)$/gm,
        (_, expr, expected) => `__check((${expr}), ${expected}, ${JSON.stringify(expr)});`,
      );
    const results: Array<[unknown, unknown, string]> = [];
    const names = Object.keys(lib);
    new Function(...names, '__check', body)(
      ...names.map((n) => (lib as Record<string, unknown>)[n]),
      (actual: unknown, expected: unknown, expr: string) => results.push([actual, expected, expr]),
    );
    expect(results.length).toBe(3);
    for (const [actual, expected, expr] of results) expect(actual, expr).toBe(expected);
  });
});
