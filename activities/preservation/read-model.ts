// The preservation read model: what lists, the enforcement queue and the expiring-measures view
// read. Each write is an upsert keyed by the process (and measure), so a retried activity leaves
// the same row; conversion and release touch every measure in one transaction.
import type pg from 'pg';
import type { ConsultationState, MeasureState, PreservationRow } from '../../workflows/preservation/types';
import { inTransaction } from '../../infra/db/database';
import { registerMeasure, type RegisterContext, type RegisterPlacement, type SeizureRanked } from './seizures';

export interface MeasureRowInput {
  preservationId: string;
  court: string;
  measure: MeasureState;
  /** Debtor, case and holder for the seizure register; absent in calls of runs that predate it. */
  register?: RegisterContext;
}

export interface ConversionInput {
  preservationId: string;
  court: string;
  caseNumber: string;
  debtorCreditCode?: string;
  convertedAt: string;
  /** The live measures at the instant of conversion, with their original dates and ranks. */
  measures: MeasureState[];
  /** The process after conversion, written in the same transaction. */
  snapshot: PreservationRow;
  register?: RegisterContext;
}

export interface ReleaseInput {
  preservationId: string;
  measures: MeasureState[];
  /** The process after release, written in the same transaction. */
  snapshot: PreservationRow;
  register?: RegisterContext;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

async function upsertPreservation(db: Queryable, s: PreservationRow): Promise<void> {
  await db.query(
    `insert into preservations (preservation_id, court, application_number, kind, urgent, stage, stage_label, case_number,
       applicant_party_id, respondent_party_id, respondent_credit_code, amount, applied_at, risk_notified_at, ruling,
       ruling_reason, ruled_by, ruled_at, handed_over_at, enforcement_case_number, converted_at, closure_outcome, disclosed_at, executed_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)
     on conflict (preservation_id) do update set stage = excluded.stage, stage_label = excluded.stage_label,
       case_number = excluded.case_number, risk_notified_at = excluded.risk_notified_at, ruling = excluded.ruling,
       ruling_reason = excluded.ruling_reason, ruled_by = excluded.ruled_by, ruled_at = excluded.ruled_at,
       handed_over_at = excluded.handed_over_at, enforcement_case_number = excluded.enforcement_case_number,
       converted_at = excluded.converted_at, closure_outcome = excluded.closure_outcome, disclosed_at = excluded.disclosed_at,
       executed_at = excluded.executed_at, updated_at = now()`,
    [s.preservationId, s.court, s.applicationNumber, s.kind, s.urgent, s.stage, s.stageLabel, s.caseNumber ?? null,
      s.applicantPartyId, s.respondentPartyId, s.respondentCreditCode ?? null, s.amount, s.appliedAt,
      s.riskNotifiedAt ?? null, s.ruling?.decision ?? null, s.ruling?.reason ?? null, s.ruling?.by ?? null,
      s.ruling?.at ?? null, s.handedOverAt ?? null, s.enforcementCaseNumber ?? null, s.convertedAt ?? null,
      s.closure?.outcome ?? null, s.disclosedAt ?? null, s.execution?.reportedAt ?? null],
  );
}

/** Writes the measure's row and its register row; the register's placement (rank, queue) when it has one. */
async function upsertMeasure(db: Queryable, { preservationId, court, measure: m, register }: MeasureRowInput): Promise<RegisterPlacement | undefined> {
  const placed = register ? await registerMeasure(db, preservationId, m, register) : undefined;
  // The register's rank, not the one typed (查封扣押冻结规定 art. 26); a queued measure has no expiry yet.
  const rank = placed?.rank ?? m.rank;
  const queued = placed?.queued ?? m.queued === true;
  await db.query(
    `insert into preservation_measures (preservation_id, measure_id, court, kind, asset, location, taken_at, rank, term,
       expires_at, renew_by, status, officer, released_at, release_reason, converted_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
     on conflict (preservation_id, measure_id) do update set rank = excluded.rank, term = excluded.term, expires_at = excluded.expires_at,
       renew_by = excluded.renew_by, status = excluded.status, released_at = excluded.released_at,
       release_reason = excluded.release_reason, converted_at = excluded.converted_at, updated_at = now()`,
    [preservationId, m.measureId, court, m.kind, m.asset, m.location, m.takenAt, rank, m.term,
      queued ? null : m.expiresAt || null, queued ? null : m.renewBy || null,
      m.status, m.recordedBy, m.releasedAt ?? null, m.releaseReason ?? null, m.convertedAt ?? null],
  );
  return placed;
}

export function createPreservationReadModelActivities({ pool }: { pool: pg.Pool }) {
  return {
    async recordPreservation(snapshot: PreservationRow): Promise<void> {
      await upsertPreservation(pool, snapshot);
    },

    /**
     * Writes the measure and its register row in one transaction (the asset is locked while ranked).
     * Returns the register's placement — its rank, whether it is queued, the seizures on the asset
     * whose rank changed or that moved up (a lapse ends the first) — or undefined without a register context.
     */
    async recordMeasure(input: MeasureRowInput): Promise<RegisterPlacement | undefined> {
      return inTransaction(pool, (db) => upsertMeasure(db, input));
    },

    async recordConsultation(input: { preservationId: string; consultation: ConsultationState }): Promise<void> {
      const c = input.consultation;
      await pool.query(
        `insert into preservation_consultations (preservation_id, consultation_id, question, asked_by, asked_at, due_at,
           answer, answered_by, answered_at, late, escalated)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
         on conflict (preservation_id, consultation_id) do update set due_at = excluded.due_at, answer = excluded.answer,
           answered_by = excluded.answered_by, answered_at = excluded.answered_at, late = excluded.late,
           escalated = excluded.escalated`,
        [input.preservationId, c.consultationId, c.question, c.askedBy, c.askedAt, c.dueAt, c.answer ?? null,
          c.answeredBy ?? null, c.answeredAt ?? null, c.late, c.escalated],
      );
    },

    /**
     * Releases measures and records the process's new stage, all or nothing. Returns the seizures
     * that moved up or changed rank on the released assets (查封扣押冻结规定 art. 26), for their holders.
     */
    async releaseMeasures(input: ReleaseInput): Promise<SeizureRanked[]> {
      return inTransaction(pool, async (db) => {
        const ranked = new Map<string, SeizureRanked>();
        for (const measure of input.measures) {
          const placed = await upsertMeasure(db, { preservationId: input.preservationId, court: input.snapshot.court, measure, register: input.register });
          for (const r of placed?.ranked ?? []) ranked.set(r.seizureKey, { ...ranked.get(r.seizureKey), ...r });
        }
        await upsertPreservation(db, input.snapshot);
        return [...ranked.values()];
      });
    },

    /**
     * 保全转执行 (PP): every live measure becomes an enforcement measure at one instant, keeping
     * its date, rank and term, and its register row (`seizures`) names the enforcement case; one
     * transaction, so no reader ever sees the measures neither preserved nor converted.
     */
    async convertMeasures(input: ConversionInput): Promise<number> {
      return inTransaction(pool, async (db) => {
        let written = 0;
        for (const measure of input.measures) {
          // The register row the measure wrote when taken now names the enforcement case and holder.
          const register = input.register && { ...input.register, caseNumber: input.caseNumber };
          await upsertMeasure(db, { preservationId: input.preservationId, court: input.court, measure, register });
          if (register) {
            written++;
            continue;
          }
          if (!input.debtorCreditCode) continue;
          const result = await db.query(
            `insert into seizures (seizure_key, debtor_credit_code, source, asset_kind, asset, location, taken_at, rank,
               court, case_number, preservation_id, measure_id, converted_at)
             values ($1,$2,'preservation',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) on conflict (seizure_key) do nothing`,
            [`${input.preservationId}:${measure.measureId}`, input.debtorCreditCode, measure.kind, measure.asset,
              measure.location, measure.takenAt, measure.rank, input.court, input.caseNumber, input.preservationId,
              measure.measureId, input.convertedAt],
          );
          written += result.rowCount ?? 0;
        }
        await upsertPreservation(db, input.snapshot);
        return written;
      });
    },
  };
}
