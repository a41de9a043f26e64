// One read-model row as a table, its key and its column values: what a writer upserts and what
// `audit:verify --deep` (infra/audit/read-model-check.ts) expects, from the same function.
export type Column = string | number | boolean | string[] | null;

export interface ReadModelRow {
  table: string;
  /** The columns that identify the row (its primary key). */
  key: string[];
  columns: Record<string, Column>;
  /** The table keeps when a row was last written (`updated_at`). */
  stamped?: boolean;
}

/** Inserts the row, or sets every column of the row already under its key to these values. */
export async function upsertRow(q: (sql: string, params: unknown[]) => Promise<unknown>, row: ReadModelRow): Promise<void> {
  const names = Object.keys(row.columns);
  const set = names.filter((n) => !row.key.includes(n)).map((n) => `${n} = excluded.${n}`);
  await q(
    `insert into ${row.table} (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')})
     on conflict (${row.key.join(', ')}) do update set ${[...set, ...(row.stamped ? ['updated_at = now()'] : [])].join(', ')}`,
    Object.values(row.columns),
  );
}
