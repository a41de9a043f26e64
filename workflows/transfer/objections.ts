// A party's objection to the transfer decision, raised at the receiving court during its review and
// dealt with there together with the acceptance (DOMAIN.md transfer step 5): recorded, then sustained
// or overruled with reasons by the bankruptcy judge; the ruling on acceptance waits for it, and a
// sustained one leaves only a ruling not to accept (./validators, objectionsSettled).
import { patched } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../shared/actor';
import * as m from './messages';
import type { TransferStage } from './stages';
import * as notices from './notices';
import { objectionDateOf, type Notice, type TransferState } from './state';
import * as v from './validators';

export const objectionPatch = 'transfer-objection-at-review';
// Issue 15 (leftover): the objecting party and the transferring court are told the outcome.
export const objectionNoticePatch = 'objection-ruling-notice';

export interface ObjectionDeps {
  state: TransferState;
  record(actor: Actor, action: string, opts?: { to?: TransferStage; reason?: string; details?: Record<string, unknown> }): number;
  persist(notices: Notice[]): Promise<void>;
  update<I extends { actor: Actor }>(
    def: UpdateDefinition<m.TransferAck, [I]>, validate: (c: v.ValidationContext, input: I) => void, handle: (input: I) => Promise<void>,
  ): void;
  /** A notice key unique to the latest act. */
  noticeKey(kind: string, to: string): string;
  /** The act's legal date as given, or (in runs that take legal dates) the moment of recording. */
  dated(given: string | undefined): string | undefined;
  nowIso(): string;
}

export function objectionsAtReview(d: ObjectionDeps): void {
  const { state, record, persist, nowIso } = d;

  d.update(m.raiseObjectionUpdate, v.validateObjection, async ({ actor, partyId, grounds, documentRef, raisedOn: givenRaisedOn, postedOn }) => {
    // Marks the histories that took this path; a worker without it cannot replay them.
    patched(objectionPatch);
    const raisedOn = d.dated(givenRaisedOn);
    const objections = (state.objections ??= []);
    const objectionId = `O${objections.length + 1}`;
    objections.push({
      objectionId, partyId, grounds, raisedAt: nowIso(), recordedBy: actor.userId, ...(documentRef ? { documentRef } : {}), ...(raisedOn ? { raisedOn } : {}),
      ...(postedOn ? { postedOn } : {}),
    });
    record(actor, 'raiseObjection', {
      reason: grounds,
      details: {
        objectionId, partyId, ...(documentRef ? { documentRef } : {}), ...(raisedOn ? { raisedOn } : {}),
        // Posted, it counts by its postmark (民事诉讼法 art. 85).
        ...(postedOn ? { postedOn, countsFrom: '以邮寄日为准（民事诉讼法第八十五条）' } : {}),
        effect: '受移送法院在破产审查中一并处理，处理前不作是否受理的裁定' },
    });
    await persist([]);
  });

  d.update(m.ruleOnObjectionUpdate, v.validateObjectionRuling, async ({ actor, objectionId, outcome, reasons, ruledOn: givenRuledOn }) => {
    patched(objectionPatch);
    const ruledOn = d.dated(givenRuledOn);
    const objection = state.objections!.find((o) => o.objectionId === objectionId)!;
    objection.ruling = { outcome, reasons, ruledAt: nowIso(), by: actor.userId, ...(ruledOn ? { ruledOn } : {}) };
    record(actor, 'ruleOnObjection', {
      reason: `${outcome === 'sustained' ? '异议成立，应裁定不予受理' : '异议不成立，予以驳回'}：${reasons}`,
      details: { objectionId, partyId: objection.partyId, outcome, ...(ruledOn ? { ruledOn } : {}) },
    });
    // The objecting party and the court whose decision it objected to learn the outcome (GO art. 7).
    const told = patched(objectionNoticePatch)
      ? [{ kind: 'party' as const, to: objection.partyId }, { kind: 'court' as const, to: state.homeCourt }].map(({ kind, to }) => notices.objectionRuled(
        d.noticeKey('objection-ruling', to), kind, to,
        { objectionId, outcome, reasons, raisedOn: objectionDateOf(objection), posted: objection.postedOn !== undefined, ruledOn }, state.decision?.decisionNumber,
      ))
      : [];
    await persist(told);
  });
}
