// Forms the console shows for human actions, and how a posted form becomes the API's JSON body.
// The fields only shape input; the API's zod schema decides what is valid and its 422 names the
// field, which the page shows next to that field.
import { cstDateOf, cstIso } from '../../workflows/clock/cst';
import type { FieldProblem } from '../http/errors';

/** `date`: a CST day; `datetime`: a CST day and time (minutes), sent with its offset (+08:00). */
export type FieldKind = 'text' | 'textarea' | 'yesno' | 'date' | 'datetime' | 'integer' | 'lines' | 'rows' | 'select';

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
  /** A legal date prefilled with today (or now) in China time; the clerk changes it to the day the act happened. */
  defaultNow?: boolean;
}

/** What a field shows before anyone typed: today's CST date, or the current CST minute, for `defaultNow` fields. */
export function defaultValueOf(field: FormField, nowMs: number): string {
  if (!field.defaultNow) return '';
  return field.kind === 'datetime' ? cstIso(nowMs).slice(0, 16) : cstDateOf(nowMs);
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

/** Turns posted form values into the JSON body: empty optional fields are left out. */
export function bodyFromForm(fields: FormField[], form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
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
        setPath(body, field.name, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}+08:00` : value);
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

// zod's own words for the commonest problems, in the words a clerk reads; anything else is shown as the API said it.
const plainWords: [RegExp, string][] = [
  [/^Too small: expected string to have >=1 characters?$/, '不能为空'],
  [/^Invalid input: expected (string|number|boolean|array|object), received undefined$/, '不能为空'],
  [/^Invalid input: expected boolean, received string$/, '请选择“是”或“否”'],
  [/^Invalid input: expected number, received string$/, '请填写整数'],
  [/^Too small: expected number to be >=0$/, '不能为负数'],
  [/^Invalid ISO date$/, '请填写日期'],
  [/^Invalid option: expected one of/, '请从选项中选择'],
  [/^Too small: expected array to have >=1 items?$/, '至少填写一项'],
];

/** A problem in Chinese where zod's default words were used, the original kept as a gloss. */
export function inPlainWords(message: string): string {
  const plain = plainWords.find(([pattern]) => pattern.test(message));
  return plain ? `${plain[1]} (${message})` : message;
}

/** Field problems by form field name; a problem inside a list item belongs to the list's field. */
export function problemsByField(fields: FormField[], problems: FieldProblem[]): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const problem of problems) {
    const field = fields.find((f) => problem.field === f.name || problem.field.startsWith(`${f.name}.`));
    const message = inPlainWords(problem.message);
    if (field) (byField[field.name] ??= []).push(message);
    else other.push(`${problem.field}: ${message}`);
  }
  return { byField, other };
}
