// Which court receives a transfer (GO art. 3): the intermediate court of the debtor's domicile by
// default; a basic court only where the higher court has designated it for that area. Court codes
// are `IPC-<prefecture division code>` for intermediate and `BPC-<county division code>` for basic
// courts. Since issue 15 a screening carries the court the jurisdiction table gives (migration 140,
// activities/courts/jurisdiction.ts); this digits rule is what screenings recorded before it ran.

/** Basic courts designated to hear transfers, by county (or prefecture) division code. Data, not rules. */
export const designatedBasicCourts: Readonly<Record<string, string>> = {};

export function intermediateCourtOf(divisionCode: string): string {
  return `IPC-${divisionCode.slice(0, 4)}00`;
}

export function receivingCourtFor(
  domicileDivisionCode: string,
  designations: Readonly<Record<string, string>> = designatedBasicCourts,
): string {
  return designations[domicileDivisionCode]
    ?? designations[`${domicileDivisionCode.slice(0, 4)}00`]
    ?? intermediateCourtOf(domicileDivisionCode);
}

/**
 * The next higher court, which supervises the receiving court (GO art. 13): a basic court's
 * intermediate court, an intermediate court's high court (`HPC-<province division code>`).
 */
export function higherCourtOf(court: string): string {
  const [kind, division = ''] = court.split('-');
  if (kind === 'BPC') return intermediateCourtOf(division);
  if (kind === 'IPC') return `HPC-${division.slice(0, 2)}0000`;
  return `SPC-${court}`;
}
