/**
 * The end of a `switch` over a closed union: TypeScript refuses to compile when a member is not
 * handled, and a value outside the union at run time (e.g. a row written by a newer version) throws.
 */
export function exhaustive(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what} ${JSON.stringify(value)}`);
}
