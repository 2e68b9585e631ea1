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

/** Runs `run` and returns the MetricInputError it throws; fails the test on anything else. */
export function inputErrorOf(run: () => unknown): MetricInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return error;
    throw error;
  }
  throw new Error('expected a MetricInputError, but nothing was thrown');
}
