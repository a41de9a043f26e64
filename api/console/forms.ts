// Forms the console shows for human actions, and how a posted form becomes the API's JSON body.
// The fields only shape input; the API's zod schema decides what is valid and its 422 names the
// field, which the page shows next to that field.
import type { FieldProblem } from '../http/errors';

export type FieldKind = 'text' | 'textarea' | 'yesno' | 'date' | 'integer' | 'lines' | 'select';

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: { value: string; label: string }[];
  optional?: boolean;
}

export interface ActionForm {
  action: string;
  label: string;
  /** API path below the process, e.g. `/transfers/<code>` + this. */
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

/** Turns posted form values into the JSON body: empty optional fields are left out. */
export function bodyFromForm(fields: FormField[], form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = form[field.name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') {
      if (!field.optional && field.kind !== 'lines') setPath(body, field.name, field.kind === 'integer' ? undefined : value);
      if (field.kind === 'lines' && !field.optional) setPath(body, field.name, []);
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
      default:
        setPath(body, field.name, value);
    }
  }
  return body;
}

/** Field problems by form field name; a problem inside a list item belongs to the list's field. */
export function problemsByField(fields: FormField[], problems: FieldProblem[]): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const problem of problems) {
    const field = fields.find((f) => problem.field === f.name || problem.field.startsWith(`${f.name}.`));
    if (field) (byField[field.name] ??= []).push(problem.message);
    else other.push(`${problem.field}: ${problem.message}`);
  }
  return { byField, other };
}
