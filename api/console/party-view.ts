// What a party's transfer page shows: the read model and the audit trail narrowed to exactly what
// the API's party view (visibleTo in api/routes/transfer-views.ts, 执行公开 stops at other
// creditors) returns to the same person, so the rule exists once and the console only matches keys.
import type { Actor } from '../../workflows/shared/actor';
import { seesWholeTransfer, type TransferView as ApiTransferView } from '../routes/transfer-views';
import type { AuditRow, TransferView } from './read-models';

/** The act an audit row records, as `<seq>:<action>` from its key (`<workflowId>:<run>:<seq>:<action>`, the transfer workflow's auditEntry). */
function actOf(row: AuditRow): string | undefined {
  const match = /^[^:]+:[^:]+:(\d+):([^:]+)$/.exec(row.event_key);
  return match && row.event_key.startsWith(`${row.process_id}:`) ? `${match[1]}:${match[2]}` : undefined;
}

/**
 * The page's rows for this person: everything for court staff and the debtor; for a creditor the
 * parties, cases, consents, property and recorded acts its API view holds, and of the notices only
 * those sent to it.
 * Without that view (the API could not be asked) a creditor sees none of them.
 */
export function partyView(actor: Actor, view: TransferView, timeline: AuditRow[], seen: ApiTransferView | undefined): { view: TransferView; timeline: AuditRow[] } {
  if (seesWholeTransfer(actor, String(view.transfer.debtor_party_id))) return { view, timeline };
  const caseNumbersOf = new Map((seen?.parties ?? []).map((p) => [p.partyId, new Set(p.caseNumbers)]));
  const cases = new Set((seen?.cases ?? []).map((c) => c.caseNumber));
  const consents = new Set((seen?.consents ?? []).map((c) => c.partyId));
  const property = new Set((seen?.property ?? []).map((p) => p.itemId));
  const acts = new Set((seen?.history ?? []).map((act) => `${act.seq}:${act.action}`));
  return {
    view: {
      ...view,
      parties: view.parties.filter((p) => caseNumbersOf.has(String(p.party_id))).map((p) => ({
        ...p, case_numbers: ((p.case_numbers as string[] | undefined) ?? []).filter((n) => caseNumbersOf.get(String(p.party_id))!.has(n)),
      })),
      cases: view.cases.filter((c) => cases.has(String(c.case_number))),
      consents: view.consents.filter((c) => consents.has(String(c.party_id))),
      property: view.property.filter((p) => property.has(String(p.item_id))),
      // Its own notices only (recipient is this party): what was sent to others stays theirs.
      notices: seen ? view.notices.filter((n) => n.recipient_kind === 'party' && n.recipient === actor.partyId) : [],
    },
    timeline: timeline.filter((row) => acts.has(actOf(row) ?? '')),
  };
}
