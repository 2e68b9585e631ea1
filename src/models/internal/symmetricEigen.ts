/** Eigenvalues and eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** The eigenvalues, in no particular order. */
  values: number[];
  /** vectors[k] is the unit eigenvector of values[k]. */
  vectors: number[][];
}

/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi
 * method: plane rotations that zero one off-diagonal entry at a time, swept
 * until the off-diagonal part is negligible (Golub and Van Loan, Matrix
 * Computations, section 8.5). Accurate to rounding for the 2 to 10
 * parameters of a fitted model; cost O(n^3) per sweep, a handful of sweeps.
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): SymmetricEigen {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  // v holds the accumulated rotations; its columns become the eigenvectors.
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const at = (i: number, j: number) => (a[i] as number[])[j] as number;
  const set = (m: number[][], i: number, j: number, value: number) => {
    (m[i] as number[])[j] = value;
  };
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += at(i, i) ** 2;
      for (let j = i + 1; j < n; j++) off += at(i, j) ** 2;
    }
    if (off <= 1e-30 * (scale + off) || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(p, q);
        if (apq === 0) continue;
        // The rotation angle that zeroes a[p][q]: t = tan(theta), the smaller root.
        const tau = (at(q, q) - at(p, p)) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          set(a, k, p, c * akp - s * akq);
          set(a, k, q, s * akp + c * akq);
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          set(a, p, k, c * apk - s * aqk);
          set(a, q, k, s * apk + c * aqk);
        }
        for (let k = 0; k < n; k++) {
          const vkp = (v[k] as number[])[p] as number;
          const vkq = (v[k] as number[])[q] as number;
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
    }
  }
  return {
    values: Array.from({ length: n }, (_, i) => at(i, i)),
    vectors: Array.from({ length: n }, (_, k) => Array.from({ length: n }, (_, i) => (v[i] as number[])[k] as number)),
  };
}
