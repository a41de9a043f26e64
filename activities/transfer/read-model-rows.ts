// The rows a transfer's read model holds for one state of its workflow: one place that says which
// table, which key and which column value each part of the state becomes. The writer
// (./read-model.ts) upserts exactly these rows; `audit:verify --deep`
// (infra/audit/read-model-check.ts) derives the same rows from the workflow's status query and
// compares them with what is stored, so the two cannot drift apart (issue 16: an edit of
// transfer_parties, transfer_consents or involved_courts went unnamed while the check compared five
// hand-picked columns of `transfers`).
import type { TransferState } from '../../workflows/transfer/state';
import { stageLabels } from '../../workflows/transfer/stages';
import { knownCreditorsOf, type AroundState } from '../../workflows/transfer/around-state';
import type { DistributionRow } from './distribution';
import type { ReadModelRow } from '../read-model-row';

export { upsertRow, type Column, type ReadModelRow } from '../read-model-row';

/** What the transfers row carries beside the state: set by the workflow at the sync, not kept in its state. */
export interface SyncContext {
  workflowId: string;
  runId: string;
  triggeredAt: string;
  overdue: boolean;
  nextDueAt?: string;
}

/**
 * Columns of `transfers` that follow the workflow's clock rather than an act (a deadline running
 * over changes them without a new version), or are not in its status query (`triggered_at`):
 * written by the sync, not reconciled by --deep.
 */
export const clockColumns: ReadonlySet<string> = new Set(['overdue', 'next_due_at', 'triggered_at']);

export function transferRow(s: Omit<TransferState, 'notices' | 'history'>, sync: SyncContext): ReadModelRow {
  return {
    table: 'transfers', key: ['credit_code'], stamped: true,
    columns: {
      credit_code: s.creditCode, workflow_id: sync.workflowId, run_id: sync.runId, version: s.seq, stage: s.stage,
      stage_label: stageLabels[s.stage], home_court: s.homeCourt, receiving_court: s.receivingCourt ?? null,
      receiving_court_reason: s.receivingCourtReason ?? null, involved_courts: [...new Set(s.cases.map((c) => c.court))],
      debtor_party_id: s.debtorPartyId, domicile_division_code: s.domicileDivisionCode,
      decision_number: s.decision?.decisionNumber ?? null, docket_number: s.docketNumber ?? null,
      ruling_kind: s.ruling?.kind ?? null, ruling_number: s.ruling?.rulingNumber ?? null,
      overdue: sync.overdue, next_due_at: sync.nextDueAt ?? null, triggered_at: sync.triggeredAt,
    },
  };
}

/** The rows of the child tables (cases, parties, consents, material items, property) for one state. */
export function transferChildRows(s: Omit<TransferState, 'notices' | 'history'>): ReadModelRow[] {
  const code = s.creditCode;
  return [
    ...s.cases.map((c): ReadModelRow => ({
      table: 'transfer_cases', key: ['credit_code', 'case_number'],
      columns: { credit_code: code, case_number: c.caseNumber, court: c.court, status: c.status, joined_at: c.joinedAt },
    })),
    ...s.parties.map((p): ReadModelRow => ({
      table: 'transfer_parties', key: ['credit_code', 'party_id'],
      columns: { credit_code: code, party_id: p.partyId, name: p.name, kind: p.kind, case_numbers: p.caseNumbers },
    })),
    ...s.consents.map((c): ReadModelRow => ({
      table: 'transfer_consents', key: ['credit_code', 'party_id'],
      columns: {
        credit_code: code, party_id: c.partyId, kind: c.kind, asked_at: c.askedAt, explanation_given: c.explanationGiven, reply: c.reply,
        document_ref: c.documentRef ?? null, replied_at: c.repliedAt ?? null, withdrawn_at: c.withdrawnAt ?? null,
        withdraw_reason: c.withdrawReason ?? null,
        served_on: c.servedOn ?? null, reply_by: c.replyBy ?? null, replied_on: c.repliedOn ?? null, posted_on: c.postedOn ?? null,
      },
    })),
    ...s.material.map((m): ReadModelRow => ({
      table: 'transfer_material_items', key: ['credit_code', 'item_key'],
      columns: {
        credit_code: code, item_key: m.itemKey, kind: m.kind, label: m.label, document_refs: m.documentRefs,
        request_id: m.requestId ?? null, status: m.status,
      },
    })),
    ...s.property.map((p): ReadModelRow => ({
      table: 'transfer_property', key: ['credit_code', 'item_id'],
      columns: {
        credit_code: code, item_id: p.itemId, case_number: p.caseNumber, kind: p.kind, description: p.description,
        value_cents: p.valueCents ?? null, status: p.status, perishable: p.perishable, seized_at: p.seizedAt ?? null,
        seizure_number: p.seizureNumber ?? null, disposition: p.disposition ?? null,
      },
    })),
  ];
}

/** Tables keyed by the debtor's credit code that the sync writes (the child tables above). */
export const transferChildTables = ['transfer_cases', 'transfer_parties', 'transfer_consents', 'transfer_material_items', 'transfer_property'];

/** One row of an attachment-order distribution as attachment_distribution_rows holds it. */
export function distributionRowColumns(distributionKey: string, r: DistributionRow): ReadModelRow {
  return {
    table: 'attachment_distribution_rows', key: ['distribution_key', 'position'],
    columns: {
      distribution_key: distributionKey, position: r.position, tier: r.tier, label: r.label, case_number: r.caseNumber ?? null,
      court: r.court ?? null, creditor_ids: r.creditorIds, asset: r.asset ?? null, seized_at: r.seizedAt ?? null,
      seizure_rank: r.seizureRank ?? null, source: r.source ?? null,
    },
  };
}

/** The distribution a workflow recorded (its state keeps the rows the activity wrote). */
export function distributionRows(distribution: AroundState['distribution']): ReadModelRow[] {
  return distribution ? distribution.rows.map((r) => distributionRowColumns(distribution.distributionKey, r)) : [];
}

/**
 * The known_creditors rows of the parties the workflow handed over, from the same function the
 * workflow hands them with. `ruling_number` is the acceptance's (an argument of the act, kept as the
 * ruling's number) and `handed_at` the activity's clock: neither is reconciled.
 */
export function knownCreditorRows(s: Pick<TransferState, 'creditCode' | 'parties' | 'cases' | 'receivingCourt' | 'docketNumber'>,
  handed: AroundState['knownCreditors']): ReadModelRow[] {
  if (!handed) return [];
  const ids = new Set(handed.partyIds);
  return knownCreditorsOf(s).filter((c) => ids.has(c.partyId)).map((c): ReadModelRow => ({
    table: 'known_creditors', key: ['credit_code', 'party_id'],
    columns: {
      credit_code: s.creditCode, party_id: c.partyId, name: c.name, case_numbers: c.caseNumbers, courts: c.courts,
      bankruptcy_court: s.receivingCourt ?? null, docket_number: s.docketNumber ?? null,
    },
  }));
}
