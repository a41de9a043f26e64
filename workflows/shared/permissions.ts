// The permission table: role × action × scope, in one place. The API checks it before calling
// Temporal; every workflow Update validator checks it again from the Actor passed in, so no path
// around the API can act. Pure data and a pure function: safe in workflow code.
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, Role } from './actor';

/**
 * Where an actor's court must stand relative to the process:
 * - home: the court that runs the process (the transfer's enforcement court, the preservation court);
 * - receiving: the transfer's receiving (bankruptcy) court;
 * - involved: home, receiving, or any court with an enforcement case in the process;
 * - own-case: a party named in the process (parties only);
 * - anywhere: no court condition (administrators, and starting a process in one's own court).
 */
export type Scope = 'home' | 'receiving' | 'involved' | 'own-case' | 'anywhere';

export const permissionTable = {
  // 执转破: enforcement-to-bankruptcy transfer
  'transfer.trigger': { enforcement_officer: 'anywhere' },
  'transfer.addCase': { enforcement_officer: 'anywhere' },
  'transfer.recordScreening': { enforcement_officer: 'home' },
  'transfer.recordConsent': { enforcement_officer: 'home', party: 'own-case' },
  'transfer.recordConsentService': { enforcement_officer: 'home' },
  'transfer.withdrawConsent': { enforcement_officer: 'home', party: 'own-case' },
  'transfer.propose': { enforcement_officer: 'home' },
  'transfer.panelReview': { panel_member: 'home' },
  'transfer.sign': { court_president: 'home' },
  'transfer.recordService': { enforcement_officer: 'home' },
  'transfer.docket': { bankruptcy_judge: 'receiving', filing_clerk: 'receiving' },
  'transfer.requestMaterial': { bankruptcy_judge: 'receiving' },
  'transfer.supplyMaterial': { enforcement_officer: 'home' },
  'transfer.accept': { bankruptcy_judge: 'receiving' },
  'transfer.reject': { bankruptcy_judge: 'receiving' },
  'transfer.recordAppeal': { bankruptcy_judge: 'receiving', enforcement_officer: 'home' },
  'transfer.recordRulingService': { bankruptcy_judge: 'receiving' },
  'transfer.declareBankruptcy': { bankruptcy_judge: 'receiving' },
  'transfer.dismissAfterAcceptance': { bankruptcy_judge: 'receiving' },
  // Raised by the party itself, or recorded by the receiving court that received it in writing.
  'transfer.raiseObjection': { party: 'own-case', filing_clerk: 'receiving', bankruptcy_judge: 'receiving' },
  'transfer.ruleOnObjection': { bankruptcy_judge: 'receiving' },
  'transfer.recordHandOver': { enforcement_officer: 'home' },
  'transfer.recordReturn': { enforcement_officer: 'home', bankruptcy_judge: 'receiving' },
  'transfer.requestSupervision': { enforcement_officer: 'home' },
  'transfer.suspendProcess': { supervisor: 'home' },
  'transfer.correctRecord': { supervisor: 'home' },
  'transfer.view': {
    // A bankruptcy judge sees it at the receiving court and at the higher court asked to supervise.
    enforcement_officer: 'involved', panel_member: 'home', court_president: 'home', bankruptcy_judge: 'involved',
    filing_clerk: 'involved', supervisor: 'involved', party: 'own-case', administrator: 'anywhere',
  },
  // Lists and searches (issue 16): a list shows the rows its row's scope reaches (listScope below),
  // never more than the one-process view row allows. A party's list holds only the transfers it is
  // named in; staff see their court's transfers and those their court is involved in.
  'transfer.list': {
    party: 'own-case', enforcement_officer: 'involved', panel_member: 'home', court_president: 'home', bankruptcy_judge: 'involved',
    filing_clerk: 'involved', supervisor: 'involved', administrator: 'anywhere',
  },
  'transfer.importCases': { enforcement_officer: 'anywhere', administrator: 'anywhere' },
  // Issue 5: the candidate worklist (officers of the debtor's courts), the higher court's supervision
  // order (its court joins the process's involved courts; the validator narrows to that court), and
  // the bankruptcy court's notice to known creditors (企业破产法 art. 14).
  'transfer.viewCandidates': { enforcement_officer: 'home', supervisor: 'home', administrator: 'anywhere' },
  'transfer.dismissCandidate': { enforcement_officer: 'anywhere', administrator: 'anywhere' },
  'transfer.recordSupervisionOrder': { bankruptcy_judge: 'involved', supervisor: 'involved' },
  'transfer.recordCreditorNotice': { bankruptcy_judge: 'receiving' },

  // 财产保全: preservation hand-off
  'preservation.apply': { filing_clerk: 'home' },
  'preservation.recordRiskNotice': { filing_clerk: 'home' },
  // The ruling endpoint's row: who may rule at all; the workflow narrows it by kind to the two below.
  'preservation.rule': { filing_clerk: 'home', trial_judge: 'home' },
  'preservation.ruleFilingDesk': { filing_clerk: 'home' },
  'preservation.ruleTrial': { trial_judge: 'home' },
  'preservation.recordMeasure': { enforcement_officer: 'home' },
  'preservation.reportExecution': { enforcement_officer: 'home' },
  'preservation.renewMeasure': { enforcement_officer: 'home' },
  'preservation.releaseMeasure': { enforcement_officer: 'home' },
  'preservation.recordSuitFiled': { filing_clerk: 'home' },
  'preservation.consult': { enforcement_officer: 'home' },
  'preservation.answerConsultation': { trial_judge: 'home' },
  'preservation.fileEnforcement': { filing_clerk: 'home', enforcement_officer: 'home' },
  'preservation.closeCase': { filing_clerk: 'home', trial_judge: 'home' },
  'preservation.view': {
    filing_clerk: 'home', trial_judge: 'home', enforcement_officer: 'home', supervisor: 'home',
    party: 'own-case', administrator: 'anywhere',
  },
  // A party lists the preservations naming it; a respondent's list keeps a pre-suit one out until
  // it is carried out (workflows/preservation/secrecy.ts).
  'preservation.list': {
    filing_clerk: 'home', trial_judge: 'home', enforcement_officer: 'home', supervisor: 'home', party: 'own-case', administrator: 'anywhere',
  },

  // 反干预 and administration
  'interference.record': {
    enforcement_officer: 'anywhere', panel_member: 'anywhere', court_president: 'anywhere', bankruptcy_judge: 'anywhere',
    filing_clerk: 'anywhere', trial_judge: 'anywhere', supervisor: 'anywhere',
  },
  // A supervisor reads the records made in its own court (recorded_by_court).
  'interference.view': { supervisor: 'home', administrator: 'anywhere' },
  'calendar.load': { administrator: 'anywhere' },
  'supervision.board': { supervisor: 'home', administrator: 'anywhere' },
  // Notices the dispatcher could not deliver: the supervisor of the notice's court (a transfer's
  // enforcement court, a process notice's own court) sees them and orders them sent again.
  'notices.view': { supervisor: 'home', administrator: 'anywhere' },
  'notices.redeliver': { supervisor: 'home', administrator: 'anywhere' },
  // Work queues of the console: claim and hand on within one's own court (division checked there).
  'workqueue.claim': {
    enforcement_officer: 'home', panel_member: 'home', court_president: 'home', bankruptcy_judge: 'home',
    filing_clerk: 'home', trial_judge: 'home', supervisor: 'home',
  },
  'workqueue.assign': {
    enforcement_officer: 'home', panel_member: 'home', court_president: 'home', bankruptcy_judge: 'home',
    filing_clerk: 'home', trial_judge: 'home', supervisor: 'home',
  },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof permissionTable;

/** What a process tells the permission check about itself. */
export interface ProcessScope {
  processId: string;
  homeCourt: string;
  receivingCourt?: string;
  /** Courts with enforcement cases in the transfer. */
  involvedCourts?: string[];
  /** Party ids named in the process. */
  partyIds?: string[];
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const roleNames: Record<Role, string> = {
  enforcement_officer: '执行法官', panel_member: '合议庭成员', court_president: '院长', bankruptcy_judge: '破产审判庭法官',
  filing_clerk: '立案庭', trial_judge: '审判庭法官', supervisor: '执行指挥中心', party: '当事人', administrator: '系统管理员', system: '系统',
};

function inScope(actor: Actor, scope: Scope, process: ProcessScope | undefined): boolean {
  if (scope === 'anywhere') return true;
  if (!process) return false;
  switch (scope) {
    case 'home':
      return actor.court !== undefined && actor.court === process.homeCourt;
    case 'receiving':
      return actor.court !== undefined && actor.court === process.receivingCourt;
    case 'involved':
      return actor.court !== undefined && [process.homeCourt, process.receivingCourt, ...(process.involvedCourts ?? [])].includes(actor.court);
    case 'own-case':
      return (
        actor.partyId !== undefined &&
        (process.partyIds ?? []).includes(actor.partyId) &&
        (actor.caseIds === undefined || actor.caseIds.includes(process.processId))
      );
  }
}

export function authorize(actor: Actor, action: Action, process?: ProcessScope): Decision {
  if (actor.role === 'system') return { allowed: true };
  const rule = permissionTable[action] as Partial<Record<Role, Scope>>;
  const scope = rule[actor.role];
  if (!scope) return { allowed: false, reason: roleRefusal(actor, action) };
  if (!inScope(actor, scope, process)) {
    const where = scope === 'own-case' ? 'a party to this case' : `of the ${scope} court of this case`;
    const who = scope === 'own-case' ? '本案当事人' : `${scopeNames[scope]}的${roleNames[actor.role]}`;
    return {
      allowed: false,
      reason: `仅${who}可进行此操作，${actor.userId}（${actor.court ?? '无所属法院'}）不是 (${action} needs a ${actor.role} ${where}; ${actor.userId} is not)`,
    };
  }
  return { allowed: true };
}

// Refusals are read by court staff and parties: Chinese first, the table's terms in parentheses
// for whoever reads the logs (issue 14's outside break met an English-only 403 at a renewal).
const scopeNames: Record<Exclude<Scope, 'own-case'>, string> = {
  home: '本案承办法院', receiving: '本案接收法院', involved: '本案相关法院', anywhere: '法院',
};

function roleRefusal(actor: Actor, action: Action): string {
  return `${roleNames[actor.role]}无权进行此操作 (${actor.role} may not ${action})`;
}

/**
 * What a list or search may show `actor` under `action` (a `*.list`/`*.view` row of the table):
 * the row's scope turned into a filter, so every list route reads the same table the one-process
 * check reads. `everything` for 'anywhere' (administrators, the system); `court` for the
 * court-bound scopes, with the actor's court and where it must stand; `party` for own-case;
 * `nothing` (with the table's reason) for a role without a row or staff without a court.
 */
export type ListScope =
  | { kind: 'everything' }
  | { kind: 'court'; court: string; standing: 'home' | 'receiving' | 'involved' }
  | { kind: 'party'; partyId: string; caseIds?: string[] }
  | { kind: 'nothing'; reason: string };

export function listScope(actor: Actor, action: Action): ListScope {
  if (actor.role === 'system') return { kind: 'everything' };
  const scope = (permissionTable[action] as Partial<Record<Role, Scope>>)[actor.role];
  if (!scope) return { kind: 'nothing', reason: roleRefusal(actor, action) };
  if (scope === 'anywhere') return { kind: 'everything' };
  if (scope === 'own-case') {
    if (actor.partyId === undefined) return { kind: 'nothing', reason: `${actor.userId}没有当事人编号 (${action} needs a party id)` };
    return { kind: 'party', partyId: actor.partyId, ...(actor.caseIds ? { caseIds: actor.caseIds } : {}) };
  }
  if (actor.court === undefined) return { kind: 'nothing', reason: `${actor.userId}没有所属法院 (${action} needs a ${actor.role} of a court)` };
  return { kind: 'court', court: actor.court, standing: scope };
}

/** True when `action`'s list shows `actor` anything at all (a console link or page to offer). */
export function mayList(actor: Actor, action: Action): boolean {
  return listScope(actor, action).kind !== 'nothing';
}

/** For Update validators: refuses with a Forbidden failure the API turns into a 403. */
export function assertAllowed(actor: Actor, action: Action, process?: ProcessScope): void {
  const decision = authorize(actor, action, process);
  if (!decision.allowed) throw ApplicationFailure.create({ type: 'Forbidden', message: decision.reason, nonRetryable: true });
}

/** For Update validators: a rule of the process (wrong stage, missing document) refused. */
export function refuse(type: 'WrongStage' | 'DocumentsMissing' | 'ValidationFailed' | 'TransferBarred' | 'NotFound', message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}
