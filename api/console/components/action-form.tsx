// One human action as a form; after a refused post it shows the API's reasons next to the fields.
import { defaultValueOf, type ActionForm, type FormField } from '../forms';

export interface FormOutcome {
  action: string;
  message: string;
  byField: Record<string, string[]>;
  other: string[];
  values: Record<string, string>;
}

function Input(props: { field: FormField; id: string; value: string }) {
  const { field, id, value } = props;
  if (field.kind === 'textarea' || field.kind === 'lines' || field.kind === 'rows') return <textarea id={id} name={field.name} rows={3}>{value}</textarea>;
  if (field.kind === 'yesno' || field.kind === 'select' || field.options) {
    const options = field.options ?? [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }];
    return (
      <select id={id} name={field.name}>
        <option value="">请选择</option>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    );
  }
  const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : field.kind === 'integer' ? 'number' : 'text';
  return <input id={id} type={type} name={field.name} value={value} />;
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
        const id = `${form.action}-${field.name}`.replace(/[^A-Za-z0-9_-]/g, '-');
        const errors = mine?.byField[field.name] ?? [];
        return (
          <div class={errors.length ? 'field invalid' : 'field'}>
            <label for={id}>{field.label}{field.optional ? <span class="muted">（选填）</span> : null}</label>
            <Input field={field} id={id} value={mine?.values[field.name] ?? props.initial?.[field.name] ?? defaultValueOf(field, Date.now())} />
            {field.hint ? <div class="hint">{field.hint}</div> : null}
            {errors.map((e) => <div class="error" data-field-error={field.name}>{e}</div>)}
          </div>
        );
      })}
      <button type="submit">{form.label}</button>
    </form>
  );
}
