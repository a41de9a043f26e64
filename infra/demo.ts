// `npm run demo`: one full transfer (执转破) through the HTTP API of a running engine, from the
// import of enforcement cases and the trigger to the acceptance ruling and the hand-over, each step
// printed in Chinese and English, with the workflow's page in the Temporal UI. It acts as the demo
// people (infra/auth/demo-users.ts) with tokens signed by the engine's JWT_SECRET, and uses the
// statute profile the engine runs: start the engine with STATUTE_PROFILE=compressed for a demo that
// takes seconds (under the statutory profile the deadlines are days long, and the steps still run).
//
//   STATUTE_PROFILE=compressed npm start      # one terminal
//   npm run demo                              # another; DEMO_API_URL=http://host:port to point elsewhere
import { randomInt } from 'node:crypto';
import { mintToken } from '../api/http/auth';
import { cstDateOf } from '../workflows/clock/cst';
import { creditCodeCheckCharacter } from '../workflows/shared/identifiers';
import { demoCourts, demoUser } from './auth/demo-users';
import { loadConfig } from './config';

const config = loadConfig();
const api = process.env.DEMO_API_URL ?? `http://${config.API_HOST}:${config.API_PORT}`;
// The Web UI on TEMPORAL_UI_PORT is the embedded dev server's; a cluster named by TEMPORAL_ADDRESS
// (the local cluster has no UI) is shown with the CLI unless DEMO_TEMPORAL_UI_URL names its UI.
const ui = process.env.DEMO_TEMPORAL_UI_URL ?? (config.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`);
function whereToWatch(workflowId: string): string {
  return ui
    ? `Temporal UI ${ui}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows/${workflowId}`
    : `Temporal: .tools/bin/temporal workflow show --address ${config.TEMPORAL_ADDRESS} -n ${config.TEMPORAL_NAMESPACE} -w ${workflowId}`;
}

/** A fresh enterprise code registered in Chaoyang, Beijing (110105): its receiving court is IPC-110100. */
function newCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91110105${Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

// Legal dates are CST calendar dates: the UTC date is the day before from 16:00 UTC (00:00 CST) on,
// which the API refuses as a service before the ruling it serves.
function todayCst(): string {
  return cstDateOf(Date.now());
}

const tokens = new Map<string, string>();
async function tokenOf(userId: string): Promise<string> {
  if (!tokens.has(userId)) tokens.set(userId, await mintToken(config.JWT_SECRET, demoUser(userId)!));
  return tokens.get(userId)!;
}

type Json = { stage?: string; stageLabel?: string; history?: unknown[]; [field: string]: unknown };

async function call(userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(userId)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) as Json };
}

let step = 0;
async function act(userId: string, zh: string, en: string, method: string, path: string, body?: unknown): Promise<Json> {
  step++;
  const who = demoUser(userId)?.displayName ?? userId;
  const res = await call(userId, method, path, body);
  const ok = res.status < 300;
  console.log(`${String(step).padStart(2)}. ${ok ? '✔' : '✘'} ${who}：${zh}\n      ${en} — ${method} ${path} → ${res.status}${res.body.stage ? ` (stage ${res.body.stage})` : ''}`);
  if (!ok) {
    console.error(`      ${JSON.stringify(res.body)}`);
    process.exit(1);
  }
  return res.body;
}

async function waitForStage(code: string, stage: string): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    const res = await call('officer-wang', 'GET', `/transfers/${code}`);
    if (res.status === 200 && res.body.stage === stage) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`the transfer never reached ${stage}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const health = await fetch(`${api}/healthz`).catch(() => undefined);
  if (!health?.ok) {
    console.error(`no engine at ${api}: start it first (STATUTE_PROFILE=compressed npm start), or set DEMO_API_URL`);
    process.exit(1);
  }
  const code = newCreditCode();
  const workflowId = `transfer-${code}`;
  const court = demoCourts.enforcement;
  const cases = [`(2025)京0105执${randomInt(10_000, 99_999)}号`, `(2025)京0105执${randomInt(10_000, 99_999)}号`];
  const debtor = demoUser('debtor-hengtai')!.partyId!;
  const creditor = demoUser('creditor-huaxin')!.partyId!;
  console.log(`执转破演示 (enforcement-to-bankruptcy transfer demo)\n  engine ${api}\n  debtor 恒泰实业 ${code}\n  ${whereToWatch(workflowId)}\n`);

  await act('officer-wang', '导入本院两件执行案件（其中一件终本）', 'import two enforcement cases, one closed for lack of property', 'POST', '/enforcement-cases/import', {
    rows: cases.map((caseNumber, i) => ({
      court, caseNumber, debtorCreditCode: code, debtorKind: 'enterprise_legal_person', applicantCount: 1, outstandingCents: 1_200_000_00,
      status: i === 0 ? 'closed_no_property' : 'open', filedOn: '2025-01-15', ...(i === 0 ? { closedOn: '2025-07-01' } : {}),
      applicants: [{ partyId: creditor, name: '华信贸易有限公司' }],
    })),
  });
  await act('officer-wang', '财产调查无可供执行财产，启动移送', 'no enforceable property found: trigger the transfer', 'POST', '/transfers', {
    creditCode: code,
    debtor: { partyId: debtor, name: '恒泰实业有限公司' },
    cases: cases.map((caseNumber, i) => ({
      caseNumber, court, applicants: [{ partyId: creditor, name: '华信贸易有限公司' }],
      property: i === 0 ? [{ itemId: 'cash-1', kind: 'money', description: '已扣划未发放的执行款8万元', valueCents: 80_000_00 }] : [],
    })),
    investigation: { conductedOn: '2025-09-01', networkSearch: true, outcome: 'none', findings: '网络查控未发现存款、车辆、不动产' },
  });
  await waitForStage(code, 'screening');
  await act('officer-wang', '移送审查：企业法人，不能清偿到期债务且资产不足', 'screening (GO art. 2): enterprise legal person, insolvent', 'POST', `/transfers/${code}/screening`, {
    enterpriseLegalPerson: true,
    insolvency: { debtsCents: 2_400_000_00, assetsFoundCents: 80_000_00, unsatisfiedCases: 2, terminatedForNowCases: 1, evidence: '终本案件1件，查控无财产' },
  });
  await act('creditor-huaxin', '申请执行人书面同意移送', 'the creditor consents in writing', 'POST', `/transfers/${code}/consents`, {
    partyId: creditor, consents: true, documentRef: 'doc:demo-consent-huaxin',
  });
  await act('officer-wang', '提请移送', 'propose the transfer to the panel', 'POST', `/transfers/${code}/proposal`, {
    reasons: '被执行人符合移送破产审查条件', documents: { distributedPropertyList: 'doc:demo-distributed', debtList: 'doc:demo-debts', other: [] },
  });
  await act('panel-li', '合议庭评议同意', 'the panel agrees', 'POST', `/transfers/${code}/panel-review`, { agree: true, reasons: '同意移送' });
  await act('president-zhao', '院长签发移送决定书', 'the president signs the transfer decision', 'POST', `/transfers/${code}/signature`, {
    sign: true, decisionNumber: `(2025)京0105执移${randomInt(100, 999)}号`,
  });
  await act('officer-wang', '向申请执行人和被执行人送达移送决定书', 'serve the decision on every party', 'POST', `/transfers/${code}/service`, {
    servedPartyIds: [debtor, creditor], servedOn: todayCst(),
  });
  await act('clerk-ma', '受移送法院立案庭接收材料，立破申案件', 'the receiving court dockets the package', 'POST', `/transfers/${code}/receipt`, {
    docketNumber: `(2025)京01破申${randomInt(100, 999)}号`,
  });
  await waitForStage(code, 'under_review');
  await act('judge-chen', '破产审判庭裁定受理', 'the bankruptcy judge accepts', 'POST', `/transfers/${code}/acceptance`, {
    rulingNumber: `(2025)京01破${randomInt(100, 999)}号`,
  });
  await act('judge-chen', '送达受理裁定', 'serve the acceptance ruling', 'POST', `/transfers/${code}/ruling-service`, {
    servedPartyIds: [debtor, creditor], servedOn: todayCst(),
  });
  await act('officer-wang', '移交未发放的执行款', 'hand over the money not yet paid out', 'POST', `/transfers/${code}/hand-over`, {
    items: [{ itemId: 'cash-1', to: 'administrator' }], seizures: [],
  });
  const final = await act('judge-chen', '通知已知债权人并公告受理', 'known creditors notified, acceptance announced', 'POST', `/transfers/${code}/creditor-notice`, {
    notifiedOn: todayCst(), announcementRef: 'demo:announcement',
  });
  const status = await call('officer-wang', 'GET', `/transfers/${code}`);
  console.log(`\n结果 (outcome): ${status.body.stageLabel ?? final.stage} (${final.stage}), ${status.body.history?.length ?? '?'} 条记录 (recorded acts)`);
  console.log(whereToWatch(workflowId));
}

await main();
