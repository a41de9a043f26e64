// One human action as a form; after a refused post it shows the API's reasons next to the fields.
import { defaultValueOf, type ActionForm, type FormField } from '../forms';

export interface FormOutcome {
  action: string;
  message: string;
  byField: Record<string, string[]>;
  other: string[];
  values: Record<string, string>;
}

/** The id of a form field's input, the target of the error summary's links. */
export function fieldId(action: string, name: string): string {
  return `${action}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * After a refused post, at the top of the page (where it loads): the reason, and one link per
 * field problem to its field, so nobody has to find a red line thousands of pixels down. A refusal
 * whose form the page no longer offers (the process moved on under a stale tab) is shown here too.
 */
export function ErrorSummary(props: { outcome?: FormOutcome; forms: ActionForm[] }) {
  const { outcome } = props;
  if (!outcome) return null;
  const form = props.forms.find((f) => f.action === outcome.action);
  const links = form ? form.fields.flatMap((field) => (outcome.byField[field.name] ?? []).map((message) => (
    <li><a href={`#${fieldId(form.action, field.name)}`}>{field.label}：{message}</a></li>
  ))) : [];
  return (
    <div class="alert error summary" role="alert" id="error-summary" tabindex={-1} autofocus>
      <b>{form ? `未能办理：${form.label}` : '未能办理'}</b>
      <div>{outcome.message}</div>
      {links.length || outcome.other.length ? <ul>{links}{outcome.other.map((m) => <li>{m}</li>)}</ul> : null}
    </div>
  );
}

function Input(props: { field: FormField; id: string; value: string; invalid: boolean }) {
  const { field, id, value } = props;
  const aria = { 'aria-invalid': props.invalid ? 'true' : undefined, 'aria-describedby': props.invalid ? `${id}-error` : undefined, 'aria-required': field.optional ? undefined : 'true' };
  if (field.kind === 'textarea' || field.kind === 'lines' || field.kind === 'rows') return <textarea id={id} name={field.name} rows={3} {...aria}>{value}</textarea>;
  if (field.kind === 'checkboxes') {
    // One box per option, labelled by name; the group carries the id the error summary links to.
    const ticked = new Set(value.split('\n').filter(Boolean));
    const options = field.options ?? [];
    if (options.length === 0) return <p class="empty" id={id}>没有可选的当事人。</p>;
    return (
      <div class="checks" id={id} role="group" aria-labelledby={`${id}-label`} {...aria}>
        {options.map((o, i) => (
          <label class="check" for={`${id}-${i}`}>
            <input type="checkbox" id={`${id}-${i}`} name={`${field.name}[]`} value={o.value} checked={ticked.has(o.value)} /> {o.label}
          </label>
        ))}
      </div>
    );
  }
  if (field.kind === 'yesno' || field.kind === 'select' || field.options) {
    const options = field.options ?? [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }];
    return (
      <select id={id} name={field.name} {...aria}>
        <option value="">请选择</option>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    );
  }
  const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : field.kind === 'integer' ? 'number' : 'text';
  // step=1: the seconds are part of the value (the API's instants carry them); chinaInstantOf adds them when the browser leaves them out.
  return <input id={id} type={type} name={field.name} value={value} step={field.kind === 'datetime' ? 1 : undefined} {...aria} />;
}

/** `initial` prefills fields (e.g. a trigger from the candidate worklist); a refused post's own values win. */
export function ActionFormView(props: { form: ActionForm; postTo: string; outcome?: FormOutcome; initial?: Record<string, string> }) {
  const { form, outcome } = props;
  const mine = outcome?.action === form.action ? outcome : undefined;
  return (
    <form class="action" method="post" action={props.postTo} data-action={form.action}>
      <h2>{form.label}</h2>
      {mine ? (
        <div class="alert error" role="alert">
          {mine.message}
          {mine.other.length ? <ul>{mine.other.map((m) => <li>{m}</li>)}</ul> : null}
        </div>
      ) : null}
      <input type="hidden" name="_action" value={form.action} />
      {form.fields.map((field) => {
        const id = fieldId(form.action, field.name);
        const errors = mine?.byField[field.name] ?? [];
        return (
          <div class={errors.length ? 'field invalid' : 'field'}>
            <label for={field.kind === 'checkboxes' ? undefined : id} id={`${id}-label`}>{field.label}{field.optional ? <span class="muted">（选填）</span> : field.hint?.includes('可不填') ? null : <span class="required" aria-hidden="true">＊</span>}</label>
            <Input field={field} id={id} invalid={errors.length > 0} value={mine?.values[field.name] ?? props.initial?.[field.name] ?? field.initial ?? defaultValueOf(field, Date.now())} />
            {field.hint ? <div class="hint">{field.hint}</div> : null}
            {errors.length ? <div id={`${id}-error`}>{errors.map((e) => <div class="error" data-field-error={field.name}>{e}</div>)}</div> : null}
          </div>
        );
      })}
      <button type="submit">{form.label}</button>
    </form>
  );
}
