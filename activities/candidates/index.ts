// Activities around finding transfer candidates, for the worker.
import type pg from 'pg';
import { createCandidateActivities as worklistActivities } from './worklist';

export function createCandidateActivities(deps: { pool: pg.Pool }) {
  return { ...worklistActivities(deps) };
}

export type CandidateActivities = ReturnType<typeof createCandidateActivities>;
