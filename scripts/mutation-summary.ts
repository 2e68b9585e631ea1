/**
 * Reads StrykerJS's JSON reports (reports/mutation/closed-form.json,
 * models-contractual.json and models-purchases.json) and prints the mutation score of each part of src/: the
 * closed-form metrics (with the internal core they share), the data functions
 * and the models, then overall.
 * Score = (killed + timed out) / (all mutants that compile and ran), as
 * Stryker computes it. Exits non-zero when a target of docs/quality.md is missed.
 */
import { existsSync, readFileSync } from 'node:fs';

type Status =
  | 'Killed'
  | 'Timeout'
  | 'Survived'
  | 'NoCoverage'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';
interface Report {
  files: Record<string, { mutants: { status: Status }[] }>;
}

// One report per part of npm run test:mutation; a part not yet run is left out.
const report: Report = { files: {} };
for (const part of ['closed-form', 'models-contractual', 'models-purchases']) {
  const file = `reports/mutation/${part}.json`;
  if (existsSync(file)) Object.assign(report.files, (JSON.parse(readFileSync(file, 'utf8')) as Report).files);
}

const parts: { name: string; target: number; test: (file: string) => boolean }[] = [
  {
    name: 'closed-form metrics',
    target: 90,
    test: (f) => /^src\/(acquisition|concentration|internal|profit|projection|retention|revenue|value)\//.test(f),
  },
  { name: 'data functions', target: 0, test: (f) => f.startsWith('src/data/') },
  { name: 'models', target: 0, test: (f) => f.startsWith('src/models/') },
  { name: 'overall', target: 80, test: () => true },
];

let missed = false;
for (const part of parts) {
  const counts = { detected: 0, timedOut: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!part.test(file.replace(/\\/g, '/'))) continue;
    for (const { status } of mutants) {
      if (status === 'Killed' || status === 'Timeout') counts.detected++;
      if (status === 'Timeout') counts.timedOut++;
      else if (status === 'Survived') counts.survived++;
      else if (status === 'NoCoverage') counts.noCoverage++;
      else if (status === 'Ignored') counts.ignored++;
    }
  }
  const valid = counts.detected + counts.survived + counts.noCoverage;
  if (valid === 0) {
    console.log(`${part.name.padEnd(20)} no mutants in this report`);
    continue;
  }
  const score = (100 * counts.detected) / valid;
  const verdict =
    part.target === 0
      ? ''
      : score >= part.target
        ? `  (target ${part.target} %: met)`
        : `  (target ${part.target} %: MISSED)`;
  if (part.target > 0 && score < part.target) missed = true;
  console.log(
    `${part.name.padEnd(20)} ${score.toFixed(2).padStart(6)} %  ${counts.detected} detected (${counts.timedOut} by a time-out), ${counts.survived} survived, ${counts.noCoverage} not covered; ${counts.ignored} static, not run${verdict}`,
  );
}
process.exitCode = missed ? 1 : 0;
