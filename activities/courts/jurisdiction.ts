// Which court receives a transfer, read from the jurisdiction table (migration 140) and the court
// registry (`courts`, migrations 120, 121, 140). GO art. 3: the intermediate court of the debtor's
// domicile by default; a basic court where the higher court designated one; the bankruptcy tribunals
// with city-wide jurisdiction (Beijing, Shanghai, Shenzhen) as rows of the table. The most specific
// row wins (county, then prefecture, then province); a division with no row goes to its prefecture's
// intermediate court, except where that cannot be told from the code: a registration at provincial or
// national level (the debtor's domicile is needed) and a municipality's district (several
// intermediate courts; a row or the screening's override with a reason).
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'>;

export type JurisdictionBasis = 'bankruptcy_tribunal' | 'designated_basic' | 'intermediate';

export interface Jurisdiction {
  court: string;
  courtName: string;
  basis: JurisdictionBasis;
  /** Where the rule comes from: the row's source, or GO art. 3 for the default. */
  source: string;
  /** The division whose row decided (the domicile's own code for the default). */
  decidedBy: string;
}

export type JurisdictionGap = 'provincial' | 'municipality' | 'unknown';

/** Why no court follows from a division code, for a person (Chinese, then English). */
export const jurisdictionGapMessages: Record<JurisdictionGap, string> = {
  provincial: '该代码由省级或国家级登记机关登记，无法据以确定住所地，请填写被执行人住所地的行政区划代码（指导意见第三条） (registered at provincial or national level: give the debtor\'s domicile division code)',
  municipality: '直辖市设有多个中级人民法院，管辖表中没有该区的受理法院，请指定受理法院并说明理由 (a municipality with several intermediate courts and no row for this district: name the receiving court with a reason)',
  unknown: '该行政区划代码在法院登记表中没有对应的中级人民法院 (no intermediate court in the registry for this division)',
};

const municipalities = new Set(['11', '12', '31', '50']);

/** Divisions a row may be keyed by for `division`: itself, its prefecture, its province; most specific first. */
function coveringDivisions(division: string): string[] {
  return [...new Set([division, `${division.slice(0, 4)}00`, `${division.slice(0, 2)}0000`])];
}

/** The receiving court for a domicile's six-digit division code, or why the table cannot say. */
export async function receivingCourtFor(db: Queryable, division: string): Promise<Jurisdiction | { gap: JurisdictionGap }> {
  const covering = coveringDivisions(division);
  const { rows } = await db.query<{ division_code: string; court: string; name: string; basis: JurisdictionBasis; source: string }>(
    `select j.division_code, j.court, c.name, j.basis, j.source
       from jurisdictions j join courts c on c.code = j.court where j.division_code = any($1)`,
    [covering],
  );
  const row = covering.map((d) => rows.find((r) => r.division_code === d)).find((r) => r !== undefined);
  if (row) return { court: row.court, courtName: row.name, basis: row.basis, source: row.source, decidedBy: row.division_code };
  if (division.endsWith('0000')) return { gap: 'provincial' };
  if (municipalities.has(division.slice(0, 2))) return { gap: 'municipality' };
  const intermediate = `IPC-${division.slice(0, 4)}00`;
  const name = await courtName(db, intermediate);
  if (!name) return { gap: 'unknown' };
  return { court: intermediate, courtName: name, basis: 'intermediate', source: '被执行人住所地中级人民法院（指导意见第三条）', decidedBy: division };
}

/** The registered name of a court code, or undefined when the registry has no such court. */
export async function courtName(db: Queryable, code: string): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>('select name from courts where code = $1', [code]);
  return rows[0]?.name;
}
