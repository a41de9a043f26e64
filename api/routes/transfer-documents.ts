// The documents a transfer issued (释明 with the consent request, 移送决定书, 中止执行通知书,
// 移送材料清单), from PostgreSQL: court staff entitled to view the transfer see every one; a party
// sees only those addressed to it or concerning its own cases. Each carries the SHA-256 that the
// audit trail recorded when it was issued.
import { createRoute, z } from '@hono/zod-openapi';
import type pg from 'pg';
import type { Actor } from '../../workflows/shared/actor';
import { authorize, type ProcessScope } from '../../workflows/shared/permissions';
import type { ApiDeps } from '../deps';
import { authenticate, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { ApiError } from '../http/errors';
import { enterpriseCreditCodeSchema as creditCodeSchema } from '../schemas/identifiers';
import { transferWorkflowId } from './transfer-start';
import { jsonContent, refusals as refusalsOf, routesApp } from '../http/openapi';

const refusals = refusalsOf(401, 403, 404, 422);

const codeParam = z.object({ creditCode: creditCodeSchema.openapi({ param: { name: 'creditCode', in: 'path' } }) });
const documentParams = codeParam.extend({
  documentId: z.string().regex(/^doc-[0-9a-f]{24}$/, '文书编号格式为 doc- 加24位十六进制 (doc- and 24 hex digits)')
    .openapi({ param: { name: 'documentId', in: 'path' }, example: 'doc-3f2a9c0d1e4b5a6978877665' }),
});

const documentSummary = z.object({
  id: z.string(), kind: z.string(), title: z.string(), recipientKind: z.string(), recipient: z.string().nullable(),
  caseNumbers: z.array(z.string()), sha256: z.string(), createdAt: z.string(),
}).openapi('DocumentSummary');
const documentBody = documentSummary.extend({ content: z.string() }).openapi('Document');

const listRoute = createRoute({
  method: 'get', path: '/transfers/{creditCode}/documents', tags: ['transfers'], summary: 'Documents the transfer issued that the caller may read',
  ...guardedBy('transfer.view'),
  middleware: [requireRoleFor('transfer.view')] as const,
  request: { params: codeParam },
  responses: { 200: jsonContent(z.object({ items: z.array(documentSummary) }), 'Documents, oldest first'), ...refusals },
});

const oneRoute = createRoute({
  method: 'get', path: '/transfers/{creditCode}/documents/{documentId}', tags: ['transfers'], summary: 'One document: its Chinese text and content hash',
  ...guardedBy('transfer.view'),
  middleware: [requireRoleFor('transfer.view')] as const,
  request: { params: documentParams },
  responses: { 200: jsonContent(documentBody, 'The document'), ...refusals },
});

interface DocumentRow {
  id: string; kind: string; title: string; recipient_kind: string; recipient: string | null; party_ids: string[];
  case_numbers: string[]; sha256: string; created_at: Date; content?: string;
}

async function transferScope(pool: pg.Pool, creditCode: string): Promise<ProcessScope> {
  const { rows } = await pool.query<{ home_court: string; receiving_court: string | null; involved_courts: string[]; party_ids: string[] }>(
    `select t.home_court, t.receiving_court, t.involved_courts,
       array(select p.party_id from transfer_parties p where p.credit_code = t.credit_code) as party_ids
     from transfers t where t.credit_code = $1`,
    [creditCode],
  );
  const row = rows[0];
  if (!row) throw new ApiError(404, { error: 'NotFound', message: `没有该被执行人的移送程序 (no transfer for ${creditCode})` });
  return {
    processId: transferWorkflowId(creditCode), homeCourt: row.home_court, receivingCourt: row.receiving_court ?? undefined,
    involvedCourts: row.involved_courts, partyIds: row.party_ids,
  };
}

async function entitledScope(pool: pg.Pool, actor: Actor, creditCode: string): Promise<ProcessScope> {
  const scope = await transferScope(pool, creditCode);
  const decision = authorize(actor, 'transfer.view', scope);
  if (!decision.allowed) throw new ApiError(403, { error: 'Forbidden', message: `无权查看 (forbidden): ${decision.reason}` });
  return scope;
}

const readableBy = (actor: Actor, row: DocumentRow) => actor.role !== 'party' || row.party_ids.includes(actor.partyId!);

function view(row: DocumentRow) {
  return {
    id: row.id, kind: row.kind, title: row.title, recipientKind: row.recipient_kind, recipient: row.recipient,
    caseNumbers: row.case_numbers, sha256: row.sha256, createdAt: row.created_at.toISOString(),
  };
}

const columns = 'id, kind, title, recipient_kind, recipient, party_ids, case_numbers, sha256, created_at';

export function transferDocumentRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  app.use('/transfers/*', authenticate(deps));

  app.openapi(listRoute, async (c) => {
    const actor = c.get('actor');
    const { creditCode } = c.req.valid('param');
    const scope = await entitledScope(deps.pool, actor, creditCode);
    const { rows } = await deps.pool.query<DocumentRow>(
      `select ${columns} from documents where process_id = $1 order by created_at, id`, [scope.processId],
    );
    return c.json({ items: rows.filter((row) => readableBy(actor, row)).map(view) }, 200);
  });

  app.openapi(oneRoute, async (c) => {
    const actor = c.get('actor');
    const { creditCode, documentId } = c.req.valid('param');
    const scope = await entitledScope(deps.pool, actor, creditCode);
    const { rows } = await deps.pool.query<DocumentRow>(
      `select ${columns}, content from documents where process_id = $1 and id = $2`, [scope.processId, documentId],
    );
    const row = rows[0];
    if (!row) throw new ApiError(404, { error: 'NotFound', message: `该移送程序没有文书 ${documentId} (no such document in this transfer)` });
    if (!readableBy(actor, row)) {
      throw new ApiError(403, { error: 'Forbidden', message: '该文书未送达给你，也不涉及你的案件 (not addressed to you nor about your cases)' });
    }
    return c.json({ ...view(row), content: row.content! }, 200);
  });

  return app;
}
