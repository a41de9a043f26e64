// One preservation (财产保全) of the soak: a random but lawful walk through the API on the compressed
// profile (a day is 100 ms; a bank freeze lasts 30 days = 3 s, movables 4 s, real estate 5 s),
// built for collisions: measures taken at one instant with identical expiries, a pre-suit freeze
// lapsing at the very instant the 30 days to sue run out, renewals sent as the renewal reminders
// and the lapse-imminent escalation fall due, several acts on one process at once, identical
// renewals sent many times at once.
import type { Actor } from '../../workflows/shared/actor';
import { creditCodeFor } from '../fixtures/transfer-lifecycle';
import type { SoakClient } from './client';
import { Random, sleep } from './random';

const court = 'BPC-110105';
const staff = {
  clerk: { userId: 'soak-clerk', role: 'filing_clerk', court },
  judge: { userId: 'soak-trial-judge', role: 'trial_judge', court },
  officer: { userId: 'soak-officer', role: 'enforcement_officer', court },
} satisfies Record<string, Actor>;

const measureKinds = ['bank_deposit', 'movables', 'real_estate'] as const;

/**
 * The respondent of preservation `index`. The seizure register ranks seizures by debtor and asset
 * across processes, so with one respondent for all, nearly every measure queued behind another
 * process's seizure of the same asset and had no term: renewals were never taken and few terms
 * lapsed. One preservation in four still shares a respondent, so queued seizures moving up stay in
 * the walk.
 */
const respondentCode = (index: number, salt: number) => (index % 8 === 1 ? '91110105MA01ABCD13' : creditCodeFor(index, salt));

/** Today in China (the legal date of a release ruled now). */
const todayCst = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface MeasureView { measureId: string; status: string; renewBy: string; expiresAt: string }

/** Drives preservation number `index`; returns its workflow id, or undefined when the application was refused. */
export async function drivePreservation(client: SoakClient, index: number, salt: number, rnd: Random): Promise<string | undefined> {
  const kind = rnd.pick(['pre_suit', 'pre_suit', 'pre_arbitration', 'in_suit', 'in_suit'] as const);
  const applicationNumber = `SK${salt.toString(36)}${index}`;
  const id = `preservation-${court}-${applicationNumber}`;
  const path = (p = '') => `/preservations/${id}${p}`;
  const apply = await client.act(id, '/preservations', 'preservation.apply', staff.clerk, {
    court, applicationNumber, kind, urgent: rnd.chance(0.3),
    ...(kind === 'in_suit' ? { caseNumber: `(2025)京0105民初${index}号` } : { security: { kind: 'guarantee', amount: '1500000.00' } }),
    applicant: { partyId: `ap-${index}`, name: '甲公司' },
    respondent: { partyId: `re-${index}`, name: '乙公司', creditCode: respondentCode(index, salt) },
    amount: `${rnd.int(1, 9_999_999)}.00`,
    propertyNamed: ['银行存款', '房产'],
  });
  if (apply.outcome === 'refused') return undefined;
  const step = (p: string, action: string, actor: Actor, body: unknown) => client.act(id, path(p), action, actor, body);
  const ok = async (p: string, action: string, actor: Actor, body: unknown) => (await step(p, action, actor, body)).outcome !== 'refused';

  if (rnd.chance(0.3)) void client.burst(id, path('/risk-notice'), 'preservation.recordRiskNotice', staff.clerk, { note: '已告知' }, rnd.pick([1, 3]));
  // The ruling is due in 48 hours (0.2 s) or 5 days (0.5 s): sometimes it comes as that deadline fires.
  await sleep(rnd.int(0, 600));
  const ruler = kind === 'in_suit' ? staff.judge : staff.clerk;
  const granted = rnd.chance(0.9);
  const ruling = await step('/ruling', granted ? 'preservation.grant' : 'preservation.refuse', ruler, { decision: granted ? 'granted' : 'refused', reason: '符合条件' });
  if (!granted || ruling.outcome !== 'acked') return id;
  const ruledAt: string = (ruling.answer as { ruling: { at: string } }).ruling.at;

  // Measures: a group taken at the ruling's instant, of one kind (identical expiries), and others now.
  const count = rnd.int(1, 4);
  const together = rnd.chance(0.5) ? rnd.int(2, Math.max(2, count)) : 0;
  const groupKind = rnd.pick(measureKinds);
  const bodies = Array.from({ length: count }, (_, i) => ({
    measureId: `m${i + 1}`,
    kind: i < together ? groupKind : rnd.pick(measureKinds),
    asset: `财产${i + 1}`, location: '北京市朝阳区', rank: 1,
    ...(i < together ? { takenAt: ruledAt } : {}),
  }));
  const recorded = rnd.chance(0.5)
    ? await Promise.all(bodies.map((b) => step('/measures', 'preservation.recordMeasure', staff.officer, b)))
    : await bodies.reduce<Promise<Awaited<ReturnType<typeof step>>[]>>(async (done, b) => [...await done, await step('/measures', 'preservation.recordMeasure', staff.officer, b)], Promise.resolve([]));
  const measures = recorded.filter((r) => r.outcome === 'acked')
    .map((r) => ((r.answer as { measures: MeasureView[] }).measures.find((m) => m.measureId === (r.body as { measureId: string }).measureId))!);
  const started = Date.now();

  const work: Promise<unknown>[] = [];
  // Each measure: renewed as its reminders and lapse-imminent escalation fall due, released, or left to lapse.
  for (const m of measures) {
    const fate = rnd.next();
    if (fate < 0.4) {
      const at = Date.parse(m.renewBy) - rnd.int(-150, 700);
      const copies = rnd.pick([1, 1, 2, 5]);
      work.push(sleep(at - Date.now()).then(() =>
        client.burst(id, path(`/measures/${m.measureId}/renewal`), 'preservation.renewMeasure', staff.officer, { note: '申请续行' }, copies)));
    } else if (fate < 0.65) {
      work.push(sleep(rnd.int(0, 2500)).then(() => step(`/measures/${m.measureId}/release`, 'preservation.releaseMeasure', staff.officer, {
        // A release is a ruling with its number and date (releaseSchema): without them every release
        // was refused 422 and no measure was ever released by an act.
        reason: '被申请人提供担保', ruling: { number: `(2025)京0105执保${index}号之${m.measureId}`, ruledOn: todayCst() },
      })));
    }
  }
  let suit = kind === 'in_suit';
  if (!suit && rnd.chance(0.6)) {
    // Within the 30 days (3 s) to sue, or as they run out.
    suit = true;
    work.push(sleep(rnd.int(0, 3100)).then(() => step('/suit-filed', 'preservation.recordSuitFiled', staff.clerk, { caseNumber: `(2025)京0105民初${index}号`, forum: 'court' })));
  }
  if (rnd.chance(0.4)) {
    work.push((async () => {
      await sleep(rnd.int(0, 1500));
      const consult = await step('/consultations', 'preservation.consult', staff.officer, { consultationId: 'c1', question: '判决主文是否明确？' });
      // The answer is due in 15 days (1.5 s); some come late, some never.
      if (consult.outcome !== 'acked' || rnd.chance(0.25)) return;
      await sleep(rnd.int(0, 2000));
      await client.burst(id, path('/consultations/c1/answer'), 'preservation.answerConsultation', staff.judge, { answer: '主文明确，可以执行' }, rnd.pick([1, 2]));
    })());
  }
  await Promise.all(work);

  // The end: enforcement filed (measures convert) and concluded, or the case ends otherwise.
  // A pre-suit preservation without a suit ends by itself when its 30 days run out.
  await sleep(Math.max(0, 3200 - (Date.now() - started)) * rnd.next());
  if (suit && rnd.chance(0.5)) {
    if (await ok('/enforcement-filed', 'preservation.fileEnforcement', staff.officer, { enforcementCaseNumber: `(2025)京0105执${index}号` })) {
      await sleep(rnd.int(0, 1000));
      await step('/closure', 'preservation.closeCase', staff.judge, { outcome: 'enforcement_concluded', reason: '执行完毕' });
    }
    return id;
  }
  // Without a measure there is no pre-suit deadline: the case must be closed to end.
  if (suit || measures.length === 0 || rnd.chance(0.5)) {
    await step('/closure', 'preservation.closeCase', staff.clerk, { outcome: rnd.pick(['withdrawn', 'settled', 'lost'] as const), reason: '申请人撤回申请' });
  }
  return id;
}

export const preservationStaff = staff;
