/**
 * `npm run release:check` (after the tests and the docs build): the package
 * metadata, and a pack as a fresh clone would make it. dist/ is moved aside
 * first, so the tarball holds a build only if `prepack` made one; it is put
 * back if the pack fails. Exits 1 with the problems listed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metadataProblems, missingFromTarball } from './releaseMetadata';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems = metadataProblems(root);

const dist = join(root, 'dist');
const aside = join(root, 'dist.release-check');
rmSync(aside, { recursive: true, force: true });
if (existsSync(dist)) renameSync(dist, aside);
try {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
  const packed = JSON.parse(output.slice(output.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
  const missing = missingFromTarball((packed[0]?.files ?? []).map((file) => file.path));
  if (missing.length > 0) problems.push(`the tarball of a clone without dist/ misses ${missing.join(', ')}`);
  rmSync(aside, { recursive: true, force: true });
} catch (error) {
  problems.push(`npm pack failed: ${(error as Error).message.split('\n')[0]}`);
  rmSync(dist, { recursive: true, force: true });
  if (existsSync(aside)) renameSync(aside, dist);
}

if (problems.length > 0) {
  console.error(`release check: ${problems.length} problem(s)\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('release check: metadata complete; a pack without dist/ builds it and holds every required file');
