/**
 * sBG parameters, as {@link fitSbg} returns them (other fields of a fit are ignored).
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgParameters {
  /** alpha > 0 of the beta distribution of churn probabilities. */
  alpha: number;
  /** beta > 0 of the beta distribution of churn probabilities. */
  beta: number;
}
