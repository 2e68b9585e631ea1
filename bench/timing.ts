/**
 * The time of one call, in milliseconds: the median over five batches, each
 * batch repeated until it lasts long enough to time (a fifth of minimumMs).
 */
export function time(run: () => unknown, minimumMs = 300): number {
  let repeats = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) run();
    if (performance.now() - start >= minimumMs / 5) break;
    repeats *= 2;
  }
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) run();
    samples.push((performance.now() - start) / repeats);
  }
  samples.sort((a, b) => a - b);
  return samples[2] as number;
}
