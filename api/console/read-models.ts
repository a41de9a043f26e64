// The SQL the console's pages read: inboxes from the deadlines read model, the timeline from the
// audit trail, the supervisor's figures. Tables that another part of the engine adds later
// (interference log) are read only once they exist, so each page shows what there is.
import type pg from 'pg';
import type { Actor } from '../../workflows/shared/actor';
import { SqlFilter } from '../http/list-scope';
import { addPreservationSearch, addTransferSearch } from '../http/list-search';
import { divisionOf } from './labels';
import { isTerminal, transferStages } from '../../workflows/transfer/stages';
import { terminalStages } from '../../workflows/preservation/stages';

export interface DeadlineRow {
  deadline_key: string;
  process_kind: 'transfer' | 'preservation';
  process_id: string;
  name: string;
  label: string;
  court: string | null;
  officer: string | null;
  due_at: Date;
  provisional: boolean;
  status: string;
}

export interface InboxRow extends DeadlineRow {
  assignee: string | null;
}

const liveStatuses = ['open', 'overdue', 'paused'];

export async function tableExists(pool: pg.Pool, table: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>('select to_regclass($1) is not null as present', [`public.${table}`]);
  return rows[0]?.present ?? false;
}

/**
 * What is waiting for this person: live deadlines of their court, overdue and nearest first, with
 * who in their division holds each process; a party sees the deadlines of their own cases.
 */
export async function inboxFor(pool: pg.Pool, actor: Actor, processIds: string[] = []): Promise<InboxRow[]> {
  if (actor.role === 'party') {
    const ids = [...new Set([...(actor.caseIds ?? []), ...processIds])];
    if (ids.length === 0) return [];
    const { rows } = await pool.query<InboxRow>(
      `select d.*, null as assignee from deadlines d where d.process_id = any($1) and d.status = any($2)
       order by d.due_at limit 200`,
      [ids, liveStatuses],
    );
    return rows;
  }
  const { rows } = await pool.query<InboxRow>(
    `select d.*, wa.assignee from deadlines d
     left join work_assignments wa on wa.process_id = d.process_id and wa.court = d.court and wa.division = $3
     where d.status = any($2) and (d.court = $1 or d.officer = $4)
       and (wa.assignee is null or wa.assignee = $4)
     order by (d.status = 'overdue' or d.due_at < now()) desc, d.due_at limit 200`,
    [actor.court ?? '', liveStatuses, divisionOf[actor.role] ?? actor.role, actor.userId],
  );
  return rows;
}

export async function deadlinesOf(pool: pg.Pool, processId: string): Promise<DeadlineRow[]> {
  const { rows } = await pool.query<DeadlineRow>('select * from deadlines where process_id = $1 order by due_at', [processId]);
  return rows;
}

export interface AuditRow {
  id: string;
  event_key: string;
  process_kind: string;
  process_id: string;
  actor_id: string;
  actor_role: string;
  actor_court: string | null;
  action: string;
  reason: string | null;
  details: Record<string, unknown>;
  occurred_at: Date;
}

/** Every recorded act of one process, oldest first: the timeline on its page. */
export async function timelineOf(pool: pg.Pool, processId: string): Promise<AuditRow[]> {
  const { rows } = await pool.query<AuditRow>(
    `select id, event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details, occurred_at
     from audit_trail where process_id = $1 order by id`,
    [processId],
  );
  return rows;
}

export interface BoardDeadline extends DeadlineRow {
  assignee: string | null;
}

/** Overdue first, then the soonest due: the supervisor's list across the whole court. */
export async function urgentDeadlines(pool: pg.Pool, court: string | undefined, limit = 50): Promise<BoardDeadline[]> {
  const { rows } = await pool.query<BoardDeadline>(
    `select d.*, (select string_agg(assignee, '、') from work_assignments wa where wa.process_id = d.process_id) as assignee
     from deadlines d where d.status = any($1) and ($2::text is null or d.court = $2)
     order by (d.status = 'overdue' or d.due_at < now()) desc, d.due_at limit $3`,
    [liveStatuses, court ?? null, limit],
  );
  return rows;
}

export interface AssessmentFigures {
  transfersStarted: number;
  transfersAccepted: number;
  transfersRejected: number;
  measuresRenewed: number;
  measuresLapsed: number;
  /** Median days from one recorded act to the next, by the act that opened the stage. */
  medianDaysPerStage: { stage: string; medianDays: number; count: number }[];
}

/** The figures a court is assessed on, from the audit trail and escalations (both append-only). */
export async function assessmentFigures(pool: pg.Pool, court: string | undefined): Promise<AssessmentFigures> {
  const inCourt = `($1::text is null or exists (select 1 from audit_trail c where c.process_id = a.process_id and c.actor_court = $1))`;
  const counts = await pool.query<{ started: string; accepted: string; rejected: string; renewed: string }>(
    `select count(distinct process_id) filter (where process_kind = 'transfer' and action = 'trigger') as started,
            count(distinct process_id) filter (where process_kind = 'transfer' and action = 'acceptTransfer') as accepted,
            count(distinct process_id) filter (where process_kind = 'transfer' and action = 'rejectTransfer') as rejected,
            count(*) filter (where action = 'preservation.renewMeasure') as renewed
     from audit_trail a where ${inCourt}`,
    [court ?? null],
  );
  const lapsed = await pool.query<{ lapsed: string }>(
    `select count(*) as lapsed from escalations where kind = 'lapsed' and process_kind = 'preservation' and ($1::text is null or court = $1)`,
    [court ?? null],
  );
  const stages = await pool.query<{ stage: string; median_days: number; n: string }>(
    `with steps as (
       select a.process_id, a.action as stage, a.occurred_at,
              lead(a.occurred_at) over (partition by a.process_id order by a.id) as next_at
       from audit_trail a where a.process_kind = 'transfer' and ${inCourt})
     select stage, percentile_cont(0.5) within group (order by extract(epoch from next_at - occurred_at) / 86400) as median_days,
            count(*) as n
     from steps where next_at is not null group by stage order by min(occurred_at)`,
    [court ?? null],
  );
  const row = counts.rows[0];
  return {
    transfersStarted: Number(row?.started ?? 0),
    transfersAccepted: Number(row?.accepted ?? 0),
    transfersRejected: Number(row?.rejected ?? 0),
    measuresRenewed: Number(row?.renewed ?? 0),
    measuresLapsed: Number(lapsed.rows[0]?.lapsed ?? 0),
    medianDaysPerStage: stages.rows.map((s) => ({ stage: s.stage, medianDays: Number(s.median_days), count: Number(s.n) })),
  };
}

/** An escalation (reminder, 督办, a measure about to lapse) still open: its deadline is live and nobody acknowledged it. */
export interface OpenEscalation {
  escalation_key: string;
  kind: 'reminder' | 'overdue' | 'lapse-imminent' | 'lapsed';
  process_kind: 'transfer' | 'preservation';
  process_id: string;
  court: string | null;
  label: string;
  due_at: Date;
  created_at: Date;
}

/**
 * The open reminders and escalations in a person's view, the latest one per deadline (a 督办 after
 * its reminders), overdue first then the nearest. Scope: `deadlineKeys` — the deadlines of a
 * person's own 待办 (inboxFor) — or `court` for a supervisor (undefined: every court, the administrator).
 * The row carries codes only; the console words them (components/escalations.tsx).
 */
export async function openEscalations(pool: pg.Pool, scope: { deadlineKeys: string[] } | { court: string | undefined }, limit = 50): Promise<OpenEscalation[]> {
  const byKeys = 'deadlineKeys' in scope;
  if (byKeys && scope.deadlineKeys.length === 0) return [];
  const { rows } = await pool.query<OpenEscalation>(
    `select * from (
       select distinct on (e.deadline_key) e.escalation_key, e.kind, e.process_kind, e.process_id, e.court, d.label, d.due_at, e.created_at
       from escalations e join deadlines d on d.deadline_key = e.deadline_key
       where e.acknowledged_at is null and d.status = any($1)
         and (case when $2 then e.deadline_key = any($3) else ($4::text is null or e.court = $4) end)
       order by e.deadline_key, e.created_at desc, e.escalation_key desc
     ) latest
     order by (kind in ('overdue', 'lapse-imminent', 'lapsed')) desc, due_at limit $5`,
    [liveStatuses, byKeys, byKeys ? scope.deadlineKeys : [], byKeys ? null : scope.court ?? null, limit],
  );
  return rows;
}

export interface InterferenceRow {
  id: string;
  case_ref: string;
  intervenor_name: string;
  intervenor_position: string;
  intervenor_unit: string;
  channel: string;
  request: string;
  response: string | null;
  occurred_at: Date;
  corrects: string | null;
  recorded_by: string;
  recorded_by_court: string | null;
  recorded_at: Date;
}

/**
 * The interference log (反干预), newest first; undefined until the table exists. `court` keeps the
 * records made in that court (a supervisor's scope, permission `interference.view`), `recordedBy`
 * those one person made (what anyone else who records sees: their own records, never a colleague's).
 */
export async function interferenceLog(pool: pg.Pool, scope: { court?: string; recordedBy?: string }, limit = 30): Promise<InterferenceRow[] | undefined> {
  if (!(await tableExists(pool, 'interference_log'))) return undefined;
  const { rows } = await pool.query<InterferenceRow>(
    `select id, case_ref, intervenor_name, intervenor_position, intervenor_unit, channel, request, response, occurred_at, corrects,
            recorded_by, recorded_by_court, recorded_at
     from interference_log where ($1::text is null or recorded_by_court = $1) and ($2::text is null or recorded_by = $2)
     order by recorded_at desc, id desc limit $3`,
    [scope.court ?? null, scope.recordedBy ?? null, limit],
  );
  return rows;
}

type Row = Record<string, unknown>;

export interface TransferView {
  transfer: Row & { credit_code: string; stage: string; stage_label: string; home_court: string; receiving_court: string | null };
  parties: Row[];
  cases: Row[];
  consents: Row[];
  material: Row[];
  property: Row[];
  notices: Row[];
}

/** One transfer from its read model (written by the transfer workflow's activities). */
export async function transferView(pool: pg.Pool, creditCode: string): Promise<TransferView | undefined> {
  if (!(await tableExists(pool, 'transfers'))) return undefined;
  const transfer = await pool.query('select * from transfers where credit_code = $1', [creditCode]);
  if (!transfer.rows[0]) return undefined;
  const part = async (table: string, order: string) =>
    (await pool.query(`select * from ${table} where credit_code = $1 order by ${order}`, [creditCode])).rows as Row[];
  return {
    transfer: transfer.rows[0] as TransferView['transfer'],
    parties: await part('transfer_parties', 'kind desc, party_id'),
    cases: await part('transfer_cases', 'joined_at, case_number'),
    consents: await part('transfer_consents', 'asked_at, party_id'),
    material: await part('transfer_material_items', 'item_key'),
    property: await part('transfer_property', 'seized_at nulls last, item_id'),
    notices: await part('transfer_notices', 'created_at'),
  };
}

export interface TransferListRow {
  credit_code: string;
  debtor_name: string | null;
  stage: string;
  stage_label: string;
  home_court: string;
  receiving_court: string | null;
  overdue: boolean;
  next_due_at: Date | null;
  triggered_at: Date;
}

/** What a list page asks for: search text, stage, court, overdue only, and the page (20 rows by default). */
export interface ListSearch { q?: string; stage?: string; court?: string; overdue?: boolean; page: number; pageSize: number }

/** One page of the transfers `filter` (the actor's list scope, api/http/list-scope.ts) lets one see, and how many match. */
export async function transferList(pool: pg.Pool, filter: SqlFilter, search: ListSearch): Promise<{ rows: TransferListRow[]; total: number } | undefined> {
  if (!(await tableExists(pool, 'transfers'))) return undefined;
  addTransferSearch(filter, search.q);
  if (search.stage) filter.add('t.stage = ?', search.stage);
  if (search.overdue) filter.add('t.overdue');
  const total = await pool.query<{ n: number }>(`select count(*)::int as n from transfers t ${filter.where}`, filter.params);
  const { rows } = await pool.query<TransferListRow>(
    `select credit_code, (select p.name from transfer_parties p where p.credit_code = t.credit_code and p.kind = 'debtor' limit 1) as debtor_name,
            stage, stage_label, home_court, receiving_court, overdue, next_due_at, triggered_at from transfers t
     ${filter.where} order by overdue desc, next_due_at nulls last, triggered_at desc, credit_code
     limit ${search.pageSize} offset ${(search.page - 1) * search.pageSize}`,
    filter.params,
  );
  return { rows, total: total.rows[0]!.n };
}

/** The courts (running or receiving) of the transfers `filter` lets one see: the list's court choices. */
export async function transferCourts(pool: pg.Pool, filter: SqlFilter): Promise<string[]> {
  if (!(await tableExists(pool, 'transfers'))) return [];
  const { rows } = await pool.query<{ court: string }>(
    `select distinct court from (select t.home_court as court from transfers t ${filter.where}
       union select t.receiving_court from transfers t ${filter.where}) c where court is not null order by court`,
    [...filter.params],
  );
  return rows.map((r) => r.court);
}

export interface StageCount { kind: string; court: string; stage: string; stage_label: string; n: number }

// The stages a process ends in, from each stage machine: an ended process is not 在办 (issue 17:
// the board counted transfers ended 无人同意 and released preservations as open).
const endedTransferStages = transferStages.filter(isTerminal);
const endedPreservationStages = [...terminalStages];

/**
 * Open processes by stage and court (one court's, or every court's when undefined), from both read
 * models (the board's first table); processes in a stage their machine ends in are left out.
 */
export async function countsByStageAndCourt(pool: pg.Pool, court: string | undefined): Promise<StageCount[]> {
  const parts: string[] = [];
  const params: unknown[] = [court ?? null];
  if (await tableExists(pool, 'transfers')) {
    parts.push(`select 'transfer' as kind, home_court as court, stage, stage_label, count(*)::int as n from transfers
                 where ($1::text is null or home_court = $1) and stage <> all($${params.push(endedTransferStages)}::text[]) group by 2, 3, 4`);
  }
  if (await tableExists(pool, 'preservations')) {
    parts.push(`select 'preservation' as kind, court, stage, stage_label, count(*)::int as n from preservations
                 where ($1::text is null or court = $1) and stage <> all($${params.push(endedPreservationStages)}::text[]) group by 2, 3, 4`);
  }
  if (parts.length === 0) return [];
  const { rows } = await pool.query<StageCount>(`${parts.join(' union all ')} order by kind desc, court, n desc`, params);
  return rows;
}

export interface PreservationView {
  preservation: Row & { preservation_id: string; stage: string; stage_label: string; court: string };
  measures: (Row & { measure_id: string; kind: string; asset: string; taken_at: Date; expires_at: Date; renew_by: Date; status: string })[];
  consultations: Row[];
}

export async function preservationView(pool: pg.Pool, preservationId: string): Promise<PreservationView | undefined> {
  if (!(await tableExists(pool, 'preservations'))) return undefined;
  const head = await pool.query('select * from preservations where preservation_id = $1', [preservationId]);
  if (!head.rows[0]) return undefined;
  const measures = await pool.query('select * from preservation_measures where preservation_id = $1 order by taken_at, measure_id', [preservationId]);
  const consultations = await pool.query('select * from preservation_consultations where preservation_id = $1 order by asked_at', [preservationId]);
  return {
    preservation: head.rows[0] as PreservationView['preservation'],
    measures: measures.rows as PreservationView['measures'],
    consultations: consultations.rows as Row[],
  };
}

/** One page of the court's preservations (`court` undefined: every court), searched as the API searches, and how many match. */
export async function preservationList(pool: pg.Pool, court: string | undefined, search: ListSearch): Promise<{ rows: Row[]; total: number } | undefined> {
  if (!(await tableExists(pool, 'preservations'))) return undefined;
  const filter = new SqlFilter();
  if (court) filter.add('p.court = ?', court);
  if (search.stage) filter.add('p.stage = ?', search.stage);
  addPreservationSearch(filter, { q: search.q, overdue: search.overdue ? true : undefined });
  const total = await pool.query<{ n: number }>(`select count(*)::int as n from preservations p ${filter.where}`, filter.params);
  const { rows } = await pool.query(
    `select p.preservation_id, p.application_number, p.kind, p.stage, p.stage_label, p.court, p.case_number, p.applied_at, p.respondent_credit_code,
            (select min(m.renew_by) from preservation_measures m where m.preservation_id = p.preservation_id and m.status = 'live') as next_renew_by
     from preservations p ${filter.where} order by p.applied_at desc, p.preservation_id
     limit ${search.pageSize} offset ${(search.page - 1) * search.pageSize}`,
    filter.params,
  );
  return { rows: rows as Row[], total: total.rows[0]!.n };
}

/** A candidate's unsatisfied enforcement cases in one court, to prefill the trigger form (one line each, applicants to add). */
export async function candidateCaseLines(pool: pg.Pool, creditCode: string, court: string): Promise<string[]> {
  const { rows } = await pool.query<{ case_number: string; court: string }>(
    `select case_number, court from enforcement_cases
      where debtor_credit_code = $1 and court = $2 and status in ('open', 'closed_no_property') order by filed_on, case_number limit 200`,
    [creditCode, court],
  );
  // The court column is left empty for the officer's own court (read as 本院), so no court code is shown.
  return rows.map((r) => `${r.case_number}|${r.court === court ? '' : r.court}||`);
}

/**
 * What a person reads for a process in a list, instead of its workflow id: a transfer's credit
 * code (printed by law) and debtor name, a preservation's case number (or its application number)
 * and respondent. Processes the read models do not hold yet are left out (shown by id).
 */
export async function captionsOf(pool: pg.Pool, processIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(processIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; caption: string }>(
    `select t.workflow_id as id, concat_ws(' ', p.name, t.credit_code) as caption
       from transfers t left join transfer_parties p on p.credit_code = t.credit_code and p.kind = 'debtor'
      where t.workflow_id = any($1)
     union all
     select preservation_id, concat_ws(' ', coalesce(case_number, application_number), respondent_credit_code)
       from preservations where preservation_id = any($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.caption]));
}

/**
 * The names of the parties of these transfers, keyed `<process id> <party id>`, so a notice's
 * recipient reads as a name rather than its number in the case system.
 */
export async function partyNamesOf(pool: pg.Pool, processIds: string[]): Promise<Map<string, string>> {
  const codes = [...new Set(processIds.filter((id) => id.startsWith('transfer-')).map((id) => id.slice('transfer-'.length)))];
  if (codes.length === 0) return new Map();
  const { rows } = await pool.query<{ credit_code: string; party_id: string; name: string }>(
    'select credit_code, party_id, name from transfer_parties where credit_code = any($1)', [codes]);
  return new Map(rows.map((r) => [`transfer-${r.credit_code} ${r.party_id}`, r.name]));
}
