// The staff console: server-rendered pages in Chinese under /console. Pages read PostgreSQL (the
// read models and the audit trail); forms act only through the HTTP API of the same app, with the
// signed-in person's token (see api-client.ts), so they meet the same validation and permissions.
import type pg from 'pg';
import { listProcessFailures } from '../../activities/failures';
import { listEndedProcesses, type EngineStatus } from '../http/ended-by-engine';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Actor } from '../../workflows/shared/actor';
import { authorize, mayList } from '../../workflows/shared/permissions';
import { tokenRules } from '../http/auth';
import { scopedCourt, scopedFilter, transferScopeColumns } from '../http/list-scope';
import { refuseNulInUrl } from '../http/limits';
import type { ApiDeps } from '../deps';
import { demoSignInEnabled } from '../routes/auth';
import type { Candidate } from '../schemas/candidates';
import type { UndeliveredNotice } from '../schemas/notices';
import type { AllowedAction, TransferView as ApiTransferView } from '../routes/transfer-views';
import type { TransferSeizure } from '../routes/transfer-seizures';
import { callApi, refusalLead, type ApiHandle } from './api-client';
import type { UndeliveredNoticesView } from './components/undelivered-notices';
import { aroundForms, correctableActs, type AroundForm } from './around-forms';
import { partyView } from './party-view';
import { rememberPerson } from './people';
import { secrecyAllows, type Disclosable } from '../../workflows/preservation/secrecy';
import type { FormOutcome } from './components/action-form';
import { courtName, demoUser, signInChoices } from './demo-users';
import { apiPathOf, bodyFromForm, chineseOnly, postedValues, problemsByField, withoutGloss, type ActionForm } from './forms';
import { actionLabel } from './labels';
import { CandidatesPage, type DismissalOutcome } from './pages/candidates';
import { SeizuresPage, type RegisterRow } from './pages/seizures';
import { ListPage, PreservationPage, TransferPage } from './pages/process';
import { PreservationApplyPage } from './pages/preservation-apply';
import { DocumentPage, type DocumentView } from './pages/document';
import { applyAction, applyForm, preservationForm, preservationFormsFor } from './preservation-forms';
import type { PreservationState } from '../../workflows/preservation/types';
import { SignInPage } from './pages/signin';
import { TriggerPage } from './pages/trigger';
import { BoardPage, InboxPage, QueuePage } from './pages/staff';
import {
  assessmentFigures, openEscalations, candidateCaseLines, captionsOf, partyNamesOf, countsByStageAndCourt, deadlinesOf, inboxFor, interferenceLog, preservationList, preservationView,
  timelineOf, transferCourts, transferList, transferView, urgentDeadlines, type TransferView,
} from './read-models';
import { formPostsOnly, requireSession, sameOriginPosts, signIn, signInWithToken, signOut, type ConsoleEnv } from './session';
import { finishOidcSignIn, OidcSignInFailed, startOidcSignIn } from './oidc-flow';
import { consoleCss } from './styles';
import { interferenceAction, interferenceForm } from './interference-form';
import { InterferencePage } from './pages/interference';
import { formatTime, mayRecordInterference } from './layout';
import { refreshCourtNames } from './court-names';
import { transferForm, transferForms } from './transfer-forms';
import { locateCaseProblems, triggerAction, triggerBodyFromForm, triggerForm } from './trigger-form';
import { todoFor } from './todo';
import { ListSearchForm, listSearchFrom, Pager } from './components/list-controls';
import { transferStages, stageLabels as transferStageLabels } from '../../workflows/transfer/stages';
import { preservationStages, stageLabels as preservationStageLabels } from '../../workflows/preservation/stages';
import { assignWork, colleaguesOf, queueFor, QueueRefusal } from './work-queue';

type ConsoleContext = Context<ConsoleEnv>;

function safeNext(next: string | undefined): string {
  return next && /^\/console(\/[A-Za-z0-9/_-]*)?$/.test(next) && !next.startsWith('/console/signin') ? next : '/console';
}

function homeOf(actor: Actor): string {
  if (actor.role === 'party') return '/console/party';
  if (actor.role === 'supervisor' || actor.role === 'administrator') return '/console/board';
  return '/console/inbox';
}

function scopeOf(view: TransferView) {
  const t = view.transfer;
  return {
    processId: String(t.workflow_id),
    homeCourt: t.home_court,
    receivingCourt: t.receiving_court ?? undefined,
    involvedCourts: (t.involved_courts as string[] | undefined) ?? [],
    partyIds: view.parties.map((p) => String(p.party_id)),
  };
}

type CourtChoice = { value: string; label: string };

/** The API's warning for a process the engine stopped, in Chinese only (the console's language). */
function stoppedWarning(status: { engineWarning?: string }): string | undefined {
  return status.engineWarning ? withoutGloss(status.engineWarning) : undefined;
}

/**
 * The courts a screening may name as receiving court (issue 15): the registry's intermediate courts and
 * every court of the jurisdiction table (designated basic courts, tribunals), as a pick-list.
 */
async function receivingCourtChoices(pool: pg.Pool): Promise<CourtChoice[]> {
  const { rows } = await pool.query<{ code: string; name: string }>(
    `select code, name from courts where code like 'IPC-%' or code in (select court from jurisdictions) order by code`);
  return rows.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }));
}

/** One row of GET /transfers, as the party page shows it. */
interface PartyListRow { creditCode: string; stageLabel: string; homeCourt: string; nextDueAt: string | null }

/** What the API says of the transfer to this person: its state as they may see it and what they may do now. */
type StatusView = ApiTransferView & { allowedActions: AllowedAction[]; engineStatus?: EngineStatus; engineWarning?: string; seizures?: TransferSeizure[] };

/** A form of the core (transfer-forms.ts) or of the acts around it (around-forms.ts), by its `_action`. */
function formFor(action: string): ActionForm | undefined {
  return transferForm(action) ?? aroundForms.find((form) => form.action === action);
}

/**
 * The transfer forms this person may use now: the API's allowedActions (the workflow's own
 * validators: permission table, suspension, stage), and of two forms of one action the one that
 * applies. A party is shown the reply form while its own reply is awaited, and the withdrawal
 * form while its consent stands.
 */
function transferFormsFor(actor: Actor, view: TransferView, status: StatusView | undefined, courts: CourtChoice[] = []): ActionForm[] {
  if (!status) return [];
  const ownReply = view.consents.find((c) => c.party_id === actor.partyId)?.reply;
  const partyMay: Record<string, boolean> = {
    'transfer.recordConsent': ownReply === 'pending',
    'transfer.withdrawConsent': ownReply === 'consented',
  };
  const forms: AroundForm[] = [...transferForms, ...aroundForms];
  return status.allowedActions.map((a) => a.action)
    .filter((action) => actor.role !== 'party' || partyMay[action])
    .flatMap((action) => forms.filter((form) => (form.permission ?? form.action) === action))
    .filter((form) => !form.appliesTo || form.appliesTo(status))
    .map((form) => partyForm(actor, withChoices(withPartyChoices(form, view), view, status, courts)))
    .filter((form): form is ActionForm => form !== undefined);
}

/** Who appealed is picked among the transfer's parties; the act to correct among the recorded ones. */
function withChoices(form: ActionForm | undefined, view: TransferView, status: StatusView, courts: CourtChoice[]): ActionForm | undefined {
  if (!form) return form;
  const parties = view.parties.map((p) => ({ value: String(p.party_id), label: `${String(p.name)}（${p.kind === 'debtor' ? '被执行人' : '申请执行人'}）` }));
  // 补充材料 answers one of the receiving court's open requests, picked by what it asked for.
  const requests = (status.materialRequests ?? []).filter((r) => !r.suppliedAt)
    .map((r) => ({ value: r.requestId, label: `${r.items.join('、')}（${formatTime(r.requestedAt)}要求）` }));
  // 征询意见 is served on those asked; the decision and the ruling on every party (service forms tick them by name).
  const asked = new Set(view.consents.map((c) => String(c.party_id)));
  const askedParties = parties.filter((p) => asked.has(p.value));
  const choices: Record<string, { value: string; label: string }[]> = {
    appellantPartyId: parties, correctsSeq: correctableActs(status), 'receivingCourtOverride.court': courts, requestId: requests,
    partyIds: askedParties.length ? askedParties : parties, servedPartyIds: parties,
  };
  return { ...form, fields: form.fields.map((f) => (choices[f.name] ? { ...f, options: choices[f.name] } : f)) };
}

/** The officer picks the party by name among those asked, rather than typing its id. */
function withPartyChoices(form: ActionForm | undefined, view: TransferView): ActionForm | undefined {
  if (!form || !form.fields.some((f) => f.name === 'partyId')) return form;
  const nameOf = new Map(view.parties.map((p) => [String(p.party_id), String(p.name)]));
  const options = view.consents
    .filter((c) => form.action !== 'transfer.withdrawConsent' || c.reply === 'consented')
    .map((c) => ({ value: String(c.party_id), label: nameOf.get(String(c.party_id)) ?? String(c.party_id) }));
  return { ...form, fields: form.fields.map((f) => (f.name === 'partyId' ? { ...f, kind: 'select' as const, options } : f)) };
}

const partyLabels: Record<string, string> = { 'transfer.recordConsent': '答复是否同意移送破产审查', 'transfer.withdrawConsent': '撤回我的同意' };

/** A party answers for themself: the party id comes from their identity, not from a field. */
function partyForm(actor: Actor, form: ActionForm | undefined): ActionForm | undefined {
  if (!form || actor.role !== 'party') return form;
  const label = partyLabels[form.action];
  if (!label) return undefined;
  return { ...form, label, fields: form.fields.filter((f) => f.name !== 'partyId' && f.name !== 'documentRef') };
}

/**
 * The lead above a refused form: with field problems, the summary and each field carry them (any
 * not at a field are listed); otherwise the API's own reason, in its Chinese part.
 */
function refusalMessage(result: { status: number; message: string; fields: unknown[] }, other: string[]): string {
  if (result.fields.length > 0) return other.length === 0 ? `${refusalLead(result.status)}（见各栏下方的红字）` : refusalLead(result.status);
  return `${refusalLead(result.status)}：${chineseOnly(result.message)}`;
}

/**
 * A new transfer reaches the read model when its workflow's first activity has run; the page the
 * officer is sent to waits for it a little, so it does not say "not found" for a transfer just started.
 */
async function untilRecorded(deps: ApiDeps, creditCode: string, waitMs = 5000): Promise<void> {
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    const { rowCount } = await deps.pool.query("select 1 from transfers where credit_code = $1 and stage <> 'triggered'", [creditCode]);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The read model is written by the workflow's first activity; the clerk's next page waits for it a little. */
async function untilPreservationRecorded(deps: ApiDeps, preservationId: string, waitMs = 5000): Promise<void> {
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    const { rowCount } = await deps.pool.query('select 1 from preservations where preservation_id = $1', [preservationId]);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether this person receives preservation applications: the permission table, at their own court. */
function mayApply(actor: Actor): boolean {
  return !!actor.court && authorize(actor, 'preservation.apply', { processId: '', homeCourt: actor.court }).allowed;
}

export function consoleRoutes(deps: ApiDeps, api: ApiHandle) {
  const rules = tokenRules(deps);
  const app = new Hono<ConsoleEnv>();
  app.use('*', refuseNulInUrl());
  app.use('*', sameOriginPosts());
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('提交内容过大', 413) }));
  app.use('*', formPostsOnly());

  app.get('/console.css', (c) => c.body(consoleCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' }));

  // Demo sign-in follows the API's: once a real JWT_SECRET is set, nobody becomes a demo person.
  const demoSignIn = demoSignInEnabled(deps.config);
  const idp = rules.idp;
  const demoOff = idp
    ? '演示登录已关闭，请通过法院统一身份认证登录'
    : '演示登录已关闭，且未配置法院统一身份认证，请联系管理员';
  const signInPage = (next: string, error?: string) => (
    <SignInPage users={demoSignIn ? signInChoices() : []} next={next} error={error ?? (demoSignIn || idp ? undefined : demoOff)} courtSignIn={Boolean(idp)} />
  );
  app.get('/signin', (c) => c.html(signInPage(safeNext(c.req.query('next')))));
  app.post('/signin', async (c) => {
    if (!demoSignIn) return c.html(signInPage('/console', demoOff), 404);
    const form = await c.req.parseBody();
    const actor = demoUser(String(form.userId ?? ''));
    if (!actor) return c.html(signInPage('/console', '请选择一位演示用户'), 422);
    await signIn(c, rules, actor);
    await rememberPerson(deps.pool, actor);
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    return c.redirect(next === '/console' ? homeOf(actor) : next, 303);
  });
  // Sign-in through the court's identity provider (OIDC_ISSUER): off, these answer 404.
  app.get('/oidc/login', async (c) => {
    if (!idp) return c.html(signInPage('/console', demoOff), 404);
    try {
      return await startOidcSignIn(c, idp, rules.secret, safeNext(c.req.query('next')));
    } catch (err) {
      return c.html(signInPage('/console', `身份认证服务暂不可用，请稍后再试 (the identity provider cannot be reached: ${(err as Error).message.slice(0, 160)})`), 503);
    }
  });
  app.get('/oidc/callback', async (c) => {
    if (!idp) return c.html(signInPage('/console', demoOff), 404);
    try {
      const { token, actor, next } = await finishOidcSignIn(c, idp, rules);
      await signInWithToken(c, rules, token);
      await rememberPerson(deps.pool, actor);
      return c.redirect(next === '/console' ? homeOf(actor) : next, 303);
    } catch (err) {
      if (err instanceof OidcSignInFailed) return c.html(signInPage('/console', err.message), 401);
      throw err;
    }
  });
  app.post('/signout', (c) => {
    signOut(c);
    return c.redirect('/console/signin', 303);
  });

  app.use('*', requireSession(rules));
  app.use('*', async (_c, next) => {
    await refreshCourtNames(deps.pool);
    await next();
  });
  app.get('/', (c) => c.redirect(homeOf(c.get('actor')), 303));

  app.get('/inbox', async (c) => {
    const actor = c.get('actor');
    const rows = await inboxFor(deps.pool, actor);
    const todo = await todoFor(deps.pool, api, c.get('token'), actor);
    // 提醒与督办: those of the deadlines in this person's own list.
    const escalations = actor.role === 'party' ? [] : await openEscalations(deps.pool, { deadlineKeys: rows.map((r) => r.deadline_key) });
    return c.html(<InboxPage actor={actor} todo={todo} rows={rows} now={new Date()} escalations={escalations}
      captions={await captionsOf(deps.pool, [...rows.map((r) => r.process_id), ...escalations.map((e) => e.process_id)])} />);
  });

  const queuePage = async (c: ConsoleContext, notice?: { ok: boolean; text: string }, status = 200) => {
    const actor = c.get('actor');
    const items = await queueFor(deps.pool, actor);
    const captions = await captionsOf(deps.pool, items.map((i) => i.process_id));
    return c.html(<QueuePage actor={actor} items={items} colleagues={colleaguesOf(actor)} now={new Date()} notice={notice} captions={captions} />, status as 200);
  };
  app.get('/queue', (c) => queuePage(c, c.req.query('done') ? { ok: true, text: '已记录交接。' } : undefined));
  const queueAction = (claim: boolean) => async (c: ConsoleContext) => {
    const actor = c.get('actor');
    const form = await c.req.parseBody();
    const version = typeof form.expectedVersion === 'string' && /^\d+$/.test(form.expectedVersion) ? Number(form.expectedVersion) : undefined;
    try {
      await assignWork(deps.pool, actor, {
        processId: String(form.processId ?? ''),
        assignee: claim ? actor.userId : String(form.assignee ?? ''),
        expectedVersion: claim ? undefined : version ?? 0,
        reason: typeof form.reason === 'string' && form.reason.trim() ? form.reason.trim().slice(0, 500) : undefined,
      });
      return c.redirect('/console/queue?done=1', 303);
    } catch (err) {
      if (err instanceof QueueRefusal) return queuePage(c, { ok: false, text: withoutGloss(err.message) }, err.status);
      throw err;
    }
  };
  app.post('/queue/claim', queueAction(true));
  app.post('/queue/assign', queueAction(false));

  const boardPage = async (c: ConsoleContext, outcome?: UndeliveredNoticesView['outcome'], status = 200) => {
    const actor = c.get('actor');
    if (!mayList(actor, 'supervision.board')) return c.redirect(homeOf(actor), 303);
    const court = scopedCourt(actor, 'supervision.board');
    const [counts, deadlines, figures, interference, failed, failing, ended, escalations] = await Promise.all([
      countsByStageAndCourt(deps.pool, court), urgentDeadlines(deps.pool, court), assessmentFigures(deps.pool, court),
      mayList(actor, 'interference.view') ? interferenceLog(deps.pool, { court: scopedCourt(actor, 'interference.view') }) : Promise.resolve([]),
      callApi<{ items: UndeliveredNotice[] }>(api, c.get('token'), 'GET', '/notices?status=failed'),
      listProcessFailures(deps.pool, court),
      // Temporal's visibility, not PostgreSQL: a board that cannot reach it says so instead of showing none.
      listEndedProcesses(deps.client, deps.pool, court).catch((err: unknown) => {
        console.warn(`board: could not list processes stopped by the engine: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }),
      openEscalations(deps.pool, { court }),
    ]);
    const items = failed.ok ? failed.body.items : [];
    const processIds = items.map((n) => n.processId);
    const notices = { items, captions: await captionsOf(deps.pool, processIds), partyNames: await partyNamesOf(deps.pool, processIds), error: failed.ok ? undefined : `${refusalLead(failed.status)}：${chineseOnly(failed.message)}`, outcome };
    return c.html(
      <BoardPage actor={actor} now={new Date()} counts={counts} deadlines={deadlines} figures={figures} interference={interference} notices={notices} failing={failing} ended={ended}
        escalations={escalations} captions={await captionsOf(deps.pool, [...deadlines.map((d) => d.process_id), ...failing.map((f) => f.workflowId),
          ...(ended ?? []).map((e) => e.workflowId), ...escalations.map((e) => e.process_id)])} />,
      status as 200,
    );
  };
  app.get('/board', (c) => {
    const redelivered = c.req.query('redelivered');
    return boardPage(c, redelivered ? { noticeKey: redelivered, ok: true, message: '已重新投递该通知' } : undefined);
  });
  app.post('/board/notices/:key/redelivery', async (c) => {
    const noticeKey = c.req.param('key');
    const posted = await c.req.parseBody();
    const reason = typeof posted.reason === 'string' ? posted.reason.trim() : '';
    const result = await callApi(api, c.get('token'), 'POST', `/notices/${encodeURIComponent(noticeKey)}/redelivery`, { reason });
    if (result.ok) return c.redirect(`/console/board?redelivered=${encodeURIComponent(noticeKey)}`, 303);
    const problem = result.fields.find((f) => f.field === 'reason') ? '请填写重新投递的理由' : chineseOnly(result.message);
    return boardPage(c, { noticeKey, ok: false, message: `${refusalLead(result.status)}：${problem}`, reason }, result.status);
  });

  app.get('/transfers', async (c) => {
    const actor = c.get('actor');
    const search = listSearchFrom(c.req.query());
    let listed: Awaited<ReturnType<typeof transferList>> = { rows: [], total: 0 };
    if (mayList(actor, 'transfer.list')) {
      // A court outside this person's list scope is refused by scopedFilter; the list then shows their own scope.
      let filter;
      try {
        filter = scopedFilter(actor, 'transfer.list', transferScopeColumns, search.court);
      } catch {
        filter = scopedFilter(actor, 'transfer.list', transferScopeColumns);
        search.court = undefined;
      }
      listed = await transferList(deps.pool, filter, search);
    }
    const courts = mayList(actor, 'transfer.list') ? await transferCourts(deps.pool, scopedFilter(actor, 'transfer.list', transferScopeColumns)) : [];
    const canTrigger = authorize(actor, 'transfer.trigger').allowed;
    return c.html(<ListPage actor={actor} title="执转破程序" current="transfers" id="transfer-list"
      actions={canTrigger ? <a class="button" href="/console/transfers/new">发起执转破</a> : undefined}
      controls={<ListSearchForm action="/console/transfers" search={search} placeholder="被执行人名称、信用代码或案号"
        stages={transferStages.map((s) => ({ value: s, label: transferStageLabels[s] }))} courts={courts.map((code) => ({ value: code, label: courtName(code) }))} />}
      pager={listed ? <Pager base="/console/transfers" search={search} total={listed.total} /> : undefined}
      missing={listed ? undefined : '执转破程序尚未上线。'} head={['被执行人', '统一社会信用代码', '阶段', '执行法院', '受移送法院', '下一期限']}
      rows={(listed?.rows ?? []).map((r) => ({ href: `/console/transfers/${r.credit_code}`, overdue: r.overdue,
        cells: [r.debtor_name ?? r.credit_code, r.credit_code, r.stage_label, courtName(r.home_court), courtName(r.receiving_court), r.next_due_at] }))} />);
  });

  const triggerPage = (c: ConsoleContext, outcome?: FormOutcome, status = 200, initial?: Record<string, string>) => {
    const actor = c.get('actor');
    if (!authorize(actor, 'transfer.trigger').allowed) return c.redirect('/console/transfers', 303);
    return c.html(<TriggerPage actor={actor} outcome={outcome} initial={initial} />, status as 200);
  };
  // From the candidate worklist: the debtor's code and its unsatisfied cases in this court, applicants to add.
  app.get('/transfers/new', async (c) => {
    const candidate = c.req.query('candidate');
    if (!candidate || !/^[0-9A-Z]{18}$/.test(candidate)) return triggerPage(c);
    const lines = await candidateCaseLines(deps.pool, candidate, c.get('actor').court ?? '');
    return triggerPage(c, undefined, 200, { creditCode: candidate, cases: lines.join('\n'), 'investigation.outcome': 'none' });
  });
  app.post('/transfers/new', async (c) => {
    const posted = await c.req.parseBody();
    const { body, lines } = triggerBodyFromForm(posted, c.get('actor').court ?? '');
    const result = await callApi<{ creditCode: string; created: boolean }>(api, c.get('token'), 'POST', '/transfers', body);
    if (result.ok) {
      await untilRecorded(deps, result.body.creditCode);
      const done = result.body.created ? triggerAction : 'transfer.addCase';
      return c.redirect(`/console/transfers/${encodeURIComponent(result.body.creditCode)}?done=${done}`, 303);
    }
    const { byField, other } = problemsByField(triggerForm.fields, locateCaseProblems(result.fields, lines));
    const values = postedValues(posted);
    return triggerPage(c, { action: triggerAction, message: refusalMessage(result, other), byField, other, values }, result.status);
  });

  const transferPage = async (c: ConsoleContext, outcome?: FormOutcome, status = 200) => {
    const actor = c.get('actor');
    const code = c.req.param('code') ?? '';
    const view = await transferView(deps.pool, code);
    if (!view || !authorize(actor, 'transfer.view', scopeOf(view)).allowed) {
      return c.html(<ListPage actor={actor} title="未找到" current="transfers" id="none" head={[]} rows={[]} missing="未找到该程序，或您无权查看。" />, 404);
    }
    const processId = String(view.transfer.workflow_id);
    const done = c.req.query('done');
    const current = await callApi<StatusView>(api, c.get('token'), 'GET', `/transfers/${encodeURIComponent(code)}`);
    const seen = partyView(actor, view, await timelineOf(deps.pool, processId), current.ok ? current.body : undefined);
    const doneForm = done ? formFor(done) : undefined;
    const documents = await callApi<{ items: DocumentView[] }>(api, c.get('token'), 'GET', `/transfers/${encodeURIComponent(code)}/documents`);
    return c.html(
      <TransferPage actor={actor} now={new Date()} view={seen.view} timeline={seen.timeline} documents={documents.ok ? documents.body.items : undefined}
        deadlines={await deadlinesOf(deps.pool, processId)} forms={transferFormsFor(actor, view, current.ok ? current.body : undefined, await receivingCourtChoices(deps.pool))} outcome={outcome}
        around={current.ok ? current.body : undefined} stopped={current.ok ? stoppedWarning(current.body) : undefined}
        unavailable={current.ok ? undefined : `暂时无法读取程序的当前状态，不能办理（${chineseOnly(current.message)}）`}
        notice={done ? `已办理：${doneForm?.label ?? actionLabel(done)}` : undefined} postTo={`/console/transfers/${code}`} readOnly={actor.role === 'party'} />,
      status as 200,
    );
  };
  app.get('/transfers/:code', (c) => transferPage(c));
  // One issued document, printable on A4 (the API decides who may read it).
  app.get('/transfers/:code/documents/:id', async (c) => {
    const actor = c.get('actor');
    const code = c.req.param('code');
    const doc = await callApi<DocumentView>(api, c.get('token'), 'GET', `/transfers/${encodeURIComponent(code)}/documents/${encodeURIComponent(c.req.param('id'))}`);
    if (!doc.ok) {
      return c.html(<ListPage actor={actor} title="未找到" current="transfers" id="none" head={[]} rows={[]} missing="未找到该文书，或您无权查看。" />, 404);
    }
    return c.html(<DocumentPage actor={actor} doc={doc.body} back={`/console/transfers/${encodeURIComponent(code)}`} />);
  });
  app.post('/transfers/:code', async (c) => {
    const actor = c.get('actor');
    const code = c.req.param('code');
    const posted = await c.req.parseBody();
    const form = partyForm(actor, formFor(String(posted._action ?? '')));
    if (!form) return transferPage(c, { action: '', message: '未知的操作', byField: {}, other: [], values: {} }, 400);
    const body = bodyFromForm(form.fields, posted);
    if (actor.role === 'party' && actor.partyId) {
      body.partyId = actor.partyId;
      // A party's reply through the console is itself its written opinion (an electronic filing under its
      // own signed-in identity): it has no 文号 of its own, so the reply is referenced by who sent it and when.
      if (form.action === 'transfer.recordConsent' && body.consents === true) body.documentRef = `当事人网上书面答复（${actor.partyId}，${formatTime(new Date())}）`;
    }
    const result = await callApi(api, c.get('token'), 'POST', `/transfers/${encodeURIComponent(code)}${apiPathOf(form, body)}`, body);
    if (result.ok) return c.redirect(`/console/transfers/${code}?done=${encodeURIComponent(form.action)}`, 303);
    const { byField, other } = problemsByField(form.fields, result.fields);
    const values = postedValues(posted);
    return transferPage(c, { action: form.action, message: refusalMessage(result, other), byField, other, values }, result.status);
  });

  const candidatesPage = async (c: ConsoleContext, extra: { notice?: string; outcome?: DismissalOutcome } = {}, status = 200) => {
    const actor = c.get('actor');
    if (!mayList(actor, 'transfer.viewCandidates')) return c.redirect(homeOf(actor), 303);
    const filter = c.req.query('status') ?? 'open';
    const query = ['open', 'triggered', 'dismissed'].includes(filter) ? `?status=${filter}` : '';
    const listed = await callApi<{ items: Candidate[] }>(api, c.get('token'), 'GET', `/transfer-candidates${query}`);
    return c.html(
      <CandidatesPage actor={actor} items={listed.ok ? listed.body.items : []} status={query ? filter : 'all'}
        canTrigger={authorize(actor, 'transfer.trigger').allowed} canDismiss={authorize(actor, 'transfer.dismissCandidate').allowed}
        error={listed.ok ? undefined : `${refusalLead(listed.status)}：${chineseOnly(listed.message)}`} {...extra} />,
      status as 200,
    );
  };
  // The seizure register of one debtor, by asset and rank (GET /seizures?debtor=).
  app.get('/seizures', async (c) => {
    const actor = c.get('actor');
    if (!mayList(actor, 'preservation.list') || actor.role === 'party') return c.redirect(homeOf(actor), 303);
    const debtor = (c.req.query('debtor') ?? '').trim();
    if (!debtor) return c.html(<SeizuresPage actor={actor} debtor="" rows={[]} />);
    const listed = await callApi<{ seizures: RegisterRow[] }>(api, c.get('token'), 'GET', `/seizures?debtor=${encodeURIComponent(debtor)}`);
    return c.html(
      <SeizuresPage actor={actor} debtor={debtor} rows={listed.ok ? listed.body.seizures : []}
        error={listed.ok ? undefined : `${refusalLead(listed.status)}：${chineseOnly(listed.message)}`} />,
      (listed.ok ? 200 : listed.status) as 200,
    );
  });

  app.get('/candidates', (c) => candidatesPage(c, { notice: c.req.query('dismissed') ? `已排除：${c.req.query('dismissed')}` : undefined }));
  app.post('/candidates/:code/dismissal', async (c) => {
    const code = c.req.param('code');
    const posted = await c.req.parseBody();
    const reason = typeof posted.reason === 'string' ? posted.reason.trim() : '';
    const result = await callApi(api, c.get('token'), 'POST', `/transfer-candidates/${encodeURIComponent(code)}/dismissal`, { reason });
    if (result.ok) return c.redirect(`/console/candidates?dismissed=${encodeURIComponent(code)}`, 303);
    const { byField, other } = problemsByField([{ name: 'reason', label: '排除理由', kind: 'text' }], result.fields);
    return candidatesPage(c, {
      outcome: { creditCode: code, message: refusalMessage(result, other), reasonErrors: byField.reason ?? [], reason },
    }, result.status);
  });

  app.get('/preservations', async (c) => {
    const actor = c.get('actor');
    const search = listSearchFrom(c.req.query());
    if (search.stage && !(preservationStages as readonly string[]).includes(search.stage)) search.stage = undefined;
    // A party's list is the API's (its own, secrecy applied); staff read their court's from PostgreSQL. Both search and page alike.
    let listed: { rows: Record<string, unknown>[]; total: number } | undefined = { rows: [], total: 0 };
    if (actor.role === 'party') {
      const query = new URLSearchParams({ limit: String(search.pageSize), offset: String((search.page - 1) * search.pageSize) });
      if (search.q) query.set('q', search.q);
      if (search.stage) query.set('stage', search.stage);
      if (search.overdue) query.set('overdue', 'true');
      const r = await callApi<{ preservations: Record<string, unknown>[]; total: number }>(api, c.get('token'), 'GET', `/preservations?${query}`);
      listed = r.ok ? {
        total: r.body.total,
        rows: r.body.preservations.map((p) => ({
          preservation_id: p.preservationId, application_number: p.applicationNumber, stage_label: p.stageLabel, respondent_credit_code: p.respondentCreditCode,
          case_number: p.caseNumber, applied_at: p.appliedAt ? new Date(String(p.appliedAt)) : null, next_renew_by: null,
        })),
      } : listed;
    } else if (mayList(actor, 'preservation.list')) {
      listed = await preservationList(deps.pool, scopedCourt(actor, 'preservation.list'), search);
    }
    const canApply = mayApply(actor);
    return c.html(<ListPage actor={actor} title="财产保全" current="preservations" id="preservation-list"
      actions={canApply ? <a class="button" href="/console/preservations/new">受理保全申请</a> : undefined}
      controls={<ListSearchForm action="/console/preservations" search={search} placeholder="案号、申请号、被申请人名称或信用代码"
        stages={preservationStages.map((s) => ({ value: s, label: preservationStageLabels[s] }))} />}
      pager={listed ? <Pager base="/console/preservations" search={search} total={listed.total} /> : undefined}
      missing={listed ? undefined : '财产保全程序尚未上线。'} head={['申请号', '阶段', '案号', '被申请人信用代码', '申请时间', '最迟续行申请日']}
      rows={(listed?.rows ?? []).map((r) => ({ href: `/console/preservations/${encodeURIComponent(String(r.preservation_id))}`,
        cells: [r.application_number as string, r.stage_label as string, r.case_number as string, r.respondent_credit_code as string, r.applied_at as Date, r.next_renew_by as Date] }))} />);
  });

  const applyPage = (c: ConsoleContext, outcome?: FormOutcome, status = 200) => {
    const actor = c.get('actor');
    if (!mayApply(actor)) return c.redirect('/console/preservations', 303);
    return c.html(<PreservationApplyPage actor={actor} outcome={outcome} />, status as 200);
  };
  app.get('/preservations/new', (c) => applyPage(c));
  app.post('/preservations/new', async (c) => {
    const actor = c.get('actor');
    const posted = await c.req.parseBody();
    // The court is the clerk's own: the permission table lets a filing desk receive only there.
    const body = { ...bodyFromForm(applyForm.fields, posted), court: actor.court ?? '' };
    const result = await callApi<{ preservationId: string }>(api, c.get('token'), 'POST', '/preservations', body);
    if (result.ok) {
      await untilPreservationRecorded(deps, result.body.preservationId);
      return c.redirect(`/console/preservations/${encodeURIComponent(result.body.preservationId)}?done=${applyAction}`, 303);
    }
    const { byField, other } = problemsByField(applyForm.fields, result.fields);
    return applyPage(c, { action: applyAction, message: refusalMessage(result, other), byField, other, values: postedValues(posted) }, result.status);
  });

  const preservationPage = async (c: ConsoleContext, outcome?: FormOutcome, status = 200) => {
    const actor = c.get('actor');
    const id = c.req.param('id') ?? '';
    const view = await preservationView(deps.pool, id);
    if (!view || !authorize(actor, 'preservation.view', { processId: view.preservation.preservation_id, homeCourt: view.preservation.court,
      partyIds: [String(view.preservation.applicant_party_id), String(view.preservation.respondent_party_id)] }).allowed
      || !secrecyAllows(actor, secrecyOfRow(view.preservation))) {
      return c.html(<ListPage actor={actor} title="未找到" current="preservations" id="none" head={[]} rows={[]} missing="未找到该保全，或您无权查看。" />, 404);
    }
    // The acts open to this person come from the API (permission table, stage), as for a transfer.
    const current = await callApi<PreservationState & { allowedActions: string[]; engineStatus?: EngineStatus; engineWarning?: string }>(api, c.get('token'), 'GET', `/preservations/${encodeURIComponent(id)}`);
    const done = c.req.query('done');
    const doneLabel = done === applyAction ? applyForm.label : done ? preservationForm(done)?.label ?? actionLabel(done) : undefined;
    return c.html(
      <PreservationPage actor={actor} now={new Date()} view={view} timeline={await timelineOf(deps.pool, id)} deadlines={await deadlinesOf(deps.pool, id)}
        forms={current.ok ? preservationFormsFor(current.body) : []} outcome={outcome} postTo={`/console/preservations/${encodeURIComponent(id)}`}
        notice={doneLabel ? `已办理：${doneLabel}` : undefined} stopped={current.ok ? stoppedWarning(current.body) : undefined}
        unavailable={current.ok ? undefined : `暂时无法读取保全的当前状态，不能办理（${chineseOnly(current.message)}）`} />,
      status as 200,
    );
  };
  app.get('/preservations/:id', (c) => preservationPage(c));
  app.post('/preservations/:id', async (c) => {
    const id = c.req.param('id');
    const posted = await c.req.parseBody();
    const form = preservationForm(String(posted._action ?? ''));
    if (!form) return preservationPage(c, { action: '', message: '未知的操作', byField: {}, other: [], values: {} }, 400);
    const body = bodyFromForm(form.fields, posted);
    const result = await callApi(api, c.get('token'), 'POST', `/preservations/${encodeURIComponent(id)}${apiPathOf(form, body)}`, body);
    if (result.ok) return c.redirect(`/console/preservations/${encodeURIComponent(id)}?done=${encodeURIComponent(form.action)}`, 303);
    const { byField, other } = problemsByField(form.fields, result.fields);
    return preservationPage(c, { action: form.action, message: refusalMessage(result, other), byField, other, values: postedValues(posted) }, result.status);
  });

  // 干预过问 (反干预): every member of staff records what reached them, through the API; the list is their scope.
  const interferencePage = async (c: ConsoleContext, outcome?: FormOutcome, status = 200) => {
    const actor = c.get('actor');
    const mayRecord = mayRecordInterference(actor);
    const mayView = mayList(actor, 'interference.view');
    if (!mayRecord && !mayView) return c.redirect(homeOf(actor), 303);
    const rows = await interferenceLog(deps.pool, mayView ? { court: scopedCourt(actor, 'interference.view') } : { recordedBy: actor.userId }, 100);
    return c.html(
      <InterferencePage actor={actor} rows={rows} mayRecord={mayRecord} ownOnly={!mayView} outcome={outcome}
        notice={c.req.query('done') ? `已办理：${interferenceForm.label}，记录已存入全程留痕` : undefined} />,
      status as 200,
    );
  };
  app.get('/interference', (c) => interferencePage(c));
  app.post('/interference', async (c) => {
    const posted = await c.req.parseBody();
    const body = bodyFromForm(interferenceForm.fields, posted);
    const result = await callApi(api, c.get('token'), 'POST', '/interference', body);
    if (result.ok) return c.redirect('/console/interference?done=1', 303);
    const { byField, other } = problemsByField(interferenceForm.fields, result.fields);
    return interferencePage(c, { action: interferenceAction, message: refusalMessage(result, other), byField, other, values: postedValues(posted) }, result.status);
  });

  app.get('/party', async (c) => {
    const actor = c.get('actor');
    if (actor.role !== 'party' || !actor.partyId) return c.redirect(homeOf(actor), 303);
    // The transfers naming this party, as the API lists them to its token (own cases, caseIds).
    const listed = await callApi<{ items: PartyListRow[] }>(api, c.get('token'), 'GET', '/transfers?pageSize=200');
    const rows = listed.ok ? listed.body.items : [];
    return c.html(<ListPage actor={actor} title="我的案件" current="party" id="my-cases" head={['统一社会信用代码', '阶段', '执行法院', '下一期限']}
      missing={listed.ok ? undefined : `暂时无法读取您的案件（${chineseOnly(listed.message)}）`}
      rows={rows.map((r) => ({ href: `/console/transfers/${r.creditCode}`, cells: [r.creditCode, r.stageLabel, courtName(r.homeCourt), r.nextDueAt ? new Date(r.nextDueAt) : null] }))} />);
  });

  return app;
}

/** The read model row as the secrecy rule reads it (migration 171). */
function secrecyOfRow(row: Record<string, unknown>): Disclosable {
  return {
    kind: row.kind as Disclosable['kind'], stage: String(row.stage), applicantPartyId: String(row.applicant_party_id),
    respondentPartyId: String(row.respondent_party_id), disclosedAt: row.disclosed_at as Date | null,
  };
}
