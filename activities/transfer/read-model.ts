// The transfer read model in PostgreSQL, written from the workflow's state after every act.
// Idempotent: a sync carries the workflow's sequence number and a retried or late sync of an older
// state changes nothing; notices are queued once per key (outbox).
import type pg from 'pg';
import type { Notice, TransferState } from '../../workflows/transfer/state';
import { stageLabels } from '../../workflows/transfer/stages';
import { inTransaction } from '../../infra/db/database';
import { recordBarInTransaction } from './bars';

export interface TransferSync {
  workflowId: string;
  runId: string;
  triggeredAt: string;
  overdue: boolean;
  nextDueAt?: string;
  state: Omit<TransferState, 'notices' | 'history'>;
}

export interface NoticeBatch {
  creditCode: string;
  notices: Notice[];
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

async function writeTransferRow(q: Query, sync: TransferSync): Promise<void> {
  const s = sync.state;
  await q(
    `insert into transfers (credit_code, workflow_id, run_id, version, stage, stage_label, home_court, receiving_court,
       receiving_court_reason, involved_courts, debtor_party_id, domicile_division_code, decision_number, docket_number,
       ruling_kind, ruling_number, overdue, next_due_at, triggered_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
     on conflict (credit_code) do update set workflow_id = excluded.workflow_id, run_id = excluded.run_id,
       version = excluded.version, stage = excluded.stage, stage_label = excluded.stage_label,
       home_court = excluded.home_court, receiving_court = excluded.receiving_court,
       receiving_court_reason = excluded.receiving_court_reason, involved_courts = excluded.involved_courts,
       decision_number = excluded.decision_number, docket_number = excluded.docket_number,
       ruling_kind = excluded.ruling_kind, ruling_number = excluded.ruling_number, overdue = excluded.overdue,
       next_due_at = excluded.next_due_at, triggered_at = excluded.triggered_at, updated_at = now()`,
    [s.creditCode, sync.workflowId, sync.runId, s.seq, s.stage, stageLabels[s.stage], s.homeCourt, s.receivingCourt ?? null,
      s.receivingCourtReason ?? null, [...new Set(s.cases.map((c) => c.court))], s.debtorPartyId, s.domicileDivisionCode,
      s.decision?.decisionNumber ?? null, s.docketNumber ?? null, s.ruling?.kind ?? null, s.ruling?.rulingNumber ?? null,
      sync.overdue, sync.nextDueAt ?? null, sync.triggeredAt],
  );
}

async function writeChildren(q: Query, s: TransferSync['state']): Promise<void> {
  for (const c of s.cases) {
    await q(
      `insert into transfer_cases (credit_code, case_number, court, status, joined_at) values ($1,$2,$3,$4,$5)
       on conflict (credit_code, case_number) do update set court = excluded.court, status = excluded.status`,
      [s.creditCode, c.caseNumber, c.court, c.status, c.joinedAt],
    );
  }
  for (const p of s.parties) {
    await q(
      `insert into transfer_parties (credit_code, party_id, name, kind, case_numbers) values ($1,$2,$3,$4,$5)
       on conflict (credit_code, party_id) do update set name = excluded.name, kind = excluded.kind, case_numbers = excluded.case_numbers`,
      [s.creditCode, p.partyId, p.name, p.kind, p.caseNumbers],
    );
  }
  for (const c of s.consents) {
    await q(
      `insert into transfer_consents (credit_code, party_id, kind, asked_at, explanation_given, reply, document_ref, replied_at,
         withdrawn_at, withdraw_reason) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       on conflict (credit_code, party_id) do update set reply = excluded.reply, document_ref = excluded.document_ref,
         replied_at = excluded.replied_at, withdrawn_at = excluded.withdrawn_at, withdraw_reason = excluded.withdraw_reason,
         asked_at = excluded.asked_at, explanation_given = excluded.explanation_given`,
      [s.creditCode, c.partyId, c.kind, c.askedAt, c.explanationGiven, c.reply, c.documentRef ?? null, c.repliedAt ?? null,
        c.withdrawnAt ?? null, c.withdrawReason ?? null],
    );
  }
  for (const m of s.material) {
    await q(
      `insert into transfer_material_items (credit_code, item_key, kind, label, document_refs, request_id, status)
       values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (credit_code, item_key) do update set label = excluded.label, document_refs = excluded.document_refs,
         status = excluded.status`,
      [s.creditCode, m.itemKey, m.kind, m.label, m.documentRefs, m.requestId ?? null, m.status],
    );
  }
  for (const p of s.property) {
    await q(
      `insert into transfer_property (credit_code, item_id, case_number, kind, description, value_cents, status, perishable,
         seized_at, seizure_number, disposition) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
       on conflict (credit_code, item_id) do update set status = excluded.status, disposition = excluded.disposition,
         description = excluded.description, value_cents = excluded.value_cents, perishable = excluded.perishable`,
      [s.creditCode, p.itemId, p.caseNumber, p.kind, p.description, p.valueCents ?? null, p.status, p.perishable,
        p.seizedAt ?? null, p.seizureNumber ?? null, p.disposition ?? null],
    );
  }
}

/**
 * Writes the read model inside the caller's transaction; false (nothing written) when the same
 * run's row already holds this state or a newer one.
 */
export async function syncTransferInTransaction(client: Pick<pg.PoolClient, 'query'>, sync: TransferSync): Promise<boolean> {
  const existing = await client.query<{ run_id: string; version: number }>(
    'select run_id, version from transfers where credit_code = $1 for update', [sync.state.creditCode],
  );
  const row = existing.rows[0];
  if (row && row.run_id === sync.runId && row.version >= sync.state.seq) return false;
  const q: Query = (sql, params) => client.query(sql, params);
  await writeTransferRow(q, sync);
  await writeChildren(q, sync.state);
  await recordBarInTransaction(client, sync);
  return true;
}

/** Queues notices in the outbox, once per key; returns how many were new. */
export async function queueNotices(client: Pick<pg.PoolClient, 'query'>, { creditCode, notices }: NoticeBatch): Promise<number> {
  let queued = 0;
  for (const n of notices) {
    const result = await client.query(
      `insert into transfer_notices (notice_key, credit_code, kind, recipient_kind, recipient, case_number, body)
       values ($1,$2,$3,$4,$5,$6,$7) on conflict (notice_key) do nothing`,
      [n.noticeKey, creditCode, n.kind, n.recipientKind, n.recipient, n.caseNumber ?? null, n.body],
    );
    queued += result.rowCount ?? 0;
  }
  return queued;
}

export function createTransferActivities(deps: { pool: pg.Pool }) {
  return {
    /** Mirrors the workflow's state into the read model; returns false when a newer state is already there. */
    async syncTransfer(sync: TransferSync): Promise<boolean> {
      return inTransaction(deps.pool, async (client) => {
        const written = await syncTransferInTransaction(client, sync);
        return written;
      });
    },

    /** Queues notices in the outbox, once per key; returns how many were new. */
    async queueTransferNotices(batch: NoticeBatch): Promise<number> {
      return queueNotices(deps.pool, batch);
    },
  };
}

export type TransferActivities = ReturnType<typeof createTransferActivities>;
