/**
 * A DataLoader-like batch per GraphQL request: the keys asked for in one tick under the same name
 * are loaded together by one call of `load` (which returns one value per key, in order). Each
 * request has its own batches (keyed on its context object), so nothing outlives it.
 */
type Pending<K, V> = { key: K; resolve: (value: V) => void; reject: (error: unknown) => void };
type Batcher = (key: unknown) => Promise<unknown>;

const batches = new WeakMap<object, Map<string, Batcher>>();

export function batchLoader<K, V>(context: object, name: string, load: (keys: K[]) => Promise<V[]>): (key: K) => Promise<V> {
  let byName = batches.get(context);
  if (!byName) batches.set(context, (byName = new Map()));
  const existing = byName.get(name);
  if (existing) return existing as (key: K) => Promise<V>;
  let pending: Pending<K, V>[] = [];
  const batcher = (key: K) =>
    new Promise<V>((resolve, reject) => {
      if (pending.length === 0) {
        // setImmediate, not a microtask: sibling resolvers of a list start after awaits of their own.
        setImmediate(() => {
          const batch = pending;
          pending = [];
          const keys = [...new Set(batch.map((p) => p.key))];
          load(keys).then(
            (values) => {
              const byKey = new Map(keys.map((k, i) => [k, values[i] as V]));
              for (const p of batch) p.resolve(byKey.get(p.key) as V);
            },
            (error) => batch.forEach((p) => p.reject(error)),
          );
        });
      }
      pending.push({ key, resolve, reject });
    });
  byName.set(name, batcher as Batcher);
  return batcher;
}
