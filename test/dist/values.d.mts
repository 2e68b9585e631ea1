/** The W01-W05 values and one error, computed by the given build of the package. */
export function smokeValues(lib: typeof import('../../src/index')): Record<string, unknown>;
