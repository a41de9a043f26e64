// Where a document's names come from: the court registry (`courts`, migrations 120–121) and the
// people registry (`people`, migration 190, written at console sign-in). The demo's people
// (infra/auth/demo-users.ts) stand in for a person the registry has not seen, so a demo run signed
// through API tokens alone still prints 赵院长.
import type pg from 'pg';
import { demoUser } from '../../infra/auth/demo-users';
import type { TransferDocumentState, DocumentNames } from './transfer';

type Queryable = Pick<pg.Pool, 'query'>;

/** Every court and person a transfer's documents may name (with `otherCourts`: the courts holding its seizures), resolved in two queries. */
export async function transferDocumentNames(db: Queryable, state: TransferDocumentState, otherCourts: string[] = []): Promise<DocumentNames> {
  const courtCodes = [...new Set([state.homeCourt, state.receivingCourt, ...state.cases.map((c) => c.court), ...otherCourts].filter((c): c is string => Boolean(c)))];
  const userIds = [state.decision?.signedBy].filter((u): u is string => Boolean(u));
  const courts = await db.query<{ code: string; name: string }>('select code, name from courts where code = any($1)', [courtCodes]);
  const people = userIds.length
    ? await db.query<{ user_id: string; display_name: string }>('select user_id, display_name from people where user_id = any($1)', [userIds])
    : { rows: [] };
  const courtName = new Map(courts.rows.map((r) => [r.code, r.name]));
  const personName = new Map(people.rows.map((r) => [r.user_id, r.display_name]));
  return {
    court: (code) => courtName.get(code) ?? code,
    person: (userId) => personName.get(userId) ?? demoUser(userId)?.displayName ?? userId,
  };
}
