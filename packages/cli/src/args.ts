import { InvalidArgumentError } from 'commander';

// Parsers of flag values, checked as commander reads them: a value out of range is one clear line
// ("option '-n, --count <n>' argument '1e9' is invalid. ...") and exit 2, before anything loads.

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`give a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** One of `values`, listed in the error. */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`give one of ${values.join(', ')}.`);
    }
    return value as T;
  };
}

/** Collects a repeatable option's values. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
