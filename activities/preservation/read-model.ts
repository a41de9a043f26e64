// The preservation read model: what lists, the enforcement queue and the expiring-measures view
// read. Each write is an upsert keyed by the process (and measure), so a retried activity leaves
// the same row; conversion and release touch every measure in one transaction.
import type pg from 'pg';
import type { ConsultationState, MeasureState, PreservationRow } from '../../workflows/preservation/types';
import { inTransaction } from '../../infra/db/database';
import { upsertRow, type ReadModelRow } from '../read-model-row';
import { resolveLegalMoment } from '../../workflows/clock/legal-time';
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

/** The CST day of a legal date as the workflow keeps it (a day, or an instant with its offset). */
function legalDayOf(moment: string): string {
  return resolveLegalMoment(moment, 'appliedOn').date;
}

/** The `preservations` row of a process's state: written by the activities below, expected by audit:verify --deep. */
export function preservationRow(s: PreservationRow): ReadModelRow {
  return {
    table: 'preservations', key: ['preservation_id'], stamped: true,
    columns: {
      preservation_id: s.preservationId, court: s.court, application_number: s.applicationNumber, kind: s.kind, urgent: s.urgent,
      stage: s.stage, stage_label: s.stageLabel, case_number: s.caseNumber ?? null, applicant_party_id: s.applicantPartyId,
      respondent_party_id: s.respondentPartyId, respondent_credit_code: s.respondentCreditCode ?? null, amount: s.amount,
      applied_at: s.appliedAt, applied_on: s.appliedOn === undefined ? null : legalDayOf(s.appliedOn), risk_notified_at: s.riskNotifiedAt ?? null, ruling: s.ruling?.decision ?? null,
      ruling_reason: s.ruling?.reason ?? null, ruled_by: s.ruling?.by ?? null, ruled_at: s.ruling?.at ?? null,
      handed_over_at: s.handedOverAt ?? null, enforcement_case_number: s.enforcementCaseNumber ?? null,
      converted_at: s.convertedAt ?? null, closure_outcome: s.closure?.outcome ?? null, disclosed_at: s.disclosedAt ?? null,
      executed_at: s.execution?.reportedAt ?? null,
    },
  };
}

/** A consultation's `preservation_consultations` row (whether it was cancelled is the workflow's alone). */
export function consultationRow(preservationId: string, c: ConsultationState): ReadModelRow {
  return {
    table: 'preservation_consultations', key: ['preservation_id', 'consultation_id'],
    columns: {
      preservation_id: preservationId, consultation_id: c.consultationId, question: c.question, asked_by: c.askedBy, asked_at: c.askedAt,
      due_at: c.dueAt, answer: c.answer ?? null, answered_by: c.answeredBy ?? null, answered_at: c.answeredAt ?? null, late: c.late,
      escalated: c.escalated, received_on: c.receivedOn ?? null,
    },
  };
}

const upsertPreservation = (db: Queryable, s: PreservationRow) => upsertRow((sql, params) => db.query(sql, params), preservationRow(s));

/** Writes the measure's row and its register row; the register's placement (rank, queue) when it has one. */
async function upsertMeasure(db: Queryable, { preservationId, court, measure: m, register }: MeasureRowInput): Promise<RegisterPlacement | undefined> {
  const placed = register ? await registerMeasure(db, preservationId, m, register) : undefined;
  // The register's rank, not the one typed (查封扣押冻结规定 art. 26); a queued measure has no expiry yet.
  const rank = placed?.rank ?? m.rank;
  const queued = placed?.queued ?? m.queued === true;
  await db.query(
    `insert into preservation_measures (preservation_id, measure_id, court, kind, asset, location, taken_at, rank, term,
       expires_at, renew_by, status, officer, released_at, release_reason, converted_at, renewal_applied_on, renewal_late)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
     on conflict (preservation_id, measure_id) do update set rank = excluded.rank, term = excluded.term, expires_at = excluded.expires_at,
       renew_by = excluded.renew_by, status = excluded.status, released_at = excluded.released_at,
       release_reason = excluded.release_reason, converted_at = excluded.converted_at,
       renewal_applied_on = excluded.renewal_applied_on, renewal_late = excluded.renewal_late, updated_at = now()`,
    [preservationId, m.measureId, court, m.kind, m.asset, m.location, m.takenAt, rank, m.term,
      queued ? null : m.expiresAt || null, queued ? null : m.renewBy || null,
      m.status, m.recordedBy, m.releasedAt ?? null, m.releaseReason ?? null, m.convertedAt ?? null,
      m.renewal?.appliedOn ?? null, m.renewal?.late ?? null],
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
      await upsertRow((sql, params) => pool.query(sql, params), consultationRow(input.preservationId, input.consultation));
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
