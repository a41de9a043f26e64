// Forms the console shows for human actions, and how a posted form becomes the API's JSON body.
// The fields only shape input; the API's zod schema decides what is valid and its 422 names the
// field, which the page shows next to that field.
import { cstDateOf, cstIso } from '../../workflows/clock/cst';
import type { FieldProblem } from '../http/errors';

/** `date`: a CST day; `datetime`: a CST day and time to the second, sent with its offset (+08:00). */
/** `checkboxes`: any number of `options` ticked (e.g. the parties served), posted as `<name>[]` and sent as a list. */
export type FieldKind = 'text' | 'textarea' | 'yesno' | 'date' | 'datetime' | 'integer' | 'lines' | 'rows' | 'select' | 'checkboxes';

/** One column of a `rows` field: each line is one list item, its columns split at `|`. */
export interface RowColumn {
  name: string;
  /** The words a person types, mapped to the API's code (e.g. 管理人 → administrator). */
  choices?: Record<string, string>;
  integer?: boolean;
}

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: { value: string; label: string }[];
  optional?: boolean;
  columns?: RowColumn[];
  /** What the field holds when the form is first shown (e.g. the next free measure number). */
  initial?: string;
  /** A legal date prefilled with today (or now) in China time; the clerk changes it to the day the act happened. */
  defaultNow?: boolean;
}

/** What a field shows before anyone typed: today's CST date, or the current CST second, for `defaultNow` fields. */
export function defaultValueOf(field: FormField, nowMs: number): string {
  if (!field.defaultNow) return '';
  return field.kind === 'datetime' ? cstIso(nowMs).slice(0, 19) : cstDateOf(nowMs);
}

/**
 * A browser's datetime-local value as the API's instant in China time: the API reads ISO 8601 with
 * seconds and an offset (bounds.ts `legalInstant`), while the browser sends `YYYY-MM-DDTHH:mm`
 * whenever the seconds are zero, even with step=1 (HTML's normalized local date and time string).
 * Anything else is passed on as typed, for the API to refuse naming the field.
 */
export function chinaInstantOf(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(value)) return `${value}+08:00`;
  return value;
}

export interface ActionForm {
  /** Names the form (its `_action`); two forms of one API action differ here, e.g. filing and deciding an appeal. */
  action: string;
  /** The permission-table action the form exercises, when it is not `action` itself. */
  permission?: string;
  label: string;
  /**
   * API path below the process, e.g. `/transfers/<code>` + this; a `{name}` in it is filled from
   * the form field of that name, which then leaves the body (see apiPathOf).
   */
  path: string;
  fields: FormField[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function rowsOf(columns: RowColumn[], value: string): Record<string, unknown>[] {
  return value.split(/\n+/).map((line) => line.trim()).filter(Boolean).map((line) => {
    const cells = line.split(/[|｜]/).map((cell) => cell.trim());
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (cell === '') return;
      const coded = column.choices?.[cell] ?? cell;
      row[column.name] = column.integer && /^\d+$/.test(coded) ? Number(coded) : coded;
    });
    return row;
  });
}

/** The ticked values of a checkbox group: posted as `name[]` by the page (hono reads those as a list), or as `name` by a script. */
function tickedOf(form: Record<string, string | File | (string | File)[]>, name: string): string[] {
  const raw = form[`${name}[]`] ?? form[name];
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

/**
 * The posted values, by field name, to refill a refused form as the person left it: a checkbox
 * group's ticks one per line under its own name.
 */
export function postedValues(posted: Record<string, string | File | (string | File)[]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(posted)) {
    if (typeof raw === 'string') values[name] = raw;
    else if (Array.isArray(raw) && name.endsWith('[]')) values[name.slice(0, -2)] = raw.filter((v) => typeof v === 'string').join('\n');
  }
  return values;
}

/** Turns posted form values into the JSON body: empty optional fields are left out. */
export function bodyFromForm(fields: FormField[], form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'checkboxes') {
      const ticked = tickedOf(form, field.name);
      if (ticked.length > 0 || !field.optional) setPath(body, field.name, ticked);
      continue;
    }
    const raw = form[field.name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') {
      if (!field.optional && field.kind !== 'lines' && field.kind !== 'rows') setPath(body, field.name, field.kind === 'integer' ? undefined : value);
      if ((field.kind === 'lines' || field.kind === 'rows') && !field.optional) setPath(body, field.name, []);
      continue;
    }
    switch (field.kind) {
      case 'yesno':
        setPath(body, field.name, value === 'yes');
        break;
      case 'integer':
        setPath(body, field.name, /^-?\d+$/.test(value) ? Number(value) : value);
        break;
      case 'lines':
        setPath(body, field.name, value.split(/[\n,，]+/).map((v) => v.trim()).filter(Boolean));
        break;
      case 'rows':
        setPath(body, field.name, rowsOf(field.columns ?? [], value));
        break;
      case 'datetime':
        // The browser's datetime-local has no offset; the console is China time.
        setPath(body, field.name, chinaInstantOf(value));
        break;
      default:
        setPath(body, field.name, value);
    }
  }
  return body;
}

/** The API path of a posted form: `{name}` placeholders are taken out of the body into the path. */
export function apiPathOf(form: ActionForm, body: Record<string, unknown>): string {
  return form.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = body[name];
    delete body[name];
    return encodeURIComponent(typeof value === 'string' && value !== '' ? value : '-');
  });
}

const cjk = /[\u3400-\u9fff]/;

/**
 * What a clerk reads of an API or workflow message: the API's field messages are Chinese (zod's
 * zh-CN locale, api/http/zod-locale.ts) but some schemas and workflow refusals add an English gloss
 * in parentheses for API clients, which is left out here; a message with no Chinese at all is
 * shown as a plain "格式不正确" rather than English.
 */
export function chineseOnly(message: string): string {
  const stripped = forPageUser(withoutGloss(message));
  // English with a Chinese word in brackets ("needs security (担保)") is still English.
  return cjk.test(stripped.replace(/\([^()]*\)/g, '')) ? stripped : '格式不正确';
}

/**
 * The API tells its clients to retry with the same Idempotency-Key when the engine did not answer
 * (api/http/temporal-calls.ts); a console form carries no key, so a clerk is told what to do on the page.
 */
function forPageUser(message: string): string {
  return message
    .replace(/带同一\s*Idempotency-Key\s*重试/g, '重新提交')
    .replace(/重试时请带同一\s*Idempotency-Key，或先查看程序状态/g, '请先刷新页面查看程序状态，未见办理结果再重新提交');
}

/** A recorded text (a reason) without the English gloss the engine adds; a person's own words stay as written. */
export function withoutGloss(text: string): string {
  if (!cjk.test(text)) return text;
  return text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (cjk.test(inner) ? whole : '')).trim();
}

/** Field problems by form field name; a problem inside a list item belongs to the list's field, one of a nested object to its first field. */
export function problemsByField(fields: FormField[], problems: FieldProblem[]): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const problem of problems) {
    // A problem of a whole nested object (e.g. `security` missing) is shown at its first field.
    const field = fields.find((f) => problem.field === f.name || problem.field.startsWith(`${f.name}.`))
      ?? fields.find((f) => problem.field !== '' && f.name.startsWith(`${problem.field}.`));
    const message = chineseOnly(problem.message);
    if (field) (byField[field.name] ??= []).push(message);
    else other.push(`${problem.field}: ${message}`);
  }
  return { byField, other };
}
