/**
 * Release metadata: the licence, the package.json fields npm and provenance
 * read, the prepack build and the changelog entry (scripts/releaseMetadata.ts,
 * which `npm run release:check` runs too), and that the checks catch each
 * gap on a copy of the package with that gap.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { metadataProblems, missingFromTarball } from '../../scripts/releaseMetadata';

const root = fileURLToPath(new URL('../..', import.meta.url));
const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/** A copy of the package's metadata files, with package.json changed by `edit` and the listed files left out. */
function copyWith(edit: (pkg: Record<string, unknown>) => void, leaveOut: string[] = []): string {
  const copy = mkdtempSync(join(tmpdir(), 'retention-metrics-metadata-'));
  copies.push(copy);
  mkdirSync(join(copy, 'docs'));
  for (const file of ['LICENSE', 'docs/CHANGELOG.md']) {
    if (!leaveOut.includes(file)) copyFileSync(join(root, file), join(copy, file));
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  edit(pkg);
  writeFileSync(join(copy, 'package.json'), JSON.stringify(pkg));
  return copy;
}

describe('release metadata', () => {
  it('is complete: licence, author, repository, homepage, bugs, keywords, prepack, changelog', () => {
    expect(metadataProblems(root)).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[]; license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'docs/CHANGELOG.md']));
  });

  it('names each gap', () => {
    const noLicence = copyWith(() => {}, ['LICENSE']);
    expect(metadataProblems(noLicence)).toEqual(['no LICENSE file']);
    const bare = copyWith((pkg) => {
      delete pkg.repository;
      delete pkg.author;
      delete pkg.bugs;
      pkg.scripts = { ...(pkg.scripts as object), prepack: undefined };
      pkg.keywords = ['retention'];
    });
    const problems = metadataProblems(bare);
    expect(problems).toContain('package.json has no author');
    expect(problems).toContain('package.json has no repository (publishing with provenance needs it)');
    expect(problems).toContain('package.json has no bugs URL');
    expect(problems).toContain('no prepack script that builds dist/ before packing');
    expect(problems.find((p) => p.startsWith('keywords miss'))).toContain('bg-nbd');
    const elsewhere = copyWith((pkg) => {
      pkg.homepage = 'https://example.com/other';
      pkg.version = '9.9.9';
    });
    expect(metadataProblems(elsewhere)).toEqual([
      "homepage https://example.com/other is not the repository's",
      'the changelog has no entry for version 9.9.9',
    ]);
  });

  it('lists the files a tarball lacks', () => {
    expect(missingFromTarball(['package/README.md', 'package/package.json'])).toEqual([
      'LICENSE',
      'docs/CHANGELOG.md',
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
    ]);
  });
});
