// Lists read from PostgreSQL: preservations by court, stage, search and overdue, a page at a time, measures expiring within N days,
// and the enforcement division's queue of granted rulings being implemented.
import { createRoute, z } from '@hono/zod-openapi';
import { statuteProfileFor } from '../../infra/statute-profile';
import { leadTime } from '../../workflows/clock/statute-profile';
import type { ApiDeps } from '../deps';
import { guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { scopedCourt, SqlFilter } from '../http/list-scope';
import { addPreservationSearch } from '../http/list-search';
import { listScope } from '../../workflows/shared/permissions';
import type { Actor } from '../../workflows/shared/actor';
import { enforcementQueueQuery, expiringMeasuresQuery, listPreservationsQuery, seizureRegisterQuery } from '../schemas/preservation';
import { routesApp } from '../http/openapi';

const rows = (name: string) => z.object({ [name]: z.array(z.looseObject({})) });
const listAnswer = (name: string, description: string) => ({ description, content: { 'application/json': { schema: rows(name) } } });


const listRoute = createRoute({
  method: 'get', path: '/preservations', tags: ['preservation'], summary: '保全案件列表 (preservations by court and stage)',
  ...guardedBy('preservation.list'), request: { query: listPreservationsQuery },
  responses: { 200: { description: 'One page, newest first; total is how many match', content: { 'application/json': { schema: z.object({
    preservations: z.array(z.looseObject({})), total: z.number().int(), limit: z.number().int(), offset: z.number().int(),
  }) } } } },
});
const expiringRoute = createRoute({
  method: 'get', path: '/measures/expiring', tags: ['preservation'], summary: '即将到期的查封、扣押、冻结：保全中、已转执行、执转破审查中 (seizures in effect expiring within N days, from the seizure register)',
  ...guardedBy('preservation.list'), request: { query: expiringMeasuresQuery },
  responses: { 200: listAnswer('measures', 'Soonest first') },
});
const queueRoute = createRoute({
  method: 'get', path: '/enforcement-queue', tags: ['preservation'], summary: '执行部门待实施的保全裁定 (the enforcement queue of a court)',
  ...guardedBy('preservation.list'), request: { query: enforcementQueueQuery },
  responses: { 200: listAnswer('queue', 'Oldest hand-over first') },
});

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The WHERE clause of GET /preservations for `actor`: a party's own preservations — as applicant
 * at once, as respondent once disclosed (migration 171, ../../workflows/preservation/secrecy) —
 * within its token's caseIds; staff by court as scopedCourt decides.
 */
function listFilter(actor: Actor, court: string | undefined, stage: string | undefined): SqlFilter {
  const scope = listScope(actor, 'preservation.list');
  const filter = new SqlFilter();
  if (scope.kind === 'party') {
    // The workflow stamps disclosed_at whenever secrecy ends (an in-suit one at application).
    filter.add('(p.applicant_party_id = ? or (p.respondent_party_id = ? and p.disclosed_at is not null))', scope.partyId, scope.partyId);
    if (scope.caseIds) filter.add('p.preservation_id = any(?::text[])', scope.caseIds);
    if (court) filter.add('p.court = ?', court);
  } else {
    const scoped = scopedCourt(actor, 'preservation.list', court);
    if (scoped) filter.add('p.court = ?', scoped);
  }
  if (stage) filter.add('p.stage = ?', stage);
  return filter;
}

/** Court work lists (the expiring seizures, the enforcement queue) hold no party's own rows: empty for a party. */
function partyList(actor: Actor): boolean {
  return listScope(actor, 'preservation.list').kind === 'party';
}
const registerRoute = createRoute({
  method: 'get', path: '/seizures', tags: ['preservation'],
  summary: '被执行人的查封、扣押、冻结登记：每项财产上的轮候顺位、生效与到期、持有法院 (the seizure register of one debtor, by asset and rank)',
  ...guardedBy('preservation.list'), request: { query: seizureRegisterQuery },
  responses: { 200: listAnswer('seizures', 'By asset, then rank; released and lapsed ones after those in effect') },
});

export function preservationLists(deps: ApiDeps, refusals: Record<number, object>) {
  const app = routesApp<AuthEnv>();
  for (const route of [listRoute, expiringRoute, queueRoute, registerRoute]) Object.assign(route.responses, refusals);
  for (const path of ['/preservations', '/measures/expiring', '/enforcement-queue', '/seizures']) app.get(path, requireRoleFor('preservation.list'));

  app.openapi(listRoute, async (c) => {
    const { court, stage, limit, offset, q, overdue } = c.req.valid('query');
    const filter = addPreservationSearch(listFilter(c.get('actor'), court, stage), { q, overdue: overdue === undefined ? undefined : overdue === 'true' });
    const total = await deps.pool.query<{ n: number }>(`select count(*)::int as n from preservations p ${filter.where}`, filter.params);
    const { rows: found } = await deps.pool.query(
      `select p.preservation_id as "preservationId", p.court, p.application_number as "applicationNumber", p.kind, p.urgent, p.stage,
              p.stage_label as "stageLabel", p.case_number as "caseNumber", p.ruling, ${iso('p.applied_at')} as "appliedAt", p.applied_on as "appliedOn",
              ${iso('p.handed_over_at')} as "handedOverAt", p.enforcement_case_number as "enforcementCaseNumber",
              p.respondent_credit_code as "respondentCreditCode"
         from preservations p
        ${filter.where}
        order by p.applied_at desc, p.preservation_id limit ${limit} offset ${offset}`,
      filter.params,
    );
    return c.json({ preservations: found, total: total.rows[0]!.n, limit, offset }, 200);
  });

  app.openapi(expiringRoute, async (c) => {
    const { withinDays, court } = c.req.valid('query');
    if (partyList(c.get('actor'))) return c.json({ measures: [] }, 200);
    // Days as the configured profile counts them (compressed: 100 ms a day).
    const withinMs = leadTime(statuteProfileFor(deps.config), { amount: withinDays, unit: 'days', article: 'query' });
    // The seizure register: live preservation measures, converted seizures held by enforcement and
    // those of a debtor under transfer review, under the court holding each now (migration 170).
    const { rows: found } = await deps.pool.query(
      `select coalesce(s.preservation_id, s.seizure_key) as "preservationId", coalesce(s.measure_id, s.seizure_key) as "measureId",
              s.seizure_key as "seizureKey", s.holder_court as court, s.asset_kind as kind, s.asset, s.location, s.rank,
              coalesce(s.term, 1) as term, s.officer, s.case_number as "caseNumber", s.source, s.holder, s.transfer_id as "transferId",
              s.debtor_credit_code as "debtorCreditCode", ${iso('s.taken_at')} as "takenAt", ${iso('s.converted_at')} as "convertedAt",
              ${iso('s.expires_at')} as "expiresAt", ${iso('s.renew_by')} as "renewBy"
         from seizure_register s
        where s.status = 'live' and ($1::text is null or s.holder_court = $1)
          and s.expires_at > now() and s.expires_at <= now() + make_interval(secs => $2::double precision / 1000)
        order by s.expires_at, s.seizure_key`,
      [scopedCourt(c.get('actor'), 'preservation.list', court) ?? null, withinMs],
    );
    return c.json({ measures: found }, 200);
  });

  app.openapi(registerRoute, async (c) => {
    const { debtor, court } = c.req.valid('query');
    if (partyList(c.get('actor'))) return c.json({ seizures: [] }, 200);
    // Every seizure of the debtor (matched by the canonical credit code, whatever its origin), under
    // the court holding each now; a court sees the ones it holds, an administrator all.
    const { rows: found } = await deps.pool.query(
      `select s.seizure_key as "seizureKey", s.asset_key as "assetKey", s.asset_kind as kind, s.asset, s.location, s.rank,
              s.status, s.queued_since is not null and s.effective_at is null as queued, coalesce(s.term, 1) as term, s.renewals,
              s.holder_court as "holderCourt", s.holder, s.preservation_id as "preservationId", s.measure_id as "measureId",
              s.transfer_id as "transferId", s.case_number as "caseNumber", s.officer,
              ${iso('s.taken_at')} as "takenAt", ${iso('s.effective_at')} as "effectiveAt", ${iso('s.queued_since')} as "queuedSince",
              ${iso('s.expires_at')} as "expiresAt", ${iso('s.renew_by')} as "renewBy", ${iso('s.released_at')} as "releasedAt",
              s.release_ruling_number as "releaseRulingNumber"
         from seizure_register s
        where s.debtor_credit_code = $1 and ($2::text is null or s.holder_court = $2)
        order by s.asset_key, s.asset_kind, (s.status <> 'live'), s.rank nulls last, s.taken_at, s.seizure_key`,
      [debtor, scopedCourt(c.get('actor'), 'preservation.list', court) ?? null],
    );
    return c.json({ seizures: found }, 200);
  });

  app.openapi(queueRoute, async (c) => {
    const { court } = c.req.valid('query');
    if (partyList(c.get('actor'))) return c.json({ queue: [] }, 200);
    const { rows: found } = await deps.pool.query(
      `select preservation_id as "preservationId", court, kind, case_number as "caseNumber", measures_recorded as "measuresRecorded",
              ${iso('handed_over_at')} as "handedOverAt", ${iso('ruled_at')} as "ruledAt"
         from enforcement_queue where ($1::text is null or court = $1) order by handed_over_at, preservation_id`,
      [scopedCourt(c.get('actor'), 'preservation.list', court) ?? null],
    );
    return c.json({ queue: found }, 200);
  });
  return app;
}
