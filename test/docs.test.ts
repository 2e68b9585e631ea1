/**
 * The API reference builds with typedoc, warnings as errors, with every export
 * documented (typedoc's notDocumented validation, configured in tsconfig.json).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'retention-metrics-docs-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the API reference', () => {
  it('builds with typedoc with no warning, every export documented', () => {
    execFileSync(`${root}node_modules/.bin/typedoc`, ['--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const page = readFileSync(join(out, 'functions', 'retentionRate.html'), 'utf8');
    expect(page).toContain('customersAtStart');
  }, 120_000);
});
