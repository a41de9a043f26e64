// Every activity of the preservation hand-off, built from the pool.
import type pg from 'pg';
import { createProcessNoticeActivities } from '../notices/process-notices';
import { createPreservationReadModelActivities } from './read-model';
import { createSeizureActivities } from './seizures';
import { createSweepActivities } from './sweep';

export { seizuresForDebtor, type Seizure } from './seizures';

export function createPreservationActivities(deps: { pool: pg.Pool }) {
  return {
    ...createPreservationReadModelActivities(deps),
    ...createSeizureActivities(deps),
    ...createSweepActivities(deps),
    ...createProcessNoticeActivities(deps),
  };
}

export type PreservationActivities = ReturnType<typeof createPreservationActivities>;
