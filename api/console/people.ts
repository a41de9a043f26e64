// The people registry (migration 190): who signed in, under what name. Documents the worker renders
// afterwards print this name (activities/documents/names.ts).
import type pg from 'pg';
import type { Actor } from '../../workflows/shared/actor';

/**
 * Records (or refreshes) a staff member's name at sign-in. Parties are not recorded: their names
 * are the transfer's own party records. A failed write does not stop the sign-in; the document then
 * prints the last name known, or the id.
 */
export async function rememberPerson(pool: pg.Pool, actor: Actor): Promise<void> {
  if (actor.role === 'party' || !actor.displayName) return;
  await pool.query(
    `insert into people (user_id, display_name, role, court) values ($1, $2, $3, $4)
     on conflict (user_id) do update set display_name = excluded.display_name, role = excluded.role, court = excluded.court, seen_at = now()`,
    [actor.userId, actor.displayName.slice(0, 200), actor.role, actor.court ?? null],
  ).catch(() => undefined);
}
