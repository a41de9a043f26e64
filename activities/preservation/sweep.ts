// The daily expiry sweep's side effects: which live measures reach a reminder date, and the
// per-recipient digests, written once per sweep date and recipient and delivered by the notice outbox.
import type pg from 'pg';
import { digestNotice, type ExpiringMeasure, type ReminderDigest } from '../../workflows/preservation/sweep-digests';
import { enqueueProcessNotice } from '../notices/process-notices';
import { inTransaction } from '../../infra/db/database';

export function createSweepActivities({ pool }: { pool: pg.Pool }) {
  return {
    /** Live measures expiring after `asOf` and no later than `asOf + withinMs`, soonest first. */
    async collectExpiringMeasures(input: { asOf: string; withinMs: number }): Promise<ExpiringMeasure[]> {
      const { rows } = await pool.query<ExpiringMeasure>(
        `select m.preservation_id as "preservationId", m.measure_id as "measureId", m.court, m.kind, m.asset,
                m.officer, p.case_number as "caseNumber",
                to_char(m.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "expiresAt",
                to_char(m.renew_by at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "renewBy"
           from preservation_measures m join preservations p using (preservation_id)
          where m.status = 'live' and m.expires_at > $1::timestamptz
            and m.expires_at <= $1::timestamptz + make_interval(secs => $2::double precision / 1000)
          order by m.expires_at, m.preservation_id, m.measure_id`,
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
