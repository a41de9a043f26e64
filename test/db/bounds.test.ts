// The door's bounds (api/schemas/bounds.ts) against the migrated database itself: every column
// whose type can refuse a value is guarded by a schema there or written only from what the server
// computes, the amount column is the numeric(18, 2) the yuan schema assumes, and the interference
// log's length CHECKs are the lengths its schema allows. A migration that adds such a column
// without a door check fails here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { guardedColumns, serverComputedColumns, yuanColumn } from '../../api/schemas/bounds';
import { recordInterferenceSchema } from '../../api/schemas/interference';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(() => db?.close());

type Column = { name: string; data_type: string; numeric_precision: number | null; numeric_scale: number | null };

async function boundedColumns(): Promise<Column[]> {
  const { rows } = await db.pool.query<Column>(
    `select c.table_name || '.' || c.column_name as name, c.data_type, c.numeric_precision, c.numeric_scale
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('numeric', 'bigint', 'integer', 'smallint', 'date', 'real', 'double precision')
      order by 1`,
  );
  return rows;
}

it('every numeric, integer and date column is guarded at the door or computed by the server', async () => {
  const listed = new Set<string>([...Object.values(guardedColumns).flat(), ...serverComputedColumns]);
  const columns = await boundedColumns();
  expect(columns.length).toBeGreaterThan(10);
  expect(columns.map((c) => c.name).filter((name) => !listed.has(name))).toEqual([]);
  // Nothing listed that the database does not have (a renamed column must be renamed here too).
  expect([...listed].filter((name) => !columns.some((c) => c.name === name))).toEqual([]);
});

it('each guarded column has the type its schema assumes', async () => {
  const byName = new Map((await boundedColumns()).map((c) => [c.name, c]));
  for (const name of guardedColumns.yuanAmount) {
    expect(byName.get(name)).toMatchObject({ data_type: 'numeric', numeric_precision: yuanColumn.precision, numeric_scale: yuanColumn.scale });
  }
  for (const name of guardedColumns.cents) expect(byName.get(name)?.data_type).toBe('bigint');
  for (const name of guardedColumns.wholeNumber) expect(byName.get(name)?.data_type).toBe('integer');
  for (const name of guardedColumns.legalDate) expect(byName.get(name)?.data_type).toBe('date');
});

it("the interference log's length CHECKs are the lengths its schema allows", async () => {
  const { rows } = await db.pool.query<{ def: string }>(
    "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'interference_log'::regclass and contype = 'c'",
  );
  const checked = new Map<string, number>();
  for (const { def } of rows) {
    const between = /length\((\w+)\) >= 1\) AND \(length\(\1\) <= (\d+)/.exec(def) ?? /length\((\w+)\) <= (\d+)/.exec(def);
    if (between) checked.set(between[1]!, Number(between[2]));
  }
  const shape = recordInterferenceSchema.shape;
  const intervenor = shape.intervenor.shape;
  const maxOf = (schema: { maxLength?: number | null; unwrap?: () => unknown }): number | null | undefined =>
    schema.maxLength ?? (schema.unwrap ? (schema.unwrap() as { maxLength?: number | null }).maxLength : undefined);
  expect(Object.fromEntries(checked)).toEqual({
    case_ref: 128,
    intervenor_name: maxOf(intervenor.name),
    intervenor_position: maxOf(intervenor.position),
    intervenor_unit: maxOf(intervenor.unit),
    request: maxOf(shape.request),
    response: maxOf(shape.response),
  });
});
