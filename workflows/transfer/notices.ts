// The notices the transfer sends, in the Chinese the recipients read. The workflow decides who gets
// what; the outbox (transfer_notices) and its delivery worker send them.
import { cstIso } from '../clock/cst';
import type { Notice, PropertyRecord, TransferCase } from './state';

/**
 * A period's last instant (ISO) as a party reads it: `2026年12月17日` when it ends at 24:00 of a day,
 * as statutory periods do (民事诉讼法 art. 85), else with the hour and minute (`2026年12月2日18时24分`,
 * a period in hours or a compressed test clock). China time. An ISO string not a date stays as given.
 */
export function dueInWords(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(cstIso(ms))!;
  const day = `${y}年${Number(mo)}月${Number(d)}日`;
  return cstIso(ms).slice(11, 23) === '23:59:59.999' ? day : `${day}${Number(h)}时${mi}分`;
}

function caseList(cases: TransferCase[]): string {
  return cases.map((c) => c.caseNumber).join('、');
}

/** 释明 (GO art. 4): what a transfer means for the party, sent with the consent request. */
export function consentRequest(key: string, creditCode: string, partyId: string, cases: TransferCase[], replyBy: string): Notice {
  return {
    noticeKey: key, kind: 'consent_request', recipientKind: 'party', recipient: partyId,
    body: `本院在执行${caseList(cases)}案件中，发现被执行人（统一社会信用代码${creditCode}）不能清偿到期债务，且资产不足以清偿全部债务或者明显缺乏清偿能力。`
      + '依照《最高人民法院关于执行案件移送破产审查若干问题的指导意见》第四条，现征询您是否同意将执行案件移送破产审查。'
      + '释明：移送后，各执行法院对被执行人中止执行；破产申请被受理后，执行程序终结，债权在破产程序中依法公平受偿；'
      + '无人同意移送的，执行程序继续，按查封、扣押、冻结的先后顺序清偿。'
      + `请于${replyBy}前书面答复；同意后可在移送决定作出前撤回。`,
  };
}

export function decisionService(key: string, partyId: string, decisionNumber: string, receivingCourt: string): Notice {
  return {
    noticeKey: key, kind: 'decision_service', recipientKind: 'party', recipient: partyId,
    body: `本院已作出${decisionNumber}移送决定书，将被执行人移送${receivingCourt}进行破产审查。对移送决定有异议的，可在受移送法院破产审查期间提出。`,
  };
}

/** GO art. 8: suspend, except perishable goods, which may be sold with the proceeds kept. */
export function suspension(key: string, court: string, cases: TransferCase[], perishable: PropertyRecord[], decisionNumber: string): Notice {
  const exception = perishable.length
    ? `其中${perishable.map((p) => p.description).join('、')}属鲜活、易腐烂变质或者不宜长期保存的物品，可以继续变价，变价款不得分配，留存待破产程序处理。`
    : '鲜活、易腐烂变质或者不宜长期保存的物品可以继续变价，变价款不得分配。';
  return {
    noticeKey: key, kind: 'suspension', recipientKind: 'court', recipient: court, caseNumber: cases[0]?.caseNumber,
    body: `依据${decisionNumber}移送决定书，请对被执行人的执行案件${caseList(cases)}中止执行，已采取的查封、扣押、冻结措施继续有效。${exception}`,
  };
}

/** A court enforcing against the debtor whose case never joined the transfer is told to suspend too (GO art. 8; issue 15). */
export function suspensionOfRegistered(key: string, court: string, caseNumbers: string[], decisionNumber: string): Notice {
  return {
    noticeKey: key, kind: 'suspension', recipientKind: 'court', recipient: court, caseNumber: caseNumbers[0],
    body: `依据${decisionNumber}移送决定书，被执行人已移送破产审查。贵院登记的对该被执行人的执行案件${caseNumbers.join('、')}未并入移送程序，`
      + '请一并中止执行，已采取的查封、扣押、冻结措施继续有效；可依法并入移送程序（指导意见第八条）。',
  };
}

export function transferPackage(key: string, receivingCourt: string, decisionNumber: string): Notice {
  return {
    noticeKey: key, kind: 'transfer_package', recipientKind: 'court', recipient: receivingCourt,
    body: `随${decisionNumber}移送决定书移送执行案件材料六项（指导意见第十条），请依法立案（破申）并移交破产审判庭审查。`,
  };
}

export function rulingService(key: string, recipient: Notice['recipientKind'], to: string, accepted: boolean, rulingNumber: string): Notice {
  return {
    noticeKey: key, kind: 'ruling_service', recipientKind: recipient, recipient: to,
    body: accepted
      ? `本院已作出${rulingNumber}民事裁定，受理对被执行人的破产申请。执行法院应于收到裁定后七日内移交未发放的款项、未分配的变价款、实际扣押的动产和有价证券等财产。`
      : `本院已作出${rulingNumber}民事裁定，不予受理对被执行人的破产申请。裁定生效后七日内退回材料和财产，执行法院恢复执行。当事人仍可依法直接申请破产。`,
  };
}

/** 企业破产法 art. 12 para. 2 with GO art. 18: the dismissal served, what follows once it takes effect. */
export function dismissalService(key: string, recipient: Notice['recipientKind'], to: string, rulingNumber: string): Notice {
  return {
    noticeKey: key, kind: 'ruling_service', recipientKind: recipient, recipient: to,
    body: `本院受理对被执行人的破产申请后，经审查发现债务人不符合破产条件，已作出${rulingNumber}民事裁定，驳回破产申请（企业破产法第十二条第二款）。`
      + '申请人不服的，可以自裁定送达之日起十日内向上一级人民法院提起上诉。裁定生效后七日内将材料和已移交的财产退回执行法院，'
      + '执行法院恢复执行（指导意见第十八条）；尚未解除的查封、扣押、冻结措施继续有效。',
  };
}

export function enforcementEnded(key: string, court: string, cases: TransferCase[], resumed: boolean): Notice {
  return {
    noticeKey: key, kind: resumed ? 'enforcement_resumed' : 'enforcement_terminated', recipientKind: 'court', recipient: court,
    caseNumber: cases[0]?.caseNumber,
    body: resumed
      ? `材料和财产已退回，请恢复执行${caseList(cases)}（指导意见第十八条）。`
      : `被执行人已被宣告破产，请裁定终结执行${caseList(cases)}（指导意见第二十条）。`,
  };
}

/**
 * The outcome of a party's objection to the transfer decision, dealt with by the receiving court during
 * its review (GO art. 7: 申请执行人或被执行人对决定有异议的，可以在受移送法院破产审查期间提出，由受移送法院
 * 一并处理), told to the objecting party and the transferring court. `raisedOn`, `ruledOn`: CST dates;
 * `raisedOn` is the objection's date in law, its postmark when `posted`.
 */
export function objectionRuled(
  key: string, recipient: Notice['recipientKind'], to: string,
  o: { objectionId: string; outcome: 'sustained' | 'overruled'; reasons: string; raisedOn?: string; posted?: boolean; ruledOn?: string }, decisionNumber: string | undefined,
): Notice {
  const who = recipient === 'party' ? '你（单位）' : '当事人';
  // A posted objection is dated by its postmark (民事诉讼法 art. 85), and says so.
  const raised = o.raisedOn ? `于${o.raisedOn.slice(0, 10)}${o.posted ? '以邮寄方式' : ''}` : '';
  const ruled = o.ruledOn ? `，${o.ruledOn.slice(0, 10)}` : '';
  const outcome = o.outcome === 'sustained'
    ? '异议成立，本院将依法裁定不予受理破产申请'
    : '异议不成立，予以驳回，本院将依法对是否受理破产申请作出裁定';
  return {
    noticeKey: key, kind: 'objection_ruling', recipientKind: recipient, recipient: to,
    body: `${who}${raised}对${decisionNumber ? `${decisionNumber}移送决定书` : '移送决定'}提出的异议（${o.objectionId}），`
      + `本院在破产审查中一并处理（指导意见第七条）${ruled}经审查认为${outcome}。理由：${o.reasons}`,
  };
}
