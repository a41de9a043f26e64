// Each process logs in as its own role (issue 16). Locally one superuser DATABASE_URL serves every
// process and each pool switches with SET ROLE; a statement that says RESET ROLE is then back to
// the superuser. A deployment therefore gives the API and the worker logins of their own: the
// migrate job, which runs as the tables' owner, sets their passwords, and the API and the worker
// connect with them (DATABASE_API_URL, DATABASE_WORKER_URL), so RESET ROLE returns to the same
// least-privileged role. docker-compose.yml runs this shape.
import type pg from 'pg';
import { apiRole, workerRole } from './app-role';

/** The passwords to set, by role; an unset one leaves that role's login as it is. */
export interface RoleLoginPasswords {
  api?: string;
  worker?: string;
}

/**
 * Lets `courtrelay_api` and `courtrelay_worker` log in with the given passwords (ALTER ROLE …
 * LOGIN PASSWORD, quoted by PostgreSQL's own format()). Needs a role allowed to
 * alter them (the migrate job's owner login). Returns the roles it set.
 */
export async function setRoleLogins(pool: pg.Pool, passwords: RoleLoginPasswords): Promise<string[]> {
  const set: string[] = [];
  for (const [role, password] of [[apiRole, passwords.api], [workerRole, passwords.worker]] as const) {
    if (!password) continue;
    // ALTER ROLE takes no bind parameters: PostgreSQL quotes the name and the password itself.
    const { rows } = await pool.query<{ sql: string }>("select format('alter role %I login password %L', $1::text, $2::text) as sql", [role, password]);
    await pool.query(rows[0]!.sql);
    set.push(role);
  }
  return set;
}
