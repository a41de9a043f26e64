// The transfer's door (issue 15): what the API checks against PostgreSQL before a trigger or an act
// reaches the workflow, so a refusal names the field and nothing starts. The receiving court comes
// from the jurisdiction table (activities/courts/jurisdiction.ts), an override must name a court of
// the registry; a case joins only as its court registered it (enforcement_cases).
import type pg from 'pg';
import { courtName, jurisdictionGapMessages, receivingCourtFor } from '../../activities/courts/jurisdiction';
import { divisionCodeOf } from '../../workflows/shared/identifiers';
import { ApiError } from '../http/errors';
import type { Actor } from '../../workflows/shared/actor';
import type { EnforcementCase, ScreeningJurisdiction, TransferTrigger } from '../schemas/transfer';

type Queryable = Pick<pg.Pool, 'query'>;

export function fieldRefusal(field: string, message: string): ApiError {
  return new ApiError(422, { error: 'ValidationFailed', message: `${field}: ${message}`, fields: [{ field, message }] });
}

/**
 * A trigger whose debtor no court of the table can receive is refused before it starts: a code
 * registered at provincial or national level needs `debtor.domicileDivisionCode`; a division with no
 * intermediate court in the registry is not a real place. A municipality's district passes: the
 * screening names its court.
 */
export async function checkDomicile(db: Queryable, trigger: TransferTrigger): Promise<void> {
  const given = trigger.debtor.domicileDivisionCode;
  const found = await receivingCourtFor(db, given ?? divisionCodeOf(trigger.creditCode));
  if (!('gap' in found) || found.gap === 'municipality') return;
  if (given) throw fieldRefusal('debtor.domicileDivisionCode', jurisdictionGapMessages[found.gap]);
  throw fieldRefusal(found.gap === 'provincial' ? 'debtor.domicileDivisionCode' : 'creditCode', jurisdictionGapMessages[found.gap]);
}

/** The table's receiving court for the screening; an override naming no registered court is a 422. */
export async function screeningJurisdiction(
  db: Queryable, domicile: string, override: { court: string } | undefined,
): Promise<ScreeningJurisdiction> {
  if (override && !(await courtName(db, override.court))) {
    throw fieldRefusal('receivingCourtOverride.court', `${override.court}不是法院登记表中的法院 (not a court of the registry)`);
  }
  const found = await receivingCourtFor(db, domicile);
  if ('gap' in found) {
    if (!override) throw fieldRefusal('receivingCourtOverride', jurisdictionGapMessages[found.gap]);
    return { court: null, source: jurisdictionGapMessages[found.gap] };
  }
  return { court: found.court, courtName: found.courtName, source: found.source };
}

interface RegisteredCase {
  debtor_credit_code: string;
  status: string;
  applicants: { partyId: string; name: string }[] | null;
}

/**
 * Who may join (issue 15): each case must be an enforcement case registered (imported) against this
 * debtor, not yet satisfied, with its applicants on the record; the caller's applicants must be those
 * (by party id), and the record's are what joins. A join (`ownCourtOnly`) takes only the caller's own
 * court's cases (an administrator: any court's); the trigger that starts a transfer gathers the
 * debtor's registered cases of every court. `field` is the body path of the cases (`cases.i`, `case`).
 */
export async function registeredCases(
  db: Queryable, actor: Actor, creditCode: string, cases: EnforcementCase[], field: (i: number) => string, ownCourtOnly = true,
): Promise<EnforcementCase[]> {
  const joined: EnforcementCase[] = [];
  for (const [i, c] of cases.entries()) {
    const at = field(i);
    if (ownCourtOnly && actor.role !== 'administrator' && c.court !== actor.court) {
      throw new ApiError(403, {
        error: 'Forbidden',
        message: `${at}.court: 只能加入本院（${actor.court ?? ''}）登记的执行案件，${c.court}的案件由该院加入 (a court joins its own cases only)`,
        fields: [{ field: `${at}.court`, message: '只能加入本院登记的执行案件 (your own court\'s cases only)' }],
      });
    }
    const { rows } = await db.query<RegisteredCase>(
      'select debtor_credit_code, status, applicants from enforcement_cases where court = $1 and case_number = $2', [c.court, c.caseNumber],
    );
    const row = rows[0];
    if (!row) throw fieldRefusal(`${at}.caseNumber`, `${c.caseNumber}不是${c.court}登记（导入）的执行案件，请先导入 (not an enforcement case registered for that court)`);
    if (row.debtor_credit_code !== creditCode) {
      throw fieldRefusal(`${at}.caseNumber`, `${c.caseNumber}的被执行人是${row.debtor_credit_code}，不是${creditCode} (registered against another debtor)`);
    }
    if (row.status === 'satisfied') throw fieldRefusal(`${at}.caseNumber`, `${c.caseNumber}已执行完毕，不能加入移送 (the case is satisfied)`);
    if (!row.applicants) {
      throw fieldRefusal(`${at}.applicants`, `${c.caseNumber}登记时未列明申请执行人，请重新导入并列明 (re-import the case with its applicants)`);
    }
    const registered = new Set(row.applicants.map((a) => a.partyId));
    const named = new Set(c.applicants.map((a) => a.partyId));
    if (registered.size !== named.size || [...named].some((p) => !registered.has(p))) {
      throw fieldRefusal(`${at}.applicants`, `申请执行人与${c.caseNumber}的登记不符，登记为：${row.applicants.map((a) => `${a.partyId} ${a.name}`).join('、')} (applicants differ from the registered case)`);
    }
    joined.push({ ...c, applicants: row.applicants });
  }
  return joined;
}
