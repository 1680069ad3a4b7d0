/**
 * Any 8-4-4-4-12 hex string, in either case: the form of every id Kai issues, and one that
 * Postgres's uuid type accepts. (Not zod's `uuid()`, which also checks the version and variant
 * digits: Postgres does not, so an id it stores must not be refused here.)
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can name a row by a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The keys that can name a row by a uuid column. Ids come from callers (arguments, entity
 * references, cursors); any other string names nothing, so it is dropped here rather than
 * failing the whole batch with Postgres's "invalid input syntax for type uuid".
 */
export function uuidsOnly(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}
