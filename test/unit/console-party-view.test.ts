import { describe, expect, it } from 'vitest';
import { partyView } from '../../api/console/party-view';
import type { AuditRow, TransferView } from '../../api/console/read-models';
import { visibleTo } from '../../api/routes/transfer-views';
import type { Actor } from '../../workflows/shared/actor';
import type { TransferStatus } from '../../workflows/transfer/state';

const workflowId = 'transfer-91110105MA00000001';
const huaxin: Actor = { userId: 'creditor-huaxin', role: 'party', partyId: 'party-huaxin' };
const debtor: Actor = { userId: 'debtor-hengtai', role: 'party', partyId: 'party-hengtai' };
const officer: Actor = { userId: 'officer-wang', role: 'enforcement_officer', court: 'EC-110105' };

const officerAct = { userId: 'officer-wang', role: 'enforcement_officer' as const, court: 'EC-110105' };
const history = [
  { seq: 1, at: '2025-09-01T00:00:00Z', action: 'trigger', actor: officerAct, details: { cases: ['A1', 'B1'] } },
  { seq: 2, at: '2025-09-02T00:00:00Z', action: 'recordConsent', actor: officerAct, details: { partyId: 'party-jinhe' } },
  { seq: 3, at: '2025-09-03T00:00:00Z', action: 'recordConsent', actor: officerAct, details: { partyId: 'party-huaxin' } },
  { seq: 4, at: '2025-09-04T00:00:00Z', action: 'correctRecord', actor: officerAct, details: { corrects: 2 } },
  { seq: 5, at: '2025-09-05T00:00:00Z', action: 'correctRecord', actor: officerAct, details: { corrects: 1 } },
];

/** Only the parts of the status query the party view reads. */
const status = {
  workflowId, debtorPartyId: 'party-hengtai',
  parties: [
    { partyId: 'party-hengtai', name: '恒泰实业有限公司', kind: 'debtor', caseNumbers: ['A1', 'B1'] },
    { partyId: 'party-huaxin', name: '华信贸易有限公司', kind: 'creditor', caseNumbers: ['A1'] },
    { partyId: 'party-jinhe', name: '金禾商贸有限公司', kind: 'creditor', caseNumbers: ['B1'] },
  ],
  cases: [
    { caseNumber: 'A1', court: 'EC-110105', applicantIds: ['party-huaxin'] },
    { caseNumber: 'B1', court: 'EC-110105', applicantIds: ['party-jinhe'] },
  ],
  consents: [{ partyId: 'party-huaxin', reply: 'pending' }, { partyId: 'party-jinhe', reply: 'consented' }],
  property: [{ itemId: 'car', caseNumber: 'A1' }, { itemId: 'house', caseNumber: 'B1' }],
  history,
  scope: { processId: workflowId, homeCourt: 'EC-110105', involvedCourts: ['EC-110105'], partyIds: ['party-hengtai', 'party-huaxin', 'party-jinhe'] },
} as unknown as TransferStatus;

const readModel: TransferView = {
  transfer: { credit_code: '91110105MA00000001', stage: 'consent', stage_label: '征询', home_court: 'EC-110105', receiving_court: null, debtor_party_id: 'party-hengtai' },
  parties: status.parties.map((p) => ({ party_id: p.partyId, name: p.name, kind: p.kind, case_numbers: p.caseNumbers })),
  cases: status.cases.map((c) => ({ case_number: c.caseNumber })),
  consents: status.consents.map((c) => ({ party_id: c.partyId, reply: c.reply })),
  material: [{ item_key: 'decision' }],
  property: status.property.map((p) => ({ item_id: p.itemId, case_number: p.caseNumber })),
  notices: [{ recipient_kind: 'party', recipient: 'party-jinhe' }, { recipient_kind: 'party', recipient: 'party-huaxin', kind: 'objection_ruling' }, { recipient_kind: 'court', recipient: 'EC-110105' }],
};

const row = (eventKey: string, action: string): AuditRow => ({
  id: eventKey, event_key: eventKey, process_kind: 'transfer', process_id: workflowId, actor_id: 'officer-wang', actor_role: 'enforcement_officer',
  actor_court: 'EC-110105', action, reason: null, details: {}, occurred_at: new Date(0),
});
const timeline = [
  ...history.map((act) => row(`${workflowId}:0a1b2c3d:${act.seq}:${act.action}`, act.action)),
  row(`${workflowId}:workqueue:EC-110105:enforcement:v1`, 'workqueue.claim'),
];

describe('the console shows a party what the API shows it', () => {
  it('a creditor: its own party row, case, consent and property, the debtor, the acts of its API view, only the notices sent to it', () => {
    const { view, timeline: rows } = partyView(huaxin, readModel, timeline, visibleTo(huaxin, status));
    expect(view.parties).toEqual([
      { party_id: 'party-hengtai', name: '恒泰实业有限公司', kind: 'debtor', case_numbers: ['A1'] },
      { party_id: 'party-huaxin', name: '华信贸易有限公司', kind: 'creditor', case_numbers: ['A1'] },
    ]);
    expect(view.cases).toEqual([{ case_number: 'A1' }]);
    expect(view.consents).toEqual([{ party_id: 'party-huaxin', reply: 'pending' }]);
    expect(view.property).toEqual([{ item_id: 'car', case_number: 'A1' }]);
    expect(view.material).toEqual(readModel.material);
    expect(view.notices).toEqual([{ recipient_kind: 'party', recipient: 'party-huaxin', kind: 'objection_ruling' }]);
    expect(rows.map((r) => r.event_key.split(':').slice(2).join(':'))).toEqual(['1:trigger', '3:recordConsent', '5:correctRecord']);
  });

  it('a creditor whose API view could not be read sees none of the parties, cases or acts', () => {
    const { view, timeline: rows } = partyView(huaxin, readModel, timeline, undefined);
    expect([view.parties, view.cases, view.consents, view.property, view.notices, rows]).toEqual([[], [], [], [], [], []]);
  });

  it('court staff and the debtor see the whole read model and timeline', () => {
    for (const actor of [officer, debtor]) {
      expect(partyView(actor, readModel, timeline, visibleTo(actor, status))).toEqual({ view: readModel, timeline });
    }
  });
});
