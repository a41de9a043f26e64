// The transfer's messages, declared once and imported by the workflow and the API. Each Update
// takes one XxxInput object (with the acting Actor) so it can grow without breaking callers.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptanceInput, AddCaseInput, BankruptcyDeclarationInput, ConsentReplyInput, ConsentServiceInput, DismissalInput, HandOverInput, MaterialRequestInput,
  MaterialSupplyInput, ObjectionInput, ObjectionRulingInput, PanelReviewInput, ProposalInput, ReceiptInput, RejectionInput, ReturnInput, ScreeningInput,
  ServiceInput, SignatureInput, WithdrawConsentInput,
} from '../../api/schemas/transfer';
import type {
  AppealInput, CorrectionInput, CreditorNoticeInput, SupervisionOrderInput, SupervisionRequestInput, SuspensionInput,
} from '../../api/schemas/transfer-around';
import type { TransferStatus } from './state';

/** What every accepted Update answers: where the transfer now stands. */
export type TransferAck = { stage: TransferStatus['stage']; seq: number };

export const addCaseUpdate = defineUpdate<TransferAck, [AddCaseInput]>('addCase');
export const recordScreeningUpdate = defineUpdate<TransferAck, [ScreeningInput]>('recordScreening');
export const recordConsentUpdate = defineUpdate<TransferAck, [ConsentReplyInput]>('recordConsent');
export const recordConsentServiceUpdate = defineUpdate<TransferAck, [ConsentServiceInput]>('recordConsentService');
export const withdrawConsentUpdate = defineUpdate<TransferAck, [WithdrawConsentInput]>('withdrawConsent');
export const proposeUpdate = defineUpdate<TransferAck, [ProposalInput]>('propose');
export const panelReviewUpdate = defineUpdate<TransferAck, [PanelReviewInput]>('reviewProposal');
export const signUpdate = defineUpdate<TransferAck, [SignatureInput]>('sign');
export const recordServiceUpdate = defineUpdate<TransferAck, [ServiceInput]>('recordService');
export const docketUpdate = defineUpdate<TransferAck, [ReceiptInput]>('docket');
export const requestMaterialUpdate = defineUpdate<TransferAck, [MaterialRequestInput]>('requestMaterial');
export const supplyMaterialUpdate = defineUpdate<TransferAck, [MaterialSupplyInput]>('supplyMaterial');
export const acceptUpdate = defineUpdate<TransferAck, [AcceptanceInput]>('accept');
export const rejectUpdate = defineUpdate<TransferAck, [RejectionInput]>('reject');
export const recordHandOverUpdate = defineUpdate<TransferAck, [HandOverInput]>('recordHandOver');
export const recordReturnUpdate = defineUpdate<TransferAck, [ReturnInput]>('recordReturn');
export const declareBankruptcyUpdate = defineUpdate<TransferAck, [BankruptcyDeclarationInput]>('declareBankruptcy');
/** 企业破产法 art. 12 para. 2: the application dismissed after acceptance (./dismissal). */
/** A party's objection to the transfer decision at the receiving court, and its handling (./objections). */
export const raiseObjectionUpdate = defineUpdate<TransferAck, [ObjectionInput]>('raiseObjection');
export const ruleOnObjectionUpdate = defineUpdate<TransferAck, [ObjectionRulingInput]>('ruleOnObjection');
export const dismissAfterAcceptanceUpdate = defineUpdate<TransferAck, [DismissalInput]>('dismissAfterAcceptance');

// Issue 5: appeal against a rejection, the higher court's supervision, known creditors, corrections.
export const recordAppealUpdate = defineUpdate<TransferAck, [AppealInput]>('recordAppeal');
export const requestSupervisionUpdate = defineUpdate<TransferAck, [SupervisionRequestInput]>('requestSupervision');
export const recordSupervisionOrderUpdate = defineUpdate<TransferAck, [SupervisionOrderInput]>('recordSupervisionOrder');
export const recordCreditorNoticeUpdate = defineUpdate<TransferAck, [CreditorNoticeInput]>('recordCreditorNotice');
export const suspendProcessUpdate = defineUpdate<TransferAck, [SuspensionInput]>('suspendProcess');
export const resumeProcessUpdate = defineUpdate<TransferAck, [SuspensionInput]>('resumeProcess');
export const correctRecordUpdate = defineUpdate<TransferAck, [CorrectionInput]>('correctRecord');

export const statusQuery = defineQuery<TransferStatus>('status');
