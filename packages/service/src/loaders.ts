import DataLoader from "dataloader";

/**
 * A DataLoader whose batch is one query returning rows, answered in key order with null for
 * a key no row has. One per lookup, made per request so nothing leaks between callers.
 */
export function loadRowsByKey<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like loadRowsByKey for one-to-many lookups: every key gets the (possibly empty) list of its rows. */
export function loadGroupsByKey<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, R[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
