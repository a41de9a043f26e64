// What the database can hold, once: every column type that can refuse a value (numeric precision,
// integer width, the calendar's range, a CHECK on a text's length) as the zod schema that checks
// it at the door. A value the database would refuse must be a 422 naming the field before anything
// starts, never a write that an activity retries for ever (issue 12: a 17-digit amount was accepted
// and its preservation wedged). test/db/bounds.test.ts reads the migrated schema and fails when a
// column of these types is neither listed here nor written only from values the server computes.
import { z } from '@hono/zod-openapi';
import { withoutInvisible } from '../../workflows/shared/identifiers';

/** numeric(18, 2): 16 digits before the point, 2 after; PostgreSQL refuses 10^16 yuan and more. */
export const yuanColumn = { precision: 18, scale: 2 } as const;
const maxYuanIntegerDigits = yuanColumn.precision - yuanColumn.scale;

/**
 * An amount in yuan as a decimal string, as it is stored (numeric(18, 2)): up to 16 digits before
 * the point and 2 after, e.g. "120000.00". Refused, naming the field: more digits, a sign, an exponent.
 */
export const yuanAmount = z.string().regex(
  new RegExp(`^\\d{1,${maxYuanIntegerDigits}}(\\.\\d{1,${yuanColumn.scale}})?$`),
  `金额以元为单位，最多${maxYuanIntegerDigits}位整数、${yuanColumn.scale}位小数，不带符号 `
    + `(yuan: at most ${maxYuanIntegerDigits} digits before the point and ${yuanColumn.scale} after, as the database column holds)`,
).openapi({ example: '120000.00' });

/**
 * An amount in 分 (cents) as a JSON integer, stored as bigint. JavaScript holds integers exactly up
 * to 2^53 − 1, below bigint's 2^63 − 1, so that is the bound (about 90 万亿元).
 */
export const maxCents = Number.MAX_SAFE_INTEGER;
// Range first, and stop there: past 2^53 the number is also "not a safe integer", one problem is enough.
export const cents = z.number()
  .min(0, { message: '金额不能为负数 (cents: not negative)', abort: true })
  .max(maxCents, { message: `金额超出可存储的范围，最多${maxCents}分 (cents: at most ${maxCents})`, abort: true })
  .int('金额以分为单位，应为整数 (cents: a whole number)');

/** PostgreSQL integer: −2^31 … 2^31 − 1. */
export const maxInteger = 2 ** 31 - 1;

/** A whole number stored in an integer column, from `min` up to `max` (at most the column's 2^31 − 1). */
export function wholeNumber(min: number, max: number = maxInteger) {
  const top = Math.min(max, maxInteger);
  return z.number()
    .min(min, { message: `不能小于${min} (at least ${min})`, abort: true })
    .max(top, { message: `不能大于${top} (at most ${top})`, abort: true })
    .int('应为整数 (a whole number)');
}

/**
 * The dates a court record can carry: none before the People's courts (1949-10-01), none after the
 * last year the holiday law is computed for (2100, workflows/clock/holiday-law.ts). PostgreSQL would
 * take far more (4713 BC to 294276) but has no year 0, which an ISO date may spell; the clock and
 * the calendars hold only this span.
 */
export const dateRange = { first: '1949-10-01', last: '2100-12-31' } as const;
const dateRangeMessage = `日期应在${dateRange.first}至${dateRange.last}之间 (date between ${dateRange.first} and ${dateRange.last})`;

/**
 * A required date or time left blank (a form's empty field arrives as ''): says so, naming the
 * field when the schema knows its label, rather than asking for a format nobody typed.
 */
function blankOr(label: string | undefined, formatMessage: string) {
  return (issue: { input?: unknown }) => (issue.input === '' ? `${label ?? ''}不能为空 (must not be empty)` : formatMessage);
}

/** A calendar date, YYYY-MM-DD, within `dateRange`. */
export const legalDate = z.iso.date({ error: blankOr(undefined, '日期应按“年-月-日”填写，如2025-09-01 (a date, YYYY-MM-DD)'), abort: true })
  .refine((d) => d >= dateRange.first && d <= dateRange.last, { message: dateRangeMessage });

/**
 * An instant with its offset and seconds (ISO 8601, e.g. 2025-10-09T10:30:00+08:00) whose China date
 * is within `dateRange`; `label` names the field when it is left blank.
 */
export function legalInstantNamed(label?: string) {
  return z.iso.datetime({
    offset: true, abort: true,
    error: blankOr(label, '时间格式应为带时区的ISO 8601，如2025-10-09T10:30:00+08:00 (an ISO 8601 instant with offset)'),
  })
    .refine((t) => {
      const ms = Date.parse(t);
      if (Number.isNaN(ms)) return false;
      const chinaDate = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
      return chinaDate >= dateRange.first && chinaDate <= dateRange.last;
    }, { message: dateRangeMessage });
}

/** An instant with its offset (ISO 8601, e.g. 2025-10-09T10:30:00+08:00) whose China date is within `dateRange`. */
export const legalInstant = legalInstantNamed();

/**
 * A text of 1 to `max` characters as it will be kept: what prints as nothing (zero-width space,
 * soft hyphen, direction marks) removed, then blanks trimmed — an asset named only `\u200b` was
 * recorded as a blank measure (issue 14, outside break). `max` is a CHECK on its length, or the
 * schema's own cap.
 */
export function boundedText(max: number) {
  return z.string().overwrite(withoutInvisible).trim()
    .min(1, '不能为空 (must not be empty)')
    .max(max, `不能超过${max}个字符 (at most ${max} characters)`);
}

/**
 * The bounded columns a person's input reaches, by the schema that guards them; the test checks
 * each against the migrated database.
 */
export const guardedColumns = {
  yuanAmount: ['preservations.amount'],
  cents: ['transfer_property.value_cents', 'enforcement_cases.outstanding_cents'],
  wholeNumber: ['preservation_measures.rank', 'seizures.rank', 'attachment_distribution_rows.seizure_rank', 'enforcement_cases.applicant_count'],
  legalDate: [
    'enforcement_cases.filed_on', 'enforcement_cases.closed_on', 'seizures.release_ruled_on',
    'preservations.applied_on', 'preservation_consultations.received_on', 'preservation_measures.renewal_applied_on',
    'transfer_consents.served_on', 'transfer_consents.replied_on', 'transfer_consents.posted_on',
  ],
} as const;

/**
 * Bounded columns written only from what the server computes or counts (sequence numbers, attempts,
 * sums, dates of its own clock) or shipped as reference data by a migration — no request puts a value
 * there directly. `candidate_worklist
 * .outstanding_cents` sums at most a few thousand `cents` per debtor, far inside bigint.
 */
export const serverComputedColumns = [
  'attachment_distribution_rows.position', 'audit_checkpoints.number', 'audit_sealing_began.first_sealed_id', 'audit_trail.id', 'audit_trail.seq', 'candidate_worklist.case_count',
  'candidate_worklist.closed_no_property', 'candidate_worklist.last_sweep_date', 'candidate_worklist.outstanding_cents',
  'candidate_worklist.unsatisfied', 'holiday_calendar.year', 'idempotency_keys.response_status', 'jurisdictions.effective_on', 'preservation_measures.term',
  'people_changes.id', 'process_failures.attempt', 'process_notices.attempts', 'seizures.term', 'reminder_digests.sweep_date', 'schema_migrations.id', 'transfer_notices.attempts',
  'transfers.version', 'work_assignments.version',
] as const;
