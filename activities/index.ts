// All activities the worker registers, built from their dependencies so tests pass a real pool
// and production passes the configured one.
import type pg from 'pg';
import { createAuditActivities } from './audit';
import { createCalendarActivities } from './calendar';
import { createCandidateActivities } from './candidates/index';
import { createDeadlineActivities } from './deadlines';
import { createDocumentActivities } from './documents/store';
import { createNoticeActivities } from './notices/outbox';
import { createPreservationActivities } from './preservation/index';
import { createTransferActivities } from './transfer/read-model';
import { createAroundTransferActivities } from './transfer/around';
import { createTransferEffectsActivities } from './transfer/effects';

export interface ActivityDeps {
  pool: pg.Pool;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createAuditActivities(deps),
    ...createDeadlineActivities(deps),
    ...createCalendarActivities(deps),
    ...createPreservationActivities(deps),
    ...createTransferActivities(deps),
    ...createNoticeActivities(deps),
    ...createDocumentActivities(deps),
    ...createCandidateActivities(deps),
    ...createAroundTransferActivities(deps),
    ...createTransferEffectsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
