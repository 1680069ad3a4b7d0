/**
 * One loader per distinct argument set, built on first use and reused for the rest of the
 * request. Arguments that shape the batch query (a page size, a cursor, a period) cannot vary
 * within one batch, so each set gets its own loader keyed by parent id: the loader's key is in
 * effect (arguments, parent id), and the common case, one argument set across a list of
 * parents, is still one statement.
 *
 * captures has the same helper; it belongs in @kai/service's loaders next to loadGroupsByKey.
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
