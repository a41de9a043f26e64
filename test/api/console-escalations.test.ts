// 提醒与督办 (issue 17): the reminders and escalations the engine records reach staff on their home
// page — the officer's 待办 and the supervisor's board — in Chinese only, worded from the deadline's
// label and time, never the engine's message with its English gloss, ISO times and court codes.
// Only open ones: the deadline still live and the escalation not acknowledged; the latest per deadline.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { escalationText } from '../../api/console/components/escalations';
import { demoCourts } from '../../infra/auth/demo-users';
import { actAsRole, apiRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { consoleCookies } from '../support/console-session';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
let db: TestDatabase;
let appPool: pg.Pool;
let app: ReturnType<typeof createApp>;
let cookies: Map<string, string>;
const day = 86_400_000;
const here = demoCourts.enforcement;
const elsewhere = 'BPC-310115';

async function deadline(key: string, processId: string, label: string, court: string, dueMs: number, status = 'open'): Promise<void> {
  await db.pool.query(
    `insert into deadlines (deadline_key, process_kind, process_id, name, label, court, due_at, status)
     values ($1, $2, $3, 'consentReply', $4, $5, $6, $7)`,
    [key, processId.startsWith('transfer-') ? 'transfer' : 'preservation', processId, label, court, new Date(dueMs), status],
  );
}

async function escalation(key: string, deadlineKey: string, processId: string, court: string, kind: string, message: string, acknowledged = false): Promise<void> {
  await db.pool.query(
    `insert into escalations (escalation_key, deadline_key, process_kind, process_id, court, kind, message, acknowledged_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [key, deadlineKey, processId.startsWith('transfer-') ? 'transfer' : 'preservation', processId, court, kind, message, acknowledged ? new Date() : null],
  );
}

beforeAll(async () => {
  db = await freshDatabase();
  appPool = actAsRole(createPool(db.url, 4), apiRole);
  // The pages read PostgreSQL; the board's list of processes the engine stopped says it could not ask Temporal.
  app = createApp({ config, client: {} as Client, pool: appPool });
  cookies = await consoleCookies(app, ['officer-wang', 'supervisor-zhou', 'judge-chen']);
  const now = Date.now();
  // Due soon, reminded: 提醒.
  await deadline('t1:consent', 'transfer-91110105MA01ESC01X', '征询意见答复期限', here, now + 2 * day);
  await escalation('t1:consent:remind:1', 't1:consent', 'transfer-91110105MA01ESC01X', here, 'reminder', `征询意见答复期限将于${new Date(now + 2 * day).toISOString()} 届满 (due soon)`);
  // Reminded, then overdue: the 督办 alone.
  await deadline('t2:review', 'transfer-91110105MA01ESC02X', '移送审查期限', here, now - day, 'overdue');
  await escalation('t2:review:remind:1', 't2:review', 'transfer-91110105MA01ESC02X', here, 'reminder', '移送审查期限将于… (due soon)');
  await escalation('t2:review:overdue', 't2:review', 'transfer-91110105MA01ESC02X', here, 'overdue', `移送审查期限已于…届满，${here}尚未完成，已报执行指挥中心 (deadline review passed unmet; escalated)`);
  // Closed: the act was done, so no longer open.
  await deadline('t3:panel', 'transfer-91110105MA01ESC03X', '合议庭评议期限', here, now - 3 * day, 'met');
  await escalation('t3:panel:overdue', 't3:panel', 'transfer-91110105MA01ESC03X', here, 'overdue', 'x (escalated)');
  // Acknowledged: handled.
  await deadline('t4:sign', 'transfer-91110105MA01ESC04X', '院长签发期限', here, now + day);
  await escalation('t4:sign:remind:1', 't4:sign', 'transfer-91110105MA01ESC04X', here, 'reminder', 'y (due soon)', true);
  // A measure about to lapse at this court.
  await deadline('p1:m1', `preservation-${here}-7`, '保全措施期限（续行）', here, now + 5 * day);
  await escalation('p1:m1:lapse-imminent', 'p1:m1', `preservation-${here}-7`, here, 'lapse-imminent', '措施 M1 续行申请期已过仍未续行，将于 2026-01-01T00:00:00.000Z 失效 (lapse imminent, unrenewed)');
  // Another court's.
  await deadline('t5:consent', 'transfer-91310115MA01ESC05X', '征询意见答复期限（他院）', elsewhere, now + day);
  await escalation('t5:consent:remind:1', 't5:consent', 'transfer-91310115MA01ESC05X', elsewhere, 'reminder', 'z (due soon)');
});
afterAll(async () => {
  await appPool.end();
  await db.close();
});

async function get(userId: string, path: string) {
  const res = await app.request(path, { headers: { cookie: cookies.get(userId)! } });
  return { status: res.status, text: await res.text() };
}

/**
 * The card's text as a person reads it, tags dropped, and without the links to the processes: these
 * fixtures have no read model row, so a link shows the bare id where a real process shows its caption.
 */
function cardOf(html: string): string {
  const card = /<div class="card" id="escalations">[\s\S]*?<\/table>|<div class="card" id="escalations">[\s\S]*?<\/p><p class="empty">[^<]*<\/p>/.exec(html)?.[0] ?? '';
  return card.replace(/<a [^>]*>[^<]*<\/a>/g, ' ').replace(/<[^>]+>/g, ' ');
}

describe('提醒与督办', () => {
  it('the officer\'s 待办 lists the open ones of their court, overdue first, in Chinese only', async () => {
    const { status, text } = await get('officer-wang', '/console/inbox');
    expect(status).toBe(200);
    const card = cardOf(text);
    expect(card).toContain('提醒与督办');
    expect(card).toContain('督办');
    expect(card).toMatch(/移送审查期限已于\d{4}\/\d{1,2}\/\d{1,2} [\d:]+届满，尚未办结/);
    expect(card).toMatch(/征询意见答复期限将于\d{4}\/\d{1,2}\/\d{1,2} [\d:]+届满/);
    expect(card).toContain('即将失效');
    expect(card.indexOf('移送审查期限')).toBeLessThan(card.indexOf('征询意见答复期限'));
    for (const gone of ['合议庭评议期限', '院长签发期限', '他院']) expect(card).not.toContain(gone);
    // Only the 督办 of the deadline that was first reminded.
    expect(text.match(/data-escalation="/g)).toHaveLength(3);
    // Open ones come above the work list.
    expect(text.indexOf('id="escalations"')).toBeLessThan(text.indexOf('我现在可以办理的事项'));
    // No English, no ISO time, no court code, no measure number.
    expect(card).not.toMatch(/due soon|escalated|unrenewed|lapse|BPC-|T\d{2}:\d{2}|\bM1\b/);
  });

  it('the supervisor\'s board lists their court\'s', async () => {
    const { status, text } = await get('supervisor-zhou', '/console/board');
    expect(status).toBe(200);
    const card = cardOf(text);
    expect(text.match(/data-escalation="/g)).toHaveLength(3);
    expect(card).toContain('已报执行指挥中心督办');
    expect(card).not.toContain('他院');
    expect(card).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('someone of another court with none open reads that there are none', async () => {
    const { text } = await get('judge-chen', '/console/inbox');
    expect(cardOf(text)).toContain('目前没有未处理的提醒或督办');
    // With none, the card sits below the work instead of above it.
    expect(text.indexOf('id="escalations"')).toBeGreaterThan(text.indexOf('我现在可以办理的事项'));
  });

  it.each(['reminder', 'overdue', 'lapse-imminent', 'lapsed'] as const)('a %s is worded in Chinese', (kind) => {
    const text = escalationText({ kind, label: '保全措施期限（续行）', due_at: new Date('2026-01-05T09:00:00Z') });
    expect(text).toContain('2026/1/5 17:00:00');
    expect(text).not.toMatch(/[A-Za-z]/);
  });
});
