// One transfer (执转破) of the soak: a random but lawful walk through the API on the compressed
// profile (a day is 100 ms), timed so acts meet the deadlines they belong to — consents arriving
// as the 15-day reply window closes, a service as its 5 days run out, a ruling near the end of
// its 30 days — with identical replies sent many times at once. Each act is sent as a person
// would: once it is refused because the process moved on (no consent, say), the walk ends there.
import type { Actor } from '../../workflows/shared/actor';
import { creditCodeFor } from '../fixtures/transfer-lifecycle';
import type { SoakClient } from './client';
import { Random, sleep } from './random';

const home = 'BPC-110105';
const staff = {
  officer: { userId: 'soak-officer', role: 'enforcement_officer', court: home },
  panel: { userId: 'soak-panel', role: 'panel_member', court: home },
  president: { userId: 'soak-president', role: 'court_president', court: home },
  clerk: { userId: 'soak-clerk', role: 'filing_clerk', court: 'IPC-110100' },
  judge: { userId: 'soak-judge', role: 'bankruptcy_judge', court: 'IPC-110100' },
} satisfies Record<string, Actor>;

const party = (partyId: string): Actor => ({ userId: `party-${partyId}`, role: 'party', partyId });
/** Registers the debtor's cases of every court, as each court's case system would. */
const admin: Actor = { userId: 'soak-admin', role: 'administrator' };

/** Today in China (the legal date of a service recorded now). */
const todayCst = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Drives transfer number `index`; returns its workflow id, or undefined when the trigger was not acknowledged. */
export async function driveTransfer(client: SoakClient, index: number, salt: number, rnd: Random): Promise<string | undefined> {
  const code = creditCodeFor(index, salt);
  const id = `transfer-${code}`;
  const at = (path: string) => `/transfers/${code}${path}`;
  const debtor = `debtor-${code.slice(-8)}`;
  const creditors = Array.from({ length: rnd.int(1, 3) }, (_, i) => `cr-${code.slice(-6)}-${i + 1}`);
  const cases = creditors.map((partyId, i) => ({
    // The whole organisation part: two debtors never share a case number (the registry keys cases by it).
    caseNumber: `(2025)京0105执${code.slice(8)}${i}号`,
    // A second enforcing court now and then: one suspension notice per court.
    court: i > 0 && rnd.chance(0.3) ? 'BPC-110108' : home,
    applicants: [{ partyId, name: `申请执行人${i + 1}` }],
    property: [],
  }));
  await client.register(admin, cases.map((c) => ({
    court: c.court, caseNumber: c.caseNumber, debtorCreditCode: code, debtorKind: 'enterprise_legal_person', applicantCount: 1,
    outstandingCents: 10_000_000, status: 'closed_no_property', filedOn: '2025-01-15', closedOn: '2025-07-01', applicants: c.applicants,
  })));
  const trigger = await client.act(id, '/transfers', 'trigger', staff.officer, {
    creditCode: code,
    debtor: { partyId: debtor, name: '某某贸易有限公司' },
    cases,
    investigation: { conductedOn: '2025-09-01', networkSearch: true, outcome: 'none', findings: '网络查控未发现可供执行的财产' },
  });
  if (trigger.outcome === 'refused') return undefined;
  const step = async (path: string, action: string, actor: Actor, body: unknown) =>
    (await client.act(id, at(path), action, actor, body)).outcome !== 'refused';

  // Screening at once after the 201: never refused because the workflow had not opened yet.
  if (!(await step('/screening', 'recordScreening', staff.officer, {
    enterpriseLegalPerson: true,
    insolvency: { debtsCents: 50_000_000, assetsFoundCents: 1_000_000, unsatisfiedCases: cases.length, terminatedForNowCases: 1, evidence: '终本1件' },
  }))) return id;

  // Replies over the 15-day window (1.5 s): some arrive as it closes, some after; identical
  // consents sent up to 20 times at once by one party.
  await Promise.all([...creditors, debtor].map(async (partyId) => {
    const choice = rnd.next();
    if (choice > 0.75) return;
    const consents = choice < 0.6;
    const delay = rnd.int(0, 1800);
    const copies = rnd.pick([1, 1, 1, 2, 5, 20]);
    const withdraw = consents && rnd.chance(0.1) ? rnd.int(0, 500) : undefined;
    await sleep(delay);
    const body = { partyId, consents, documentRef: `doc:${partyId}` };
    const reply = await client.burst(id, at('/consents'), consents ? 'consentGiven' : 'consentRefused', party(partyId), body, copies);
    if (reply.outcome !== 'acked' || withdraw === undefined) return;
    await sleep(withdraw);
    await client.act(id, at(`/consents/${partyId}/withdraw`), 'withdrawConsent', party(partyId), { reason: '撤回同意' });
  }));

  await sleep(rnd.int(0, 600));
  const proposal = { reasons: '符合移送条件', documents: { distributedPropertyList: 'doc:dist', debtList: 'doc:debts', other: [] } };
  for (let round = 0; ; round++) {
    if (!(await step('/proposal', 'propose', staff.officer, proposal))) return id;
    const panelAgrees = round > 0 || rnd.chance(0.85);
    if (!(await step('/panel-review', panelAgrees ? 'panelAgreed' : 'panelSentBack', staff.panel, { agree: panelAgrees, reasons: panelAgrees ? '同意移送' : '材料不全，退回补正' }))) return id;
    if (!panelAgrees) continue;
    const signs = round > 0 || rnd.chance(0.9);
    const signature = signs ? { sign: true, decisionNumber: `(2025)京0105执移${code.slice(-6)}号` } : { sign: false, reasons: '请补充说明' };
    if (!(await step('/signature', signs ? 'signDecision' : 'presidentSentBack', staff.president, signature))) return id;
    if (signs) break;
  }

  const parties = [...creditors, debtor];
  // The decision is served within 5 days (0.5 s), or just after them.
  await sleep(rnd.int(0, 900));
  if (!(await step('/service', 'serveDecision', staff.officer, { servedPartyIds: parties, servedOn: todayCst() }))) return id;
  await sleep(rnd.int(0, 300));
  if (!(await step('/receipt', 'docket', staff.clerk, { docketNumber: `(2025)京01破申${code.slice(-6)}号` }))) return id;
  if (rnd.chance(0.3)) {
    if (!(await step('/material-requests', 'requestMaterial', staff.judge, { items: ['债权人清册'], reason: '材料不全' }))) return id;
    // The supplementation period is 10 days (1 s).
    await sleep(rnd.int(0, 1500));
    if (!(await step('/material-supplies', 'supplyMaterial', staff.officer, { requestId: 'R1', documents: ['doc:creditors'] }))) return id;
  }
  // The ruling falls within the 30 days (3 s) or at their end.
  await sleep(rnd.int(0, 3500));
  const accepts = rnd.chance(0.7);
  const rulingNumber = `(2025)京01破申${code.slice(-6)}号之一`;
  if (!(await step(accepts ? '/acceptance' : '/rejection', accepts ? 'acceptTransfer' : 'rejectTransfer', staff.judge,
    accepts ? { rulingNumber } : { rulingNumber, reasons: '不符合受理条件' }))) return id;
  await sleep(rnd.int(0, 900));
  if (!(await step('/ruling-service', 'serveRuling', staff.judge, { servedPartyIds: parties, servedOn: todayCst() }))) return id;
  if (accepts) {
    await sleep(rnd.int(0, 1000));
    if (!(await step('/hand-over', 'recordHandOver', staff.officer, { items: [], seizures: [], enforcementCosts: [] }))) return id;
    await step('/bankruptcy-declaration', 'declareBankruptcy', staff.judge, { rulingNumber: `(2025)京01破${code.slice(-6)}号` });
    return id;
  }
  // The rejection takes effect when the 10-day appeal window has passed (and the posting margin):
  // the officer records the return once the transfer shows it may be recorded.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const view = await client.read(`/transfers/${code}`, staff.officer);
    if (view.status === 200 && (view.body?.allowedActions ?? []).some((a: { action: string }) => a.action === 'transfer.recordReturn')) break;
    await sleep(300);
  }
  await step('/return', 'recordReturn', staff.officer, { itemIds: [], materialReturned: true });
  return id;
}

export const transferStaff = staff;
