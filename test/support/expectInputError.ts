import { expect } from 'vitest';
import { MetricInputError } from '../../src';

/** Runs `run`, requires a MetricInputError whose message matches `message`, and returns it. */
export function expectInputError(run: () => unknown, message: RegExp): MetricInputError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricInputError);
  expect(MetricInputError.is(caught)).toBe(true);
  const error = caught as MetricInputError;
  expect(error.message).toMatch(message);
  return error;
}
