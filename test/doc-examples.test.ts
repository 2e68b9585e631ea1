/**
 * Every `@example` in the TSDoc of src/ runs, and every `//=> value` line in it
 * is checked against what the statement just above it returns. The values in
 * the docs were computed independently when they were written; this test keeps
 * docs and code from drifting apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // The statement just above: back to the line after the previous statement's end.
    let end = i - 1;
    while (end >= 0 && (lines[end] ?? '').trim() === '') end--;
    let start = end;
    while (start > 0) {
      const previous = (lines[start - 1] ?? '').replace(/\s*\/\/ .*$/, '').trim();
      if (previous === '' || previous.endsWith(';') || previous.startsWith('//')) break;
      start--;
    }
    const statement = lines
      .slice(start, end + 1)
      .join('\n')
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
    const names = Object.keys(lib);
    const results: Array<{ statement: string; actual: unknown; expected: unknown }> = [];
    const check = (actual: unknown, expected: unknown, statement: string) =>
      results.push({ statement, actual, expected });
    // The example runs with the library's exports in scope, as its import line promises.
    new Function(...names, '__check', body)(...names.map((n) => (lib as Record<string, unknown>)[n]), check);
    expect(results.length).toBe(checks);
    for (const { statement, actual, expected } of results) expect(actual, statement).toEqual(expected);
  });
});

describe('the README quick start', () => {
  it("prints what its comments say (console.log(x); // 'value')", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
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
