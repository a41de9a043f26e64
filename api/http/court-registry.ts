// The courts a token may name, read from the `courts` table (migrations 120, 121) and kept in
// memory: tokens are checked on every request, the registry changes when an administrator adds a
// court. A court not in the copy is looked up once more (at most every few seconds), so a newly
// added court is accepted without a restart and a flood of unknown courts costs no query each.
import type pg from 'pg';

export interface CourtRegistry {
  has(code: string): Promise<boolean>;
}

const refreshAfterMs = 60_000;
const missRetryMs = 5_000;

const registries = new WeakMap<pg.Pool, CourtRegistry>();

/** The registry of `pool`'s database, one per pool. */
export function courtRegistry(pool: pg.Pool): CourtRegistry {
  let registry = registries.get(pool);
  if (!registry) {
    registry = cachedRegistry(pool);
    registries.set(pool, registry);
  }
  return registry;
}

function cachedRegistry(pool: pg.Pool): CourtRegistry {
  let codes = new Set<string>();
  let loadedAt = 0;
  let loading: Promise<void> | undefined;
  const load = () => {
    loading ??= pool.query<{ code: string }>('select code from courts')
      .then(({ rows }) => {
        codes = new Set(rows.map((r) => r.code));
        loadedAt = Date.now();
      })
      .finally(() => { loading = undefined; });
    return loading;
  };
  return {
    async has(code) {
      const age = Date.now() - loadedAt;
      if (age > refreshAfterMs || (!codes.has(code) && age > missRetryMs)) await load();
      return codes.has(code);
    },
  };
}
