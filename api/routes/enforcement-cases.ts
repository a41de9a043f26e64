// Importing enforcement cases from a court's case system (batch, idempotent per court and case
// number). Each row is validated on its own: the report names every rejected row, field and reason,
// and the valid rows are written.
import { createRoute } from '@hono/zod-openapi';
import { upsertEnforcementCases } from '../../activities/candidates/cases';
import type { Actor } from '../../workflows/shared/actor';
import type { ApiDeps } from '../deps';
import { authenticate, guardedBy, requireRoleFor, type AuthEnv } from '../http/auth';
import { fieldProblems } from '../http/errors';
import { enforcementCaseRowSchema, importBody, importReportSchema, type EnforcementCaseRow, type ImportReport } from '../schemas/candidates';
import { errorBody, jsonContent, routesApp } from '../http/openapi';


const importRoute = createRoute({
  method: 'post', path: '/enforcement-cases/import', tags: ['transfer candidates'],
  summary: '导入执行案件 (import enforcement cases; up to 1000 rows, idempotent per court and case number)',
  ...guardedBy('transfer.importCases'),
  middleware: [requireRoleFor('transfer.importCases')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: importBody } } } },
  responses: {
    200: jsonContent(importReportSchema, 'Valid rows written; rejected rows named with field and reason'),
    401: jsonContent(errorBody, 'No or bad bearer token'),
    403: jsonContent(errorBody, 'This role may not import'),
    422: jsonContent(errorBody, 'The body is not a list of rows'),
  },
});

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, 128) : undefined);

/** Validates each row; an officer imports its own court's cases only (an administrator any court's). */
export function checkRows(rows: Record<string, unknown>[], actor: Actor): { valid: EnforcementCaseRow[]; rejected: ImportReport['rejected'] } {
  const valid: EnforcementCaseRow[] = [];
  const rejected: ImportReport['rejected'] = [];
  rows.forEach((raw, row) => {
    const parsed = enforcementCaseRowSchema.safeParse(raw);
    const problems = parsed.success ? [] : fieldProblems(parsed.error);
    if (parsed.success && actor.role !== 'administrator' && parsed.data.court !== actor.court) {
      problems.push({ field: 'court', message: `只能导入本院（${actor.court ?? ''}）的执行案件 (court ${parsed.data.court} is not your court)` });
    }
    if (parsed.success && !problems.length) valid.push(parsed.data);
    else rejected.push({ row, court: text(raw.court), caseNumber: text(raw.caseNumber), fields: problems });
  });
  return { valid, rejected };
}

export function enforcementCaseRoutes(deps: ApiDeps) {
  const app = routesApp<AuthEnv>();
  app.use('/enforcement-cases/*', authenticate(deps));
  app.openapi(importRoute, async (c) => {
    const { rows } = c.req.valid('json');
    const { valid, rejected } = checkRows(rows, c.get('actor'));
    const counts = await upsertEnforcementCases(deps.pool, valid);
    return c.json({ received: rows.length, ...counts, rejected }, 200);
  });
  return app;
}
