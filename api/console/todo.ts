// 待办: what this person can act on now, built from the same allowedActions the API answers for each
// process (GET /transfers/{code}, GET /preservations/{id}, called in-process with the person's own
// token), so a step shows here exactly when its form shows on the process page. Candidates come from
// the read models within the person's list scope (api/http/list-scope.ts), narrowed to the stages in
// which their role has any step at all, so a court's closed or other divisions' processes cost nothing.
import type pg from 'pg';
import type { Actor } from '../../workflows/shared/actor';
import { listScope, mayList, permissionTable, type Action } from '../../workflows/shared/permissions';
import { actionStages, type TransferAction } from '../../workflows/transfer/stages';
import { stepsByStage, actionFor, terminalStages, type PreservationStage } from '../../workflows/preservation/stages';
import type { PreservationState } from '../../workflows/preservation/types';
import type { AllowedAction } from '../routes/transfer-views';
import { scopedFilter, transferScopeColumns } from '../http/list-scope';
import { callApi, type ApiHandle } from './api-client';
import { deadlineWarning, type WarningColour } from './deadline-warning';
import { actionLabel } from './labels';

export interface TodoItem {
  processKind: 'transfer' | 'preservation';
  processId: string;
  href: string;
  /** 案号 (the first case's for a transfer, the preservation's case or application number). */
  caseNumber: string;
  debtorName: string;
  /** The steps, in Chinese, this person may take now. */
  steps: string[];
  /** The deadline the step runs against, when the law sets one. */
  deadline?: { label: string; dueAt: Date };
  warning: WarningColour;
}

/**
 * Steps that are open through a whole stage without anything waiting on them (a case may be added, a
 * supervisor may suspend or correct, an officer may ask for supervision, a consent may be withdrawn):
 * offered on the process page, not work in 待办.
 */
const standingTransferActions = new Set<string>([
  'transfer.addCase', 'transfer.suspendProcess', 'transfer.correctRecord', 'transfer.requestSupervision', 'transfer.withdrawConsent',
  // A court's finding on review, not a step anyone waits for (企业破产法 art. 12 para. 2).
  'transfer.dismissAfterAcceptance',
  // Recorded when a party brings one; what is work is dealing with it (below).
  'transfer.raiseObjection',
]);

/** The deadline (workflows/transfer/deadlines.ts names) each transfer step is done against. */
const transferStepDeadline: Partial<Record<TransferAction, string[]>> = {
  'transfer.recordConsent': ['consentReply', 'lateConsentReply', 'servedConsentReply'], 'transfer.propose': ['consentReply'],
  'transfer.recordConsentService': ['consentReply'],
  'transfer.recordService': ['decisionService'], 'transfer.docket': ['decisionService'],
  'transfer.accept': ['acceptanceRuling'], 'transfer.reject': ['acceptanceRuling'], 'transfer.ruleOnObjection': ['acceptanceRuling'], 'transfer.requestMaterial': ['acceptanceRuling'],
  'transfer.supplyMaterial': ['supplementation'], 'transfer.recordRulingService': ['rulingService'], 'transfer.recordHandOver': ['handOver'],
  'transfer.recordReturn': ['returnMaterial'], 'transfer.recordAppeal': ['appealWindow'], 'transfer.recordSupervisionOrder': ['supervisionOrder'],
  'transfer.recordCreditorNotice': ['knownCreditorNotice'],
};

const roleMay = (actor: Actor, action: Action) => Boolean((permissionTable[action] as Record<string, unknown>)[actor.role]);

/** Stages of a transfer in which this role has a step that is work (not a standing one). */
function transferStagesFor(actor: Actor): string[] {
  const stages = (Object.keys(actionStages) as TransferAction[])
    .filter((a) => !standingTransferActions.has(a) && roleMay(actor, a))
    .flatMap((a) => [...actionStages[a]]);
  return [...new Set(stages)];
}

function preservationStagesFor(actor: Actor): PreservationStage[] {
  return (Object.keys(stepsByStage) as PreservationStage[])
    .filter((stage) => !terminalStages.includes(stage))
    .filter((stage) => stepsByStage[stage].some((step) => roleMay(actor, actionFor(step, 'pre_suit')) || roleMay(actor, actionFor(step, 'in_suit'))));
}

interface LiveDeadline { process_id: string; name: string; label: string; due_at: Date; opened_at: Date | null }

async function liveDeadlines(pool: pg.Pool, processIds: string[]): Promise<LiveDeadline[]> {
  if (processIds.length === 0) return [];
  const { rows } = await pool.query<LiveDeadline>(
    `select process_id, name, label, due_at, opened_at from deadlines
      where process_id = any($1) and status in ('open', 'overdue') order by due_at`,
    [processIds],
  );
  return rows;
}

/** Runs `work` over `items`, `width` at a time (the API calls query Temporal). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}

async function transferTodos(pool: pg.Pool, api: ApiHandle, token: string, actor: Actor, now: Date): Promise<TodoItem[]> {
  if (!mayList(actor, 'transfer.list') || listScope(actor, 'transfer.list').kind === 'party') return [];
  const stages = transferStagesFor(actor);
  if (stages.length === 0) return [];
  const filter = scopedFilter(actor, 'transfer.list', transferScopeColumns).add('t.stage = any(?::text[])', stages);
  const { rows } = await pool.query<{ credit_code: string; workflow_id: string; debtor: string | null; case_number: string | null }>(
    `select t.credit_code, t.workflow_id,
            (select p.name from transfer_parties p where p.credit_code = t.credit_code and p.kind = 'debtor' limit 1) as debtor,
            (select c.case_number from transfer_cases c where c.credit_code = t.credit_code order by c.joined_at, c.case_number limit 1) as case_number
       from transfers t ${filter.where} order by t.next_due_at nulls last, t.triggered_at`,
    filter.params,
  );
  const deadlines = await liveDeadlines(pool, rows.map((r) => r.workflow_id));
  const items = await inBatches(rows, 8, async (row): Promise<TodoItem | undefined> => {
    const status = await callApi<{ allowedActions: AllowedAction[] }>(api, token, 'GET', `/transfers/${encodeURIComponent(row.credit_code)}`);
    if (!status.ok) return undefined;
    const work = status.body.allowedActions.filter((a) => !standingTransferActions.has(a.action));
    if (work.length === 0) return undefined;
    const names = new Set(work.flatMap((a) => transferStepDeadline[a.action as TransferAction] ?? []));
    const deadline = deadlines.find((d) => d.process_id === row.workflow_id && names.has(d.name));
    return {
      processKind: 'transfer', processId: row.workflow_id, href: `/console/transfers/${encodeURIComponent(row.credit_code)}`,
      caseNumber: row.case_number ?? row.credit_code, debtorName: row.debtor ?? row.credit_code, steps: work.map((a) => a.label),
      deadline: deadline && { label: deadline.label, dueAt: deadline.due_at }, warning: deadlineWarning(deadline?.due_at, deadline?.opened_at, now),
    };
  });
  return items.filter((i): i is TodoItem => i !== undefined);
}

/** A preservation step is work when something waits on it in the state the API returned. */
function preservationWork(state: PreservationState & { allowedActions: string[] }, now: Date): { steps: string[]; renewBy?: Date } {
  const live = state.measures.filter((m) => m.status === 'live');
  const renewBy = live.map((m) => new Date(m.renewBy)).sort((a, b) => a.getTime() - b.getTime())[0];
  const waiting: Record<string, boolean> = {
    rule: !state.ruling,
    recordMeasure: state.ruling?.decision === 'granted' && state.measures.length === 0,
    reportExecution: state.ruling?.decision === 'granted' && state.measures.length > 0 && !state.execution,
    answerConsultation: state.consultations.some((c) => !c.answer),
    renewMeasure: renewBy !== undefined && deadlineWarning(renewBy, undefined, now) !== 'green',
  };
  const steps = state.allowedActions.filter((step) => waiting[step]);
  return { steps: steps.map((step) => actionLabel(`preservation.${step}`)), renewBy: steps.includes('renewMeasure') ? renewBy : undefined };
}

async function preservationTodos(pool: pg.Pool, api: ApiHandle, token: string, actor: Actor, now: Date): Promise<TodoItem[]> {
  const scope = listScope(actor, 'preservation.list');
  if (scope.kind === 'nothing' || scope.kind === 'party') return [];
  const stages = preservationStagesFor(actor);
  if (stages.length === 0) return [];
  const { rows } = await pool.query<{ preservation_id: string; number: string; respondent: string | null }>(
    `select p.preservation_id, coalesce(p.case_number, p.application_number) as number,
            -- The respondent's name where a transfer of the same debtor knows it; else its credit code.
            coalesce((select tp.name from transfer_parties tp where tp.credit_code = p.respondent_credit_code and tp.kind = 'debtor' limit 1),
                     p.respondent_credit_code) as respondent
       from preservations p where ($1::text is null or p.court = $1) and p.stage = any($2::text[]) order by p.applied_at`,
    [scope.kind === 'court' ? scope.court : null, stages],
  );
  const deadlines = await liveDeadlines(pool, rows.map((r) => r.preservation_id));
  const items = await inBatches(rows, 8, async (row): Promise<TodoItem | undefined> => {
    const status = await callApi<PreservationState & { allowedActions: string[] }>(api, token, 'GET', `/preservations/${encodeURIComponent(row.preservation_id)}`);
    if (!status.ok) return undefined;
    const work = preservationWork(status.body, now);
    if (work.steps.length === 0) return undefined;
    // Renewal is applied for by its renew-by day (PP art. 18), not by the expiry; other steps by the process's nearest deadline.
    const nearest = deadlines.find((d) => d.process_id === row.preservation_id);
    const deadline = work.renewBy ? { label: '最迟申请续行日', dueAt: work.renewBy, opened: null } : nearest && { label: nearest.label, dueAt: nearest.due_at, opened: nearest.opened_at };
    return {
      processKind: 'preservation', processId: row.preservation_id, href: `/console/preservations/${encodeURIComponent(row.preservation_id)}`,
      caseNumber: row.number, debtorName: row.respondent ?? '—', steps: work.steps,
      deadline: deadline && { label: deadline.label, dueAt: deadline.dueAt }, warning: deadlineWarning(deadline?.dueAt, deadline?.opened, now),
    };
  });
  return items.filter((i): i is TodoItem => i !== undefined);
}

const colourOrder: Record<WarningColour, number> = { red: 0, yellow: 1, green: 2 };

/** This person's to-do list: red first, then yellow, then green; within a colour the nearest deadline first. */
export async function todoFor(pool: pg.Pool, api: ApiHandle, token: string, actor: Actor, now = new Date()): Promise<TodoItem[]> {
  const items = [...await transferTodos(pool, api, token, actor, now), ...await preservationTodos(pool, api, token, actor, now)];
  const due = (i: TodoItem) => i.deadline?.dueAt.getTime() ?? Number.MAX_SAFE_INTEGER;
  return items.sort((a, b) => colourOrder[a.warning] - colourOrder[b.warning] || due(a) - due(b));
}
