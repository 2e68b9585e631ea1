/**
 * What a release needs besides passing tests: the licence, the package.json
 * fields npm and provenance read, a build before packing, and the files the
 * tarball must hold. Used by scripts/release-check.ts (`npm run
 * release:check`) and by test/package/metadata.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The words people search the registry with for what this package does. */
export const REQUIRED_KEYWORDS = [
  'retention',
  'churn',
  'clv',
  'cohort',
  'nrr',
  'bg-nbd',
  'pareto-nbd',
  'gamma-gamma',
  'sbg',
  'btyd',
] as const;

/** The files a packed tarball must hold (paths inside the package). */
export const REQUIRED_FILES = [
  'LICENSE',
  'README.md',
  'docs/CHANGELOG.md',
  'package.json',
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
] as const;

interface PackageJson {
  name?: string;
  version?: string;
  license?: string;
  author?: string | { name?: string };
  repository?: string | { type?: string; url?: string };
  homepage?: string;
  bugs?: string | { url?: string };
  keywords?: string[];
  files?: string[];
  scripts?: Record<string, string>;
}

/** The problems with the package's metadata, in words; empty when it is ready. */
export function metadataProblems(root: string): string[] {
  const problems: string[] = [];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const licence = existsSync(join(root, 'LICENSE')) ? readFileSync(join(root, 'LICENSE'), 'utf8') : undefined;
  if (licence === undefined) problems.push('no LICENSE file');
  else if (pkg.license === 'MIT' && !licence.startsWith('MIT License')) {
    problems.push('package.json says MIT but LICENSE is not the MIT licence text');
  }
  if (pkg.license === undefined) problems.push('package.json has no license');
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  if (!author) problems.push('package.json has no author');
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const slug = repository?.match(/github\.com[/:]([^/]+\/[^/.]+)(\.git)?$/)?.[1];
  if (!repository) problems.push('package.json has no repository (publishing with provenance needs it)');
  else if (slug === undefined) problems.push(`repository ${repository} is not a GitHub repository URL`);
  const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
  if (!pkg.homepage) problems.push('package.json has no homepage');
  else if (slug !== undefined && !pkg.homepage.includes(slug))
    problems.push(`homepage ${pkg.homepage} is not the repository's`);
  if (!bugs) problems.push('package.json has no bugs URL');
  else if (slug !== undefined && !bugs.includes(slug)) problems.push(`bugs ${bugs} is not the repository's`);
  const missingWords = REQUIRED_KEYWORDS.filter((word) => !(pkg.keywords ?? []).includes(word));
  if (missingWords.length > 0) problems.push(`keywords miss ${missingWords.join(', ')}`);
  const prepack = pkg.scripts?.prepack ?? '';
  if (!/\b(npm run build|tsup)\b/.test(prepack)) problems.push('no prepack script that builds dist/ before packing');
  const changelog = join(root, 'docs', 'CHANGELOG.md');
  if (!existsSync(changelog)) problems.push('no docs/CHANGELOG.md');
  else {
    const text = readFileSync(changelog, 'utf8');
    const version = pkg.version ?? '';
    // "## 0.1.0" once released, "## Unreleased (0.1.0)" before.
    if (!text.includes(`## ${version}`) && !text.includes(`(${version})`)) {
      problems.push(`the changelog has no entry for version ${version}`);
    }
  }
  return problems;
}

/** The required files missing from a tarball's list of paths (with or without the "package/" prefix). */
export function missingFromTarball(paths: readonly string[]): string[] {
  const held = new Set(paths.map((path) => path.replace(/^package\//, '')));
  return REQUIRED_FILES.filter((file) => !held.has(file));
}
