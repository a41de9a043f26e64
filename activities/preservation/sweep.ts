// The daily expiry sweep's side effects: which live measures reach a reminder date, and the
// per-recipient digests, written once per sweep date and recipient and delivered by the notice outbox.
import type pg from 'pg';
import { digestNotice, type ExpiringMeasure, type ReminderDigest } from '../../workflows/preservation/sweep-digests';
import { enqueueProcessNotice } from '../notices/process-notices';
import { inTransaction } from '../../infra/db/database';

export function createSweepActivities({ pool }: { pool: pg.Pool }) {
  return {
    /**
     * Seizures in effect expiring after `asOf` and no later than `asOf + withinMs`, soonest first,
     * from the seizure register: live preservation measures, converted ones held by enforcement,
     * and those of a debtor whose transfer is under review, each under the court holding it now.
     */
    async collectExpiringMeasures(input: { asOf: string; withinMs: number }): Promise<ExpiringMeasure[]> {
      const { rows } = await pool.query<ExpiringMeasure>(
        `select coalesce(s.preservation_id, s.seizure_key) as "preservationId", coalesce(s.measure_id, s.seizure_key) as "measureId",
                s.holder_court as court, s.asset_kind as kind, s.asset, s.officer, s.case_number as "caseNumber", s.holder,
                s.transfer_id as "transferId",
                to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "expiresAt",
                to_char(s.renew_by at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "renewBy"
           from seizure_register s
          where s.status = 'live' and s.expires_at > $1::timestamptz
            and s.expires_at <= $1::timestamptz + make_interval(secs => $2::double precision / 1000)
          order by s.expires_at, s.seizure_key`,
        [input.asOf, input.withinMs],
      );
      return rows;
    },

    /**
     * Writes each digest once per (sweep date, recipient), and with a new digest, in the same
     * transaction, the notice that delivers it; returns how many were new. A re-run of the date
     * (a retry, the Schedule's catch-up, a manual trigger) writes and sends nothing new.
     */
    async writeReminderDigests(input: { sweepDate: string; digests: ReminderDigest[] }): Promise<number> {
      let written = 0;
      for (const digest of input.digests) {
        written += await inTransaction(pool, async (db) => {
          const result = await db.query(
            `insert into reminder_digests (sweep_date, recipient, recipient_role, court, items)
             values ($1,$2,$3,$4,$5) on conflict (sweep_date, recipient) do nothing`,
            [input.sweepDate, digest.recipient, digest.recipientRole, digest.court, JSON.stringify(digest.items)],
          );
          if (!result.rowCount) return 0;
          await enqueueProcessNotice(db, digestNotice(input.sweepDate, digest));
          return 1;
        });
      }
      return written;
    },
  };
}
