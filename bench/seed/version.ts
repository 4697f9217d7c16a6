/** Bumped whenever the generated data changes shape: the benchmark remakes older scale databases. */
export const GENERATOR_VERSION = 3;
