// No English on a staff page (issue 17, "Done when"): as each staff role and a party, every console
// page reachable from the navigation and the process pages is read for a transfer and a preservation
// in several stages — refused forms with their field errors, a workflow's refusal of a stale form, a
// lapsed deadline, notices (one given up on), issued documents, the board — and any Latin-letter word
// outside the short list of what the law prints fails the test, naming the page and the word.
// Pages are fetched over HTTP from the app (each role by its own session cookie) and read in Chromium
// (DOMParser: text nodes and the attributes a person reads); a few are also opened in the browser to
// compare with what it renders (innerText).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities/index';
import { sweepCandidates } from '../../activities/candidates/worklist';
import { mintToken } from '../../api/http/auth';
import { demoCourts, demoUser, type DemoUserId } from '../../infra/auth/demo-users';
import type { Config } from '../../infra/config';
import { isEnterpriseCode } from '../../workflows/shared/identifiers';
import { newCreditCode, registerCases } from '../fixtures/transfer';
import type { TestDatabase } from '../support/database';
import { withWorker } from '../support/temporal';
import type { BrowserHarness } from './browser';
import { serveConsole, type ConsoleHarness } from './console-harness';

/**
 * What the law prints in Latin letters, and nothing else: unified social credit codes (GB 32100-2015,
 * 18 characters, checked by their check character), national standards the pages cite (GB 32100-2015,
 * GB/T 9704), and the words of paper: PDF, A4. Case and
 * document numbers ((2025)京0105执1001号) have no Latin letters. One place more: the 编号 column of a
 * transfer's 当事人 table shows each party's number in the court's case system, which staff copy
 * into the service forms (left out of the reading below, and only there).
 */
function allowed(word: string): boolean {
  return isEnterpriseCode(word) || /^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(word) || ['PDF', 'A4', 'GB', 'GB/T'].includes(word);
}

/** Latin-letter words: a run of letters, digits and the joiners identifiers use, holding at least one letter. */
function latinWords(text: string): string[] {
  return (text.match(/[A-Za-z0-9][A-Za-z0-9_.:@/-]*/g) ?? [])
    .map((w) => w.replace(/[.:/-]+$/, ''))
    .filter((w) => /[A-Za-z]/.test(w) && !allowed(w));
}

let db: TestDatabase;
let config: Config;
let harness: ConsoleHarness;
let base: string;
let browser: BrowserHarness;
const cookies = new Map<DemoUserId, string>();
const findings = new Map<string, Set<string>>();
let pagesRead = 0;

async function cookieOf(user: DemoUserId): Promise<string> {
  const known = cookies.get(user);
  if (known) return known;
  const res = await fetch(`${base}/console/signin`, {
    method: 'POST', redirect: 'manual', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ userId: user, next: '/console' }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  expect(cookie, `sign-in of ${user}`).toContain('courtrelay_console=');
  cookies.set(user, cookie);
  return cookie;
}

async function fetchPage(user: DemoUserId, path: string, form?: Record<string, string>): Promise<{ status: number; html: string; url: string }> {
  const res = await fetch(`${base}${path}`, form ? {
    method: 'POST', headers: { cookie: await cookieOf(user), origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  } : { headers: { cookie: await cookieOf(user) } });
  return { status: res.status, html: await res.text(), url: new URL(res.url).pathname };
}

/**
 * What a person reads of each page: text nodes outside script/style, and title, placeholder,
 * aria-label, alt, a button's value. Run in the page as plain JavaScript (the project's TypeScript
 * has no DOM library).
 */
const extractTexts = `(pages) => pages.map((html) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style, table#parties td:nth-child(2)').forEach((el) => el.remove());
  const parts = [doc.title];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent || '');
  for (const name of ['title', 'placeholder', 'aria-label', 'alt']) doc.querySelectorAll('[' + name + ']').forEach((el) => parts.push(el.getAttribute(name)));
  doc.querySelectorAll('input[type=submit], input[type=button], input[type=reset]').forEach((el) => parts.push(el.value));
  return parts.join('\\n');
})`;

async function readableTexts(htmls: string[]): Promise<string[]> {
  return browser.page.evaluate(`(${extractTexts})(${JSON.stringify(htmls)})`) as Promise<string[]>;
}

async function check(label: string, htmls: string[]): Promise<void> {
  const texts = await readableTexts(htmls);
  pagesRead += texts.length;
  for (const word of texts.flatMap(latinWords)) {
    if (!findings.has(label)) findings.set(label, new Set());
    findings.get(label)!.add(word);
  }
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/console[^"#]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((href) => !href.startsWith('/console/console.css') && !href.startsWith('/console/signin') && !href.startsWith('/console/oidc'));
}

interface PostForm { postTo: string; action?: string; requiredInputs: string[] }

/** The action forms of a page that have a required input or pick-list (a blank post of those is refused at the door). */
function formsOf(html: string, path: string): PostForm[] {
  return [...html.matchAll(/<form([^>]*)method="post"([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const attrs = m[1]! + m[2]!;
    const action = /data-action="([^"]+)"/.exec(attrs)?.[1];
    const postTo = /action="([^"]+)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&') ?? path;
    const requiredInputs = [...m[3]!.matchAll(/<(input|select)[^>]*name="([^"]+)"[^>]*aria-required="true"/g)].map((r) => r[2]!);
    return { postTo, action, requiredInputs };
  }).filter((f) => f.action && f.requiredInputs.length > 0 && f.postTo.startsWith('/console/'));
}

/**
 * Every page this person reaches from their home page and `seeds` by following console links (each
 * path with at most two queries, so a list's filters and pages do not multiply), then a blank post of
 * each action form with a required field: refused, its page shows the field errors.
 */
async function walk(user: DemoUserId, stage: string, seeds: string[] = []): Promise<void> {
  const seen = new Set<string>();
  const perPath = new Map<string, number>();
  const queue = ['/console', ...seeds];
  const pages: { path: string; html: string }[] = [];
  while (queue.length > 0 && pages.length < 60) {
    const batch = queue.splice(0, 4).filter((path) => {
      const bare = path.split('?')[0]!;
      if (seen.has(path) || path === '/console/signout') return false;
      if (path.includes('?') && (perPath.get(bare) ?? 0) >= 2) return false;
      seen.add(path);
      if (path.includes('?')) perPath.set(bare, (perPath.get(bare) ?? 0) + 1);
      return true;
    });
    for (const page of await Promise.all(batch.map((path) => fetchPage(user, path)))) {
      expect(page.status, `${user} ${page.url}`).toBeLessThan(500);
      pages.push({ path: page.url, html: page.html });
      queue.push(...linksOf(page.html).filter((href) => !seen.has(href)));
    }
  }
  await check(`${stage} · ${user}`, pages.map((p) => p.html));
  const refused: string[] = [];
  const posted = new Set<string>();
  for (const { path, html } of pages) {
    for (const form of formsOf(html, path)) {
      const key = `${form.postTo} ${form.action}`;
      if (posted.has(key)) continue;
      posted.add(key);
      const answer = await fetchPage(user, form.postTo, { _action: form.action! });
      expect(answer.status, `${user}: a blank ${form.action} on ${form.postTo} is refused`).toBeGreaterThanOrEqual(400);
      refused.push(answer.html);
    }
  }
  await check(`${stage} · ${user} · refused blank forms`, refused);
}

async function api(user: DemoUserId, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await mintToken(config.JWT_SECRET, demoUser(user)!);
  const res = await fetch(`${base}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** An act the workflow takes once it has moved on by itself (after an activity): retried while refused as out of stage. */
async function act(user: DemoUserId, path: string, body: unknown): Promise<void> {
  await vi.waitFor(async () => {
    const res = await api(user, 'POST', path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  }, { timeout: 20_000, interval: 200 });
}

function todayInBeijing(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

const staff: DemoUserId[] = ['officer-wang', 'panel-li', 'president-zhao', 'clerk-liu', 'judge-sun', 'supervisor-zhou', 'clerk-ma', 'judge-chen'];

beforeAll(async () => {
  // Two seconds a statutory day: the 5-day service of the decision lapses within the test (a real
  // overdue deadline, escalated by the workflow); the 15-day consent reply is answered at once.
  harness = await serveConsole({ name: 'console-english', msPerDay: 2_000 });
  ({ db, config, base, browser } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('staff pages in Chinese', () => {
  it('shows no English word, as any role, at any stage of a transfer and a preservation', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const code = newCreditCode();
      const t = (path: string) => `/transfers/${code}${path}`;
      const page = `/console/transfers/${code}`;
      const cases = [
        { caseNumber: '(2025)京0105执5001号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-huaxin', name: '华信贸易有限公司' }], property: [] },
        { caseNumber: '(2025)京0105执5002号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-jinhe', name: '金禾商贸有限公司' }], property: [] },
      ];
      await registerCases(db.pool, code, cases);
      // The candidate worklist has a row to show and to refuse a blank dismissal of.
      const candidate = newCreditCode();
      expect((await api('officer-wang', 'POST', '/enforcement-cases/import', { rows: [{
        court: demoCourts.enforcement, caseNumber: '(2025)京0105执5003号', debtorCreditCode: candidate, debtorKind: 'enterprise_legal_person', applicantCount: 1,
        outstandingCents: 1_250_000_00, status: 'closed_no_property', filedOn: '2025-01-10', closedOn: '2025-06-30',
      }] })).status).toBe(200);
      await sweepCandidates(db.pool, { sweepDate: todayInBeijing(), sweptAt: new Date().toISOString() });

      // A refused trigger in the browser: field errors as the person sees them (innerText).
      await browser.page.goto(`${base}/console/signin`);
      await browser.page.click('button[data-user="officer-wang"]');
      await browser.page.waitForURL(/\/console\/inbox/);
      await browser.page.goto(`${base}/console/transfers/new`);
      await browser.page.fill('form[data-action="transfer.trigger"] [name="creditCode"]', '91110105ABC');
      await Promise.all([browser.page.waitForNavigation(), browser.page.click('form[data-action="transfer.trigger"] button[type=submit]')]);
      expect(await browser.page.locator('#error-summary').count()).toBe(1);
      const rendered = await browser.page.locator('body').innerText();
      for (const word of latinWords(rendered)) (findings.get('refused trigger, as rendered') ?? findings.set('refused trigger, as rendered', new Set()).get('refused trigger, as rendered')!).add(word);

      // Consent: triggered and screened, one creditor has consented, a notice was given up on.
      expect((await api('officer-wang', 'POST', '/transfers', {
        creditCode: code, debtor: { partyId: 'party-hengtai', name: '恒泰实业有限公司' }, cases,
        investigation: { conductedOn: '2025-09-01', networkSearch: true, outcome: 'none', findings: '网络查控未发现可供执行的财产' },
      })).status).toBe(201);
      await act('officer-wang', t('/screening'), {
        enterpriseLegalPerson: true, insolvency: { debtsCents: 50_000_000, assetsFoundCents: 0, unsatisfiedCases: 2, terminatedForNowCases: 2, evidence: '终本2件' },
      });
      await act('creditor-huaxin', t('/consents'), { partyId: 'party-huaxin', consents: true, documentRef: '华信贸易书面意见' });
      await vi.waitFor(async () => expect((await db.pool.query('select 1 from transfer_notices where credit_code = $1', [code])).rowCount).toBeGreaterThan(0), { timeout: 10_000 });
      // What the dispatcher records when the receiver refuses (activities/notices/webhook.ts), after its last attempt.
      await db.pool.query(
        `update transfer_notices set status = 'failed', attempts = 8, last_error = 'webhook answered 503: Service Unavailable'
          where notice_key = (select notice_key from transfer_notices where credit_code = $1 order by notice_key limit 1)`, [code]);
      for (const user of [...staff, 'creditor-huaxin', 'debtor-hengtai'] as DemoUserId[]) await walk(user, 'consent', [page]);

      // Panel and president: the decision is taken and issued.
      await act('officer-wang', t('/proposal'), { reasons: '符合移送条件', documents: { distributedPropertyList: '已分配财产清单', debtList: '债务清单', other: [] } });
      await walk('panel-li', 'panel review', [page]);
      await act('panel-li', t('/panel-review'), { agree: true, reasons: '同意移送' });
      await walk('president-zhao', 'signature', [page]);
      await act('president-zhao', t('/signature'), { sign: true, decisionNumber: '(2025)京0105执移5号' });
      // While the 5-day service runs out, a preservation: applied (a blank application refused), ruled, a measure taken, the trial division consulted.
      const number = `${Date.now()}`;
      const id = `preservation-${demoCourts.enforcement}-${number}`;
      expect((await api('clerk-liu', 'POST', '/preservations', {
        court: demoCourts.enforcement, applicationNumber: number, kind: 'in_suit', caseNumber: '(2026)京0105民初5号',
        applicant: { partyId: 'party-huaxin', name: '华信贸易有限公司' }, respondent: { partyId: 'party-hengtai', name: '恒泰实业有限公司', creditCode: code },
        amount: '1500000.00', propertyNamed: ['银行存款'],
      })).status).toBe(201);
      const ppage = `/console/preservations/${id}`;
      await vi.waitFor(async () => expect((await fetchPage('clerk-liu', ppage)).status).toBe(200), { timeout: 10_000 });
      for (const user of ['clerk-liu', 'judge-sun', 'supervisor-zhou'] as DemoUserId[]) await walk(user, 'preservation awaiting ruling', [ppage, '/console/preservations/new']);
      await act('judge-sun', `/preservations/${id}/ruling`, { decision: 'granted', reason: '有转移财产的可能' });
      await act('officer-wang', `/preservations/${id}/measures`, { measureId: 'M1', kind: 'bank_deposit', asset: '恒泰实业基本户', location: '北京市朝阳区' });
      await act('officer-wang', `/preservations/${id}/consultations`, { consultationId: 'Q1', question: '是否及于孳息？' });
      for (const user of ['officer-wang', 'judge-sun', 'supervisor-zhou', 'creditor-huaxin'] as DemoUserId[]) await walk(user, 'preservation in force', [ppage, '/console/seizures?debtor=' + code]);

      // A second application, refused by the trial judge.
      const refusedNumber = `${Date.now()}`;
      expect((await api('clerk-liu', 'POST', '/preservations', {
        court: demoCourts.enforcement, applicationNumber: refusedNumber, kind: 'in_suit', caseNumber: '(2026)京0105民初6号',
        applicant: { partyId: 'party-huaxin', name: '华信贸易有限公司' }, respondent: { partyId: 'party-hengtai', name: '恒泰实业有限公司', creditCode: code },
        amount: '20000.00', propertyNamed: ['车辆'],
      })).status).toBe(201);
      await act('judge-sun', `/preservations/preservation-${demoCourts.enforcement}-${refusedNumber}/ruling`, { decision: 'refused', reason: '申请人未能说明保全的必要' });
      await walk('judge-sun', 'preservation refused', [`/console/preservations/preservation-${demoCourts.enforcement}-${refusedNumber}`]);

      // The 5-day service lapses: the workflow records it and escalates.
      await vi.waitFor(async () => expect((await db.pool.query(
        "select 1 from audit_trail where process_id = $1 and action = 'deadlineOverdue'", [`transfer-${code}`])).rowCount).toBeGreaterThan(0), { timeout: 30_000, interval: 500 });
      // A stale form: the screening posted again after the decision is refused by the workflow's validator.
      const stale = await fetchPage('officer-wang', page, {
        _action: 'transfer.recordScreening', enterpriseLegalPerson: 'yes', 'insolvency.debtsCents': '1', 'insolvency.assetsFoundCents': '0',
        'insolvency.unsatisfiedCases': '1', 'insolvency.terminatedForNowCases': '1', 'insolvency.evidence': '重复提交',
      });
      expect(stale.status).toBe(409);
      await check('decided · officer-wang · stale screening', [stale.html]);
      for (const user of ['officer-wang', 'supervisor-zhou', 'president-zhao', 'creditor-huaxin'] as DemoUserId[]) await walk(user, 'decided, service overdue', [page]);

      // The receiving court: docketed, material asked for, then accepted.
      await act('officer-wang', t('/service'), { servedPartyIds: ['party-huaxin', 'party-jinhe', 'party-hengtai'], servedOn: todayInBeijing() });
      await act('clerk-ma', t('/receipt'), { docketNumber: '(2025)京01破申5号' });
      await act('judge-chen', t('/material-requests'), { items: ['财产调查报告原件'], reason: '材料不全' });
      for (const user of ['judge-chen', 'clerk-ma', 'officer-wang'] as DemoUserId[]) await walk(user, 'under review', [page]);
      const supervisorSuspends = await fetchPage('supervisor-zhou', page, { _action: 'transfer.suspendProcess', reason: '' });
      await check('under review · supervisor-zhou · blank suspension', [supervisorSuspends.html]);
      // Suspended by the supervisor: the banner, and the officer's act refused by the workflow with its reason.
      await act('supervisor-zhou', t('/suspension'), { reason: '当事人反映未收到通知，核查送达情况' });
      const refusedWhileSuspended = await fetchPage('officer-wang', page, { _action: 'transfer.recordService', servedPartyIds: 'party-huaxin' });
      expect(refusedWhileSuspended.status).toBeGreaterThanOrEqual(400);
      await check('suspended · officer-wang · refused act', [refusedWhileSuspended.html]);
      for (const user of ['officer-wang', 'supervisor-zhou'] as DemoUserId[]) await walk(user, 'suspended', [page]);
      await act('supervisor-zhou', t('/resumption'), { reason: '已核实送达' });
      // A process whose write keeps failing, as the worker records it (activities/failures.ts): on the board.
      await db.pool.query(
        `insert into process_failures (workflow_id, activity_type, workflow_type, run_id, attempt, retryable, error_type, message)
         values ($1, 'recordTransferEvent', 'transferWorkflow', 'run-1', 4, true, 'Error', 'Connection terminated unexpectedly')`, [`transfer-${code}`]);

      // Accepted, served, the property handed over (the parties are told: hand_over_recorded).
      await act('judge-chen', t('/acceptance'), { rulingNumber: '(2025)京01破申5号之一' });
      await act('judge-chen', t('/ruling-service'), { servedPartyIds: ['party-huaxin', 'party-jinhe', 'party-hengtai'], servedOn: todayInBeijing() });
      await act('officer-wang', t('/hand-over'), { items: [], seizures: [], enforcementCosts: [{ description: '评估费', amountCents: 120_000 }] });
      for (const user of ['judge-chen', 'officer-wang', 'supervisor-zhou', 'debtor-hengtai'] as DemoUserId[]) await walk(user, 'accepted, handed over', [page]);

      // The board and the transfer as Chromium renders them.
      for (const [user, path] of [['supervisor-zhou', '/console/board'], ['officer-wang', page]] as const) {
        await browser.context.clearCookies();
        await browser.page.goto(`${base}/console/signin`);
        await Promise.all([browser.page.waitForNavigation(), browser.page.click(`button[data-user="${user}"]`)]);
        await browser.page.goto(`${base}${path}`);
        await check(`${user} ${path}, as rendered`, [await browser.page.content()]);
        const innerText = await browser.page.evaluate("document.querySelectorAll('table#parties td:nth-child(2)').forEach((el) => el.remove()); document.body.innerText") as string;
        for (const word of latinWords(innerText)) {
          (findings.get(`${user} ${path}, innerText`) ?? findings.set(`${user} ${path}, innerText`, new Set()).get(`${user} ${path}, innerText`)!).add(word);
        }
      }
    });

    const report = [...findings].map(([where, words]) => `${where}: ${[...words].join(', ')}`);
    expect(report, `English on staff pages (${pagesRead} pages read)`).toEqual([]);
    expect(pagesRead).toBeGreaterThan(100);
    console.info(`console-english: ${pagesRead} pages read in ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
