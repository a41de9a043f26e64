// The supervisor's board counts processes 在办 by stage and court (issue 17): a process in a stage its
// machine ends in (无人同意, 已退回, 已解除保全 …) is not open and is not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsByStageAndCourt } from '../../api/console/read-models';
import { freshDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(async () => { await db?.close(); });

const court = 'BPC-110105';

async function transfer(code: string, stage: string, label: string, home = court): Promise<void> {
  await db.pool.query(
    `insert into transfers (credit_code, workflow_id, run_id, version, stage, stage_label, home_court, receiving_court, involved_courts,
       debtor_party_id, domicile_division_code, triggered_at) values ($1, 'transfer-' || $1, 'run1', 1, $2, $3, $4, 'IPC-110100', '{}', 'd1', '110105', now())`,
    [code, stage, label, home],
  );
}

async function preservation(id: string, stage: string, label: string): Promise<void> {
  await db.pool.query(
    `insert into preservations (preservation_id, court, application_number, kind, urgent, stage, stage_label, applicant_party_id,
       respondent_party_id, amount, applied_at) values ($1, $2, $1, 'in_suit', false, $3, $4, 'pa', 'pr', 1000, now())`,
    [id, court, stage, label],
  );
}

describe('the board\'s count of open processes', () => {
  it('leaves out every process in a stage its machine ends in, and other courts\' when one court is asked for', async () => {
    await transfer('91110105MA01BOARD1', 'screening', '移送审查');
    await transfer('91110105MA01BOARD2', 'screening', '移送审查');
    await transfer('91110105MA01BOARD3', 'no_consent', '无人同意，不予移送');
    await transfer('91110105MA01BOARD4', 'returned', '已退回，恢复执行');
    await transfer('91110105MA01BOARD5', 'bankruptcy_declared', '已宣告破产，终结执行');
    await transfer('91310115MA01BOARD6', 'consent', '征询同意', 'BPC-310115');
    await preservation('preservation-BPC-110105-B1', 'in_force', '保全实施中');
    await preservation('preservation-BPC-110105-B2', 'released', '已解除保全');
    await preservation('preservation-BPC-110105-B3', 'refused', '驳回申请');
    await preservation('preservation-BPC-110105-B4', 'concluded', '执行终结');
    const counts = await countsByStageAndCourt(db.pool, court);
    expect(counts.map((c) => [c.kind, c.court, c.stage, c.n])).toEqual([
      ['transfer', court, 'screening', 2],
      ['preservation', court, 'in_force', 1],
    ]);
    const everywhere = await countsByStageAndCourt(db.pool, undefined);
    expect(everywhere.map((c) => [c.kind, c.court, c.stage, c.n])).toEqual([
      ['transfer', court, 'screening', 2],
      ['transfer', 'BPC-310115', 'consent', 1],
      ['preservation', court, 'in_force', 1],
    ]);
  });
});
