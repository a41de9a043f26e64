// The staff console in real headless Chromium against the app on a real port, a real Temporal
// worker and a fresh PostgreSQL database: sign-in, inbox, work queue hand-off, supervisor's board,
// the whole transfer journey person by person, a preservation through its forms, each at laptop and
// phone width (1366 and 390 px) (screenshots in test-artifacts/console/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index';
import { mintToken } from '../../api/http/auth';
import { demoCourts, demoUser, type DemoUserId } from '../../infra/auth/demo-users';
import type { Config } from '../../infra/config';
import { sweepCandidates } from '../../activities/candidates/worklist';
import { newCreditCode, registerCases } from '../fixtures/transfer';
import type { TestDatabase } from '../support/database';
import { withWorker } from '../support/temporal';
import type { BrowserHarness } from './browser';
import { serveConsole, type ConsoleHarness } from './console-harness';

let db: TestDatabase;
let config: Config;
let harness: ConsoleHarness;
let base: string;
let browser: BrowserHarness;

async function signInAs(userId: string): Promise<void> {
  const { page } = browser;
  await page.goto(`${base}/console/signin`);
  await page.click(`button[data-user="${userId}"]`);
  await page.waitForLoadState('domcontentloaded');
}

async function signOut(): Promise<void> {
  await browser.page.click('text=退出登录');
  await browser.page.waitForURL(/\/console\/signin/);
}

async function switchTo(userId: DemoUserId): Promise<void> {
  if (browser.page.url().includes('/console/') && !browser.page.url().includes('/signin')) await signOut();
  await signInAs(userId);
}

async function openTransfer(code: string): Promise<void> {
  await browser.page.goto(`${base}/console/transfers/${code}`);
}

/** Fills one action form by field name and submits it; the page that answers is loaded. */
async function submit(action: string, values: Record<string, string>): Promise<void> {
  const form = browser.page.locator(`form[data-action="${action}"]`);
  for (const [name, value] of Object.entries(values)) {
    // A checkbox group (the parties served): the values on separate lines are ticked, the others cleared.
    const boxes = form.locator(`input[type=checkbox][name="${name}[]"]`);
    if ((await boxes.count()) > 0) {
      const ticked = value.split('\n').filter(Boolean);
      for (const box of await boxes.all()) await box.setChecked(ticked.includes((await box.getAttribute('value'))!));
      continue;
    }
    const field = form.locator(`[name="${name}"]`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await Promise.all([browser.page.waitForNavigation(), form.locator('button[type=submit]').click()]);
}

/**
 * The stage diagram as a person sees it at `width` px: the SVG on a desktop, the vertical list under
 * 600 px (its text at full size); the stage each shows as current, and the ones ticked as passed.
 */
async function diagramAt(width: number): Promise<{ svg: boolean; list: boolean; current: string | null; passed: string[]; listFontPx: number }> {
  const { page } = browser;
  await page.setViewportSize({ width, height: 900 });
  const list = page.locator('.process-diagram .stage-list');
  const seen = {
    svg: await page.locator('.process-diagram svg.diagram').isVisible(),
    list: await list.isVisible(),
    current: await list.locator('li[data-state="current"]').getAttribute('data-stage'),
    passed: await list.locator('li[data-state="passed"]').evaluateAll((items) => items.map((li) => li.getAttribute('data-stage')!)),
    listFontPx: await list.locator('li').first().evaluate((li) => parseFloat(li.ownerDocument.defaultView!.getComputedStyle(li).fontSize)),
  };
  await page.setViewportSize({ width: 1366, height: 900 });
  return seen;
}

async function fieldErrors(action: string): Promise<Record<string, string>> {
  const errors = browser.page.locator(`form[data-action="${action}"] [data-field-error]`);
  const found: Record<string, string> = {};
  for (const error of await errors.all()) {
    const name = (await error.getAttribute('data-field-error'))!;
    found[name] = [found[name], await error.textContent()].filter(Boolean).join(' ');
  }
  return found;
}

async function formsShown(): Promise<string[]> {
  return browser.page.locator('#actions form[data-action]').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')!));
}

/** The steps 待办 offers this person for one transfer ('' when the transfer is not in their 待办). */
async function todoSteps(code: string): Promise<string> {
  await browser.page.goto(`${base}/console/inbox`);
  const row = browser.page.locator(`#todo tr[data-process="transfer-${code}"]`);
  return (await row.count()) ? ((await row.locator('[data-steps]').textContent()) ?? '') : '';
}

async function timeline(): Promise<string[]> {
  return browser.page.locator('#timeline li > b').allTextContents();
}

async function passedStages(): Promise<string[]> {
  return browser.page.locator('svg g[data-passed]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-stage')!));
}

/** The stage the page shows, reloading while the workflow moves on its own. */
async function expectStage(stage: string): Promise<void> {
  await expect.poll(async () => {
    const shown = await browser.page.getAttribute('#stage', 'data-stage');
    if (shown !== stage) await browser.page.reload();
    return shown;
  }, { timeout: 10_000 }).toBe(stage);
}

function todayInBeijing(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

async function api(userId: DemoUserId, method: string, path: string, body?: unknown) {
  const token = await mintToken(config.JWT_SECRET, demoUser(userId)!);
  const res = await fetch(`${base}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // Twenty seconds a statutory day: the 15-day consent reply and the 5-day service stay open while
  // people sign in and out through the whole journey.
  harness = await serveConsole({ name: 'console-e2e', msPerDay: 20_000 });
  ({ db, config, base, browser } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('staff console', () => {
  it('signs in, shows the inbox most urgent first, hands work on within the division, and shows the board', async () => {
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const now = Date.now();
      // Two deadlines of the enforcement court, one already past, as the workflows record them.
      await activities.recordDeadline({
        deadlineKey: 'transfer-91350100M000100Y43:consent-reply', processKind: 'transfer', processId: 'transfer-91350100M000100Y43',
        name: 'consentReply', label: '征询意见答复期限', court: demoCourts.enforcement, dueAt: new Date(now + 5 * 86_400_000).toISOString(), provisional: false, status: 'open',
      });
      await activities.recordDeadline({
        deadlineKey: 'transfer-91110105MA00000001:service', processKind: 'transfer', processId: 'transfer-91110105MA00000001',
        name: 'decisionService', label: '移送决定书送达期限', court: demoCourts.enforcement, dueAt: new Date(now - 3_600_000).toISOString(), provisional: false, status: 'overdue',
      });
      const { page } = browser;

      await page.goto(`${base}/`);
      await page.waitForURL(/\/console\/signin/);
      expect(await page.textContent('h1')).toContain('登录');
      await browser.shoot('01-signin');

      await signInAs('officer-wang');
      await page.waitForURL(/\/console\/inbox/);
      const labels = await page.locator('#inbox tbody tr td:first-child').allTextContents();
      expect(labels).toEqual(['移送决定书送达期限', '征询意见答复期限']);
      expect(await page.locator('#inbox .badge.late').first().textContent()).toContain('已超期');
      const cookie = (await browser.context.cookies()).find((c) => c.name === 'courtrelay_console');
      expect(cookie?.httpOnly).toBe(true);
      await browser.shoot('02-inbox-officer');

      await page.click('nav >> text=工作队列');
      await page.click('tr[data-process="transfer-91110105MA00000001"] >> button:has-text("认领")');
      await page.waitForURL(/done=1/);
      await expect.poll(() => page.locator('tr[data-process="transfer-91110105MA00000001"] td:nth-child(4)').textContent()).toContain('王执行');
      await browser.shoot('03-queue-claimed');

      await signOut();
      await signInAs('supervisor-zhou');
      await page.waitForURL(/\/console\/board/);
      expect(await page.locator('[data-figure="overdue"]').textContent()).toBe('1');
      const boardRows = await page.locator('#board-deadlines tbody tr td:first-child').allTextContents();
      expect(boardRows[0]).toBe('移送决定书送达期限');
      await browser.shoot('04-board-supervisor');

      // The supervisor hands the claimed item to a colleague of the enforcement division.
      await page.click('nav >> text=工作队列');
      const row = page.locator('tr[data-process="transfer-91110105MA00000001"]');
      await row.locator('select[name="assignee"]').selectOption('panel-li');
      await row.locator('input[name="reason"]').fill('王执行出差');
      await row.locator('button:has-text("转交")').click();
      await page.waitForURL(/done=1/);
      expect(await page.locator('tr[data-process="transfer-91110105MA00000001"] td:nth-child(4)').textContent()).toContain('李合议');
      const handOffs = await db.pool.query(
        "select action, actor_id, details->>'from' as from_user, details->>'to' as to_user, reason from audit_trail where action like 'workqueue.%' order by id",
      );
      expect(handOffs.rows).toEqual([
        { action: 'workqueue.claim', actor_id: 'officer-wang', from_user: null, to_user: 'officer-wang', reason: null },
        { action: 'workqueue.assign', actor_id: 'supervisor-zhou', from_user: 'officer-wang', to_user: 'panel-li', reason: '王执行出差' },
      ]);
    });
  });

  it('takes a transfer from trigger to acceptance, person by person, and shows each what is theirs', async () => {
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const { page } = browser;
      const code = newCreditCode();
      await switchTo('officer-wang');

      await page.click('nav >> text=执转破');
      await page.click('a:has-text("发起执转破")');
      await page.waitForURL(/\/console\/transfers\/new/);
      const trigger = {
        'debtor.name': '恒泰实业有限公司', 'debtor.partyId': 'party-hengtai',
        cases: '(2025)京0105执1001号||party-huaxin|华信贸易有限公司\n(2025)京0105执1002号||party-jinhe|金禾商贸有限公司\n(2025)京0105执1002号|||',
        'investigation.conductedOn': '2025-09-01', 'investigation.networkSearch': 'yes', 'investigation.outcome': 'none',
      };
      await submit('transfer.trigger', { ...trigger, creditCode: '91110105ABC' });
      expect(await fieldErrors('transfer.trigger')).toEqual({
        creditCode: expect.stringContaining('18'),
        cases: expect.stringMatching(/第3行 申请人编号：不能为空.*第3行 申请人名称：.*不能为空/),
        'investigation.findings': expect.stringContaining('不能为空'),
      });
      await browser.shoot('05-trigger-field-errors');
      await registerCases(db.pool, code, [
        { caseNumber: '(2025)京0105执1001号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-huaxin', name: '华信贸易有限公司' }], property: [] },
        { caseNumber: '(2025)京0105执1002号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-jinhe', name: '金禾商贸有限公司' }], property: [] },
      ]);
      await submit('transfer.trigger', {
        creditCode: code, cases: trigger.cases.split('\n').slice(0, 2).join('\n'), 'investigation.findings': '网络查控未发现存款、车辆、不动产；终本案件2件',
      });
      await page.waitForURL(new RegExp(`/console/transfers/${code}`));
      expect(await page.textContent('[role=status]')).toContain('发起执转破');
      await expectStage('screening');
      expect(await formsShown()).toEqual(['transfer.recordScreening']);

      await submit('transfer.recordScreening', {
        enterpriseLegalPerson: 'yes', 'insolvency.debtsCents': '50000000', 'insolvency.assetsFoundCents': '1000000',
        'insolvency.unsatisfiedCases': '2', 'insolvency.terminatedForNowCases': '2', 'insolvency.evidence': '终本案件2件，查控无财产',
      });
      await expectStage('consent');
      // The receiving court by its name in the court registry, not its code.
      const receiving = await db.pool.query<{ name: string }>('select name from courts where code = $1', [demoCourts.receiving]);
      expect(await page.textContent('dl.facts')).toContain(receiving.rows[0]!.name);
      expect(await page.textContent('dl.facts')).not.toContain(demoCourts.receiving);
      expect(await page.locator('#consents tbody tr').count()).toBe(3);
      expect(await formsShown()).toEqual(['transfer.recordConsent', 'transfer.recordConsentService', 'transfer.withdrawConsent', 'transfer.propose']);
      // The consent request's service ticks the parties asked, by name; no id is typed.
      const consentService = page.locator('form[data-action="transfer.recordConsentService"]');
      expect(await consentService.locator('input[type=checkbox][name="partyIds[]"]').count()).toBe(3);
      expect(await consentService.locator('label.check').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('恒泰实业')]));
      expect(await timeline()).toEqual(expect.arrayContaining(['发起执转破（查无可供执行财产）', '开始移送审查', '记录审查结果', '征询是否同意移送（已释明）']));
      await browser.shoot('06-transfer-consent-officer');

      await switchTo('creditor-huaxin');
      await page.waitForURL(/\/console\/party/);
      await page.click(`a:has-text("${code}")`);
      expect(await formsShown()).toEqual(['transfer.recordConsent']);
      expect(await page.locator('form[data-action="transfer.recordConsent"] [name="partyId"]').count()).toBe(0);
      expect(await page.locator('#parties tbody tr').count()).toBe(2);
      await browser.shoot('07-party-consent-form');
      // A party has no 文号 to give: its reply through the console is its written opinion.
      expect(await page.locator('form[data-action="transfer.recordConsent"] [name="documentRef"]').count()).toBe(0);
      await submit('transfer.recordConsent', { consents: 'yes' });
      expect(await formsShown()).toEqual(['transfer.withdrawConsent']);
      expect(await page.textContent('#consents')).toContain('当事人网上书面答复');
      expect(await page.locator('#consents tbody tr td').allTextContents()).toEqual(expect.arrayContaining(['华信贸易有限公司', '同意']));
      expect(await page.locator('#consents tbody tr').count()).toBe(1);
      await browser.shoot('08-party-after-consent');

      await switchTo('officer-wang');
      await openTransfer(code);
      const proposal = { reasons: '被执行人不能清偿到期债务且明显缺乏清偿能力，申请执行人华信贸易书面同意移送' };
      await submit('transfer.propose', proposal);
      expect(Object.keys(await fieldErrors('transfer.propose'))).toEqual(['documents.distributedPropertyList', 'documents.debtList']);
      await submit('transfer.propose', { 'documents.distributedPropertyList': '京0105执财清〔2025〕1号', 'documents.debtList': '恒泰债务清单〔2025〕1号' });
      await expectStage('panel_review');
      expect(await formsShown()).toEqual(['transfer.withdrawConsent']);
      // The officer's own work moved on: nothing of this transfer waits for them now.
      expect(await todoSteps(code)).toBe('');

      await switchTo('panel-li');
      expect(await todoSteps(code)).toBe('合议庭评议');
      await browser.shoot('08a-todo-panel');
      await openTransfer(code);
      expect(await formsShown()).toEqual(['transfer.panelReview']);
      await submit('transfer.panelReview', { agree: 'yes', reasons: '符合移送条件，同意移送' });
      await expectStage('president_signature');

      await switchTo('president-zhao');
      // 待办 from allowedActions (issue 17): the president's step, not the officer's consent deadline.
      expect(await todoSteps(code)).toBe('院长签发');
      await browser.shoot('08b-todo-president');
      await openTransfer(code);
      await submit('transfer.sign', { sign: 'yes' });
      expect(await fieldErrors('transfer.sign')).toEqual({ decisionNumber: expect.stringContaining('决定书文号') });
      await submit('transfer.sign', { sign: 'yes', decisionNumber: '(2025)京0105执转破1号' });
      await expectStage('decided');
      expect(await passedStages()).toEqual(['triggered', 'screening', 'consent', 'panel_review', 'president_signature']);
      await browser.shoot('09-decided-president');

      // The decision as issued: names, not codes; the date in Chinese numerals; printable on A4.
      await page.click('#documents a:has-text("移送破产审查决定书")');
      const decisionText = (await page.locator('article.official').textContent()) ?? '';
      expect(decisionText).toContain('院长签发：赵院长');
      expect(decisionText).toMatch(/移送北京市\S+人民法院进行破产审查/);
      expect(decisionText).not.toMatch(/IPC-|BPC-|president-zhao/);
      expect(decisionText).toMatch(/二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日/);
      await browser.shoot('09b-document-decision');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.side').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      await switchTo('officer-wang');
      await openTransfer(code);
      // The parties served are ticked by name; no party id is typed.
      const serviceForm = page.locator('form[data-action="transfer.recordService"]');
      expect(await serviceForm.locator('input[type=text][name*="PartyIds"], textarea[name*="PartyIds"]').count()).toBe(0);
      expect(await serviceForm.locator('label.check').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('恒泰实业')]));
      await submit('transfer.recordService', { servedPartyIds: 'party-huaxin\nparty-jinhe\nparty-hengtai', servedOn: todayInBeijing() });
      expect(await timeline()).toContain('送达移送决定书');
      // The stage diagram: an SVG at 1366 px, a vertical list in readable text at 390 px, both saying the same.
      const wide = await diagramAt(1366);
      const narrow = await diagramAt(390);
      expect(wide).toMatchObject({ svg: true, list: false });
      expect(narrow).toMatchObject({ svg: false, list: true, current: wide.current, passed: wide.passed });
      expect(narrow.current).toBe(await page.getAttribute('#stage', 'data-stage'));
      expect(narrow.passed).toContain('consent');
      expect(narrow.listFontPx).toBeGreaterThanOrEqual(14);

      await switchTo('clerk-ma');
      expect(await todoSteps(code)).toBe('受移送法院立案');
      await openTransfer(code);
      expect(await formsShown()).toEqual(['transfer.docket']);
      await submit('transfer.docket', { docketNumber: '(2025)京01破申12号' });
      await expectStage('under_review');
      await browser.shoot('10-under-review-receiving-clerk');

      await switchTo('judge-chen');
      await page.waitForURL(/\/console\/inbox/);
      expect(await page.locator('#inbox tbody tr td:first-child').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('受理')]));
      await openTransfer(code);
      // The judge may also record a party's written objection to the transfer decision (DOMAIN.md step 5).
      expect(await formsShown()).toEqual(['transfer.requestMaterial', 'transfer.raiseObjection', 'transfer.accept', 'transfer.reject']);
      await submit('transfer.accept', { rulingNumber: '(2025)京01破申12号之一', reasons: '被执行人不能清偿到期债务，且明显缺乏清偿能力' });
      await expectStage('accepted');
      // Bankruptcy is declared once the property is handed over; the known creditors are to be notified now.
      expect(await formsShown()).toEqual(['transfer.recordRulingService', 'transfer.recordCreditorNotice']);
      expect(await page.getAttribute('svg [data-stage="accepted"]', 'aria-current')).toBe('step');
      expect(await timeline()).toEqual(expect.arrayContaining(['受移送法院立案（破申）', '移交破产审判庭', '裁定受理']));
      await browser.shoot('11-accepted-judge');

      await switchTo('creditor-huaxin');
      await page.click(`a:has-text("${code}")`);
      expect(await page.getAttribute('#stage', 'data-stage')).toBe('accepted');
      expect(await formsShown()).toEqual([]);
      await browser.shoot('12-party-accepted');
    });
  }, 240_000); // the whole journey, person by person, on a busy 2-core machine

  it('walks a preservation through the console: application, ruling, measure, renewal, consultation, conversion and release', async () => {
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const { page } = browser;
      const number = `BQ${Date.now().toString(36).toUpperCase()}`;
      const id = `preservation-${demoCourts.enforcement}-${number}`;

      // The filing desk receives the application; pre-suit without security is refused at its field.
      await switchTo('clerk-liu');
      await page.click('nav >> text=财产保全');
      await page.click('a:has-text("受理保全申请")');
      await page.waitForURL(/\/console\/preservations\/new/);
      const applicationForm = {
        applicationNumber: number, kind: 'pre_suit', 'applicant.name': '华信贸易有限公司', 'applicant.partyId': 'party-huaxin',
        'respondent.name': '恒泰实业有限公司', 'respondent.partyId': 'party-hengtai', amount: '1500000.00', propertyNamed: '恒泰实业基本户存款\n朝阳区厂房',
      };
      await submit('preservation.apply', applicationForm);
      expect(Object.keys(await fieldErrors('preservation.apply'))).toEqual(['security.kind']);
      // The summary at the top names the field and links to it; no English on the refused form.
      const summaryLink = page.locator('#error-summary a[href="#preservation-apply-security-kind"]');
      expect(await summaryLink.textContent()).toContain('担保方式');
      await summaryLink.click();
      expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('#preservation-apply-security-kind');
      expect(await page.textContent('#error-summary')).not.toMatch(/[A-Za-z]{4,}/);
      await browser.shoot('p1-preservation-apply-error');
      await submit('preservation.apply', { kind: 'in_suit', caseNumber: '(2026)京0105民初88号' });
      await page.waitForURL(new RegExp(`/console/preservations/${id}`));
      expect(await page.textContent('[role=status]')).toContain('受理财产保全申请');
      await expectStage('awaiting_ruling');
      // An in-suit ruling is the trial judge's: the filing desk may record the risk notice and close, not rule.
      expect(await formsShown()).toEqual(['preservation.riskNotice', 'preservation.close']);
      await submit('preservation.riskNotice', { note: '已书面告知申请人保全错误的赔偿责任' });
      expect(await timeline()).toEqual(expect.arrayContaining(['受理保全申请', '告知执行风险']));

      // The trial judge finds it in 待办 (the link keeps the whole id) and rules.
      await switchTo('judge-sun');
      await page.goto(`${base}/console/inbox`);
      // Named by its case number, not its workflow id.
      expect(await page.textContent(`#inbox a[href="/console/preservations/${id}"]`)).toBe('财产保全 (2026)京0105民初88号');
      await page.click(`#inbox a[href="/console/preservations/${id}"]`);
      await expectStage('awaiting_ruling');
      expect(await formsShown()).toEqual(['preservation.rule', 'preservation.close']);
      // A second tab keeps the page as it was before the ruling: a stale form.
      const stale = await browser.context.newPage();
      await stale.goto(page.url());
      await submit('preservation.rule', { decision: 'granted', reason: '' });
      expect(await fieldErrors('preservation.rule')).toEqual({ reason: expect.stringContaining('不能为空') });
      await submit('preservation.rule', { decision: 'granted', reason: '申请人提供的证据足以证明被申请人有转移财产的可能' });
      await expectStage('in_force');
      // A preservation has its stage diagram too, a list on a phone.
      expect(await diagramAt(1366)).toMatchObject({ svg: true, list: false });
      expect(await diagramAt(390)).toMatchObject({ svg: false, list: true, current: 'in_force', passed: ['awaiting_ruling'] });
      await browser.shoot('p2-preservation-ruled-judge');
      // The stale tab posts the ruling again: refused, and the refusal is shown although its form is gone.
      const staleForm = stale.locator('form[data-action="preservation.rule"]');
      await staleForm.locator('[name="decision"]').selectOption('granted');
      await staleForm.locator('[name="reason"]').fill('重复提交');
      await Promise.all([stale.waitForNavigation(), staleForm.locator('button[type=submit]').click()]);
      expect(await stale.textContent('#error-summary')).toContain('当前阶段不允许此操作');
      await stale.close();

      // Enforcement takes the measure, renews it and consults the trial division.
      await switchTo('officer-wang');
      await page.goto(`${base}/console/preservations/${id}`);
      expect(await formsShown()).toEqual(['preservation.recordMeasure', 'preservation.reportExecution', 'preservation.consult', 'preservation.fileEnforcement']);
      expect(await page.inputValue('form[data-action="preservation.recordMeasure"] [name="measureId"]')).toBe('M1');
      await submit('preservation.recordMeasure', { kind: 'bank_deposit', asset: '恒泰实业基本户 1100****0001', location: '北京市朝阳区' });
      expect(await page.locator('#measures tbody tr td').allTextContents()).toEqual(expect.arrayContaining(['银行存款', '有效']));
      expect(await formsShown()).toEqual(expect.arrayContaining(['preservation.renewMeasure', 'preservation.releaseMeasure']));
      await submit('preservation.reportExecution', { note: '已冻结基本户存款' });
      expect(await page.textContent('[role=status]')).toContain('报告保全裁定执行完毕');
      expect(await formsShown()).not.toContain('preservation.reportExecution');
      const expiryBefore = await page.locator('#measures tbody tr td:nth-child(5)').textContent();
      await submit('preservation.renewMeasure', { measureId: 'M1', note: '申请人申请续行' });
      expect(await page.textContent('[role=status]')).toContain('续行保全措施');
      expect(await page.locator('#measures tbody tr td:nth-child(5)').textContent()).not.toBe(expiryBefore);
      await submit('preservation.consult', { question: '判决主文是否及于该账户的孳息？' });
      await browser.shoot('p3-preservation-measure-officer');

      await switchTo('judge-sun');
      await page.goto(`${base}/console/preservations/${id}`);
      expect(await formsShown()).toEqual(['preservation.answerConsultation', 'preservation.close']);
      await submit('preservation.answerConsultation', { consultationId: 'Q1', answer: '及于孳息' });
      expect(await page.locator('#consultations tbody tr td').allTextContents()).toContain('及于孳息');

      // Conversion on the enforcement application, then release by ruling.
      await switchTo('officer-wang');
      await page.goto(`${base}/console/preservations/${id}`);
      await submit('preservation.fileEnforcement', { enforcementCaseNumber: '(2026)京0105执900号' });
      await expectStage('converted');
      expect(await page.textContent('#conversion')).toContain('(2026)京0105执900号');
      expect(await page.locator('#measures tbody tr td').allTextContents()).toContain('已转执行');
      await submit('preservation.releaseMeasure', { measureId: 'M1', reason: '被执行人已提供等额担保', 'ruling.number': '', 'ruling.ruledOn': todayInBeijing() });
      expect(Object.keys(await fieldErrors('preservation.releaseMeasure'))).toEqual(['ruling.number']);
      await submit('preservation.releaseMeasure', { 'ruling.number': '(2026)京0105执900号之一' });
      expect(await page.locator('#measures tbody tr td').allTextContents()).toContain('已解除');
      // Converted, its measure released: the diagram's current stage is the page's, with the ruling and its measures behind it.
      expect(await diagramAt(390)).toMatchObject({ current: await page.getAttribute('#stage', 'data-stage'), passed: ['awaiting_ruling', 'in_force'] });
      expect(await timeline()).toEqual(expect.arrayContaining([
        '受理保全申请', '告知执行风险', '裁定准许保全', '移交执行部门实施', '登记保全措施', '续行保全', '书面征询审判庭', '答复征询',
        '申请执行（保全转执行）', '解除保全',
      ]));
      await browser.shoot('p4-preservation-released-officer');
      const acts = await db.pool.query('select action, actor_id from audit_trail where process_id = $1 order by id', [id]);
      expect(acts.rows).toEqual(expect.arrayContaining([
        { action: 'preservation.apply', actor_id: 'clerk-liu' }, { action: 'preservation.renewMeasure', actor_id: 'officer-wang' },
        { action: 'preservation.answerConsultation', actor_id: 'judge-sun' }, { action: 'preservation.releaseMeasure', actor_id: 'officer-wang' },
      ]));
    });
  });

  it('around the transfer: the supervisor suspends (other acts are withdrawn), resumes and corrects; an officer works the candidate list', async () => {
    const activities = createActivities({ pool: db.pool });
    await withWorker({ taskQueue: config.TEMPORAL_TASK_QUEUE, activities }, async () => {
      const { page } = browser;
      const code = newCreditCode();
      const cases = [
        { caseNumber: '(2025)京0105执2001号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-huaxin', name: '华信贸易有限公司' }], property: [] },
        { caseNumber: '(2025)京0105执2002号', court: demoCourts.enforcement, applicants: [{ partyId: 'party-jinhe', name: '金禾商贸有限公司' }], property: [] },
      ];
      await registerCases(db.pool, code, cases);
      const started = await api('officer-wang', 'POST', '/transfers', {
        creditCode: code, debtor: { partyId: 'party-hengtai', name: '恒泰实业有限公司' },
        cases,
        investigation: { conductedOn: '2025-09-01', networkSearch: true, outcome: 'none', findings: '网络查控未发现可供执行的财产' },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      await eventually(async () => (await api('officer-wang', 'POST', `/transfers/${code}/screening`, {
        enterpriseLegalPerson: true, insolvency: { debtsCents: 50_000_000, assetsFoundCents: 0, unsatisfiedCases: 1, terminatedForNowCases: 1, evidence: '终本1件' },
      })).status === 200);

      await switchTo('supervisor-zhou');
      await openTransfer(code);
      await expectStage('consent');
      expect(await formsShown()).toEqual(['transfer.suspendProcess', 'transfer.correctRecord']);
      await submit('transfer.suspendProcess', { reason: '' });
      expect(await fieldErrors('transfer.suspendProcess')).toEqual({ reason: expect.stringContaining('不能为空') });
      await submit('transfer.suspendProcess', { reason: '当事人反映未收到征询通知，核查送达情况' });
      expect(await page.textContent('#suspended')).toContain('核查送达情况');
      expect(await formsShown()).toEqual(['transfer.suspendProcess.resume', 'transfer.correctRecord']);
      await browser.shoot('14-suspended-supervisor');

      await switchTo('officer-wang');
      await openTransfer(code);
      expect(await page.textContent('#suspended')).toContain('暂停');
      expect(await formsShown()).toEqual([]);
      await browser.shoot('15-suspended-officer');

      await switchTo('supervisor-zhou');
      await openTransfer(code);
      await submit('transfer.suspendProcess.resume', { reason: '已补正送达' });
      expect(await page.locator('#suspended').count()).toBe(0);
      const screeningSeq = await page.locator('form[data-action="transfer.correctRecord"] select[name="correctsSeq"] option', { hasText: '记录审查结果' }).getAttribute('value');
      await submit('transfer.correctRecord', { correctsSeq: screeningSeq!, correction: '终本案件应为2件', reason: '录入错误' });
      expect(await page.textContent('#around')).toContain('终本案件应为2件');
      expect(await timeline()).toEqual(expect.arrayContaining(['暂停程序', '恢复程序', '更正记录']));
      await browser.shoot('16-resumed-corrected-supervisor');

      await switchTo('officer-wang');
      await openTransfer(code);
      expect(await formsShown()).toEqual(['transfer.recordConsent', 'transfer.recordConsentService', 'transfer.withdrawConsent', 'transfer.propose']);

      // A creditor sees the correction of a record it may see, and nothing of the other creditor.
      await switchTo('creditor-huaxin');
      await openTransfer(code);
      expect(await page.textContent('#around')).toContain('终本案件应为2件');
      expect(await formsShown()).toEqual(['transfer.recordConsent']);
      const html = await page.content();
      for (const other of ['party-jinhe', '金禾商贸有限公司', '(2025)京0105执2002号']) expect(html).not.toContain(other);
      await browser.shoot('17-party-after-correction');
      await switchTo('officer-wang');

      // The candidate worklist: two debtors with a 终本 case in this court, found by the daily sweep.
      const [keep, drop] = [newCreditCode(), newCreditCode()];
      const row = (debtorCreditCode: string, caseNumber: string) => ({
        court: demoCourts.enforcement, caseNumber, debtorCreditCode, debtorKind: 'enterprise_legal_person', applicantCount: 1,
        outstandingCents: 1_250_000_00, status: 'closed_no_property', filedOn: '2025-01-10', closedOn: '2025-06-30',
      });
      const imported = await api('officer-wang', 'POST', '/enforcement-cases/import', { rows: [row(keep, '(2025)京0105执3001号'), row(drop, '(2025)京0105执3002号')] });
      expect(imported.body).toMatchObject({ accepted: 2, rejected: [] });
      await sweepCandidates(db.pool, { sweepDate: todayInBeijing(), sweptAt: new Date().toISOString() });
      await page.click('nav >> text=候选企业');
      await page.waitForURL(/\/console\/candidates/);
      expect(await page.locator(`tr[data-candidate="${keep}"]`).count()).toBe(1);
      const dismiss = async (reason: string) => {
        const row = page.locator(`tr[data-candidate="${drop}"]`);
        await row.locator('input[name="reason"]').fill(reason);
        await Promise.all([page.waitForNavigation(), row.locator('button:has-text("排除")').click()]);
      };
      await dismiss('');
      expect(await page.textContent(`tr[data-candidate="${drop}"] [data-field-error="reason"]`)).toContain('不能为空');
      await browser.shoot('18-candidates-dismiss-error');
      await dismiss('该公司已进入重整程序，不宜移送');
      expect(await page.textContent('[role=status]')).toContain(drop);
      expect(await page.locator(`tr[data-candidate="${drop}"]`).count()).toBe(0);
      await page.goto(`${base}/console/candidates?status=dismissed`);
      expect(await page.textContent(`tr[data-candidate="${drop}"]`)).toContain('不宜移送');
      await page.goto(`${base}/console/candidates`);
      await page.click(`tr[data-candidate="${keep}"] >> a:has-text("发起执转破")`);
      await page.waitForURL(/\/console\/transfers\/new\?candidate=/);
      expect(await page.inputValue('form[data-action="transfer.trigger"] [name="creditCode"]')).toBe(keep);
      expect(await page.inputValue('form[data-action="transfer.trigger"] [name="cases"]')).toBe('(2025)京0105执3001号|||');
      await browser.shoot('19-trigger-from-candidate');
    });
  });

  it('refuses a form post from another site', async () => {
    const response = await fetch(`${base}/console/queue/claim`, {
      method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'processId=x',
    });
    expect(response.status).toBe(403);
  });

});
