// The transfer's door (issue 15): what the API checks against PostgreSQL before a trigger or an act
// reaches the workflow, so a refusal names the field and nothing starts. The receiving court comes
// from the jurisdiction table (activities/courts/jurisdiction.ts), an override must name a court of
// the registry.
import type pg from 'pg';
import { courtName, jurisdictionGapMessages, receivingCourtFor } from '../../activities/courts/jurisdiction';
import { divisionCodeOf } from '../../workflows/shared/identifiers';
import { ApiError } from '../http/errors';
import type { ScreeningJurisdiction, TransferTrigger } from '../schemas/transfer';

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
