/** Narrows a lookup result, failing loudly when the reference data is inconsistent. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}
