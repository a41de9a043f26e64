// Notices that tell the parties themselves at the nodes where the transfer core told only courts:
// enforcement suspended, property handed over, enforcement resumed. Chinese, as the parties read it.
import type { Notice, TransferCase } from '../transfer/state';

function caseList(cases: TransferCase[]): string {
  return cases.map((c) => c.caseNumber).join('、');
}

export function suspensionToParty(key: string, partyId: string, cases: TransferCase[], decisionNumber: string): Notice {
  return {
    noticeKey: key, kind: 'party_suspension', recipientKind: 'party', recipient: partyId, caseNumber: cases[0]?.caseNumber,
    body: `依据${decisionNumber}移送决定书，执行案件${caseList(cases)}已中止执行，已采取的查封、扣押、冻结措施继续有效（指导意见第八条）。`,
  };
}

export function handOverRecorded(key: string, recipientKind: Notice['recipientKind'], to: string, receivingCourt: string): Notice {
  return {
    noticeKey: key, kind: 'hand_over_recorded', recipientKind, recipient: to,
    body: `执行法院已将未发放的款项、未分配的变价款、实际扣押的动产和有价证券等财产移交${receivingCourt}或者管理人；`
      + '所有权已经转移的财产不予移交，已发生的执行费用作为破产费用从债务人财产中随时清偿（指导意见第十五至十七条）。',
  };
}

export function resumedToParty(key: string, partyId: string, cases: TransferCase[]): Notice {
  return {
    noticeKey: key, kind: 'party_resumption', recipientKind: 'party', recipient: partyId, caseNumber: cases[0]?.caseNumber,
    body: `不予受理裁定已生效，材料和财产已退回，执行案件${caseList(cases)}恢复执行（指导意见第十八条）。你（单位）仍可依法直接向人民法院申请破产（指导意见第十九条）。`,
  };
}
