// Court names from the court registry (the `courts` table, migrations 120–121), so every page
// shows 北京市朝阳区人民法院 where the engine stores BPC-110105. Read once a minute at most: the
// registry changes only when an administrator adds a court.
import type pg from 'pg';

const refreshAfterMs = 60_000;
let names = new Map<string, string>();
let loadedAt = 0;
let loading: Promise<void> | undefined;

/** Reloads the names when the copy is older than a minute; a failed read keeps the last copy. */
export async function refreshCourtNames(pool: pg.Pool): Promise<void> {
  if (Date.now() - loadedAt < refreshAfterMs) return;
  loading ??= pool.query<{ code: string; name: string }>('select code, name from courts')
    .then(({ rows }) => {
      names = new Map(rows.map((r) => [r.code, r.name]));
      loadedAt = Date.now();
    })
    .catch(() => { loadedAt = Date.now() - refreshAfterMs + 5_000; })
    .finally(() => { loading = undefined; });
  await loading;
}

/** The registered name of a court code, if the registry has it. */
export function registeredCourtName(code: string): string | undefined {
  return names.get(code);
}
