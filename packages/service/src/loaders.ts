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

/**
 * One loader per distinct argument set, built on first use and reused for the rest of the
 * request. Arguments that shape the batch query (a page size, a cursor, a period) cannot vary
 * within one batch, so each set gets its own loader keyed by parent id: in effect the key is
 * (arguments, parent id), and the common case, one argument set across a list of parents,
 * is still one statement.
 */
export function perArguments<A, L>(build: (args: A) => L): (args: A) => L {
  const built = new Map<string, L>();
  return (args) => {
    // Objects are compared by content; callers build them with a fixed key order.
    const key = JSON.stringify(args);
    let loader = built.get(key);
    if (!loader) {
      loader = build(args);
      built.set(key, loader);
    }
    return loader;
  };
}
