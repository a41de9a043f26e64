// A link to a process by what staff call it, and the page it opens.
import { processKindLabels } from '../labels';

export function processHref(kind: string, processId: string): string {
  if (kind === 'transfer') return `/console/transfers/${encodeURIComponent(processId.replace(/^transfer-/, ''))}`;
  // A preservation's page is keyed by its whole workflow id, `preservation-<court>-<number>`.
  return `/console/preservations/${encodeURIComponent(processId)}`;
}

/** A link to a process by what staff call it (debtor and credit code, case number), its id only when nothing else is known. */
export function ProcessLink(props: { kind: string; id: string; captions?: Map<string, string> }) {
  return <a href={processHref(props.kind, props.id)}>{processKindLabels[props.kind]} {props.captions?.get(props.id) ?? props.id.replace(/^(transfer|preservation)-/, '')}</a>;
}

