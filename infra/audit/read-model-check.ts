// The read model against the workflows' own state (audit:verify --deep): the lists people see come
// from PostgreSQL, the truth is in each workflow. A transfers row whose stage, courts or numbers
// differ from what its workflow answers at the same version was changed outside the workflow
// (issue 16: `update transfers set stage = 'accepted'` as the application role went unnoticed).
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { statusQuery } from '../../workflows/transfer/messages';
import type { Finding } from './verify';

interface TransferRow {
  credit_code: string;
  workflow_id: string;
  run_id: string;
  version: number;
  stage: string;
  home_court: string;
  receiving_court: string | null;
  decision_number: string | null;
  docket_number: string | null;
}

/** Compares every transfers row with its workflow's status query; a row behind its workflow (an effect not yet written) is skipped. */
export async function verifyTransferReadModel(db: pg.ClientBase, client: Client): Promise<{ rows: number; findings: Finding[] }> {
  const { rows } = await db.query<TransferRow>(
    'select credit_code, workflow_id, run_id, version, stage, home_court, receiving_court, decision_number, docket_number from transfers order by credit_code',
  );
  const findings: Finding[] = [];
  for (const row of rows) {
    const name = `transfers row ${row.credit_code}`;
    let status;
    try {
      status = await client.workflow.getHandle(row.workflow_id, row.run_id).query(statusQuery);
    } catch (err) {
      findings.push({ kind: 'forged', processId: row.workflow_id, message: `${name} has no workflow run ${row.run_id} to answer for it (${(err as Error).message}) (读模型无对应流程)` });
      continue;
    }
    if (row.version > status.seq) {
      findings.push({ kind: 'forged', processId: row.workflow_id, message: `${name} claims version ${row.version}, beyond its workflow's ${status.seq} (读模型超前于流程)` });
      continue;
    }
    if (row.version < status.seq) continue;
    const expected: Record<string, string | null> = {
      stage: status.stage, home_court: status.homeCourt, receiving_court: status.receivingCourt ?? null,
      decision_number: status.decision?.decisionNumber ?? null, docket_number: status.docketNumber ?? null,
    };
    for (const [column, value] of Object.entries(expected)) {
      const stored = row[column as keyof TransferRow] ?? null;
      if (stored !== value) {
        findings.push({ kind: 'changed', processId: row.workflow_id,
          message: `${name}: ${column} is ${JSON.stringify(stored)}, its workflow says ${JSON.stringify(value)} (读模型被篡改)` });
      }
    }
  }
  return { rows: rows.length, findings };
}
