// Audit appends per second with 1, 4 and 16 concurrent writers, each writing the chains of its own
// processes as workflows do, through the application role and the real append (chain, seal,
// unique place). With no lock shared between processes, throughput should grow with writers until
// the machine's cores or PostgreSQL's commit rate are the limit.
import { appendAuditEntry } from '../../activities/audit';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';

export interface AuditAppendRun {
  writers: number;
  appends: number;
  seconds: number;
  appendsPerSecond: number;
}

export interface AuditAppendReport {
  appendsPerWriter: number;
  processesPerWriter: number;
  runs: AuditAppendRun[];
}

const actor = { userId: 'bench-officer', role: 'enforcement_officer' as const, court: 'BPC-110105' };

async function writer(pool: ReturnType<typeof createPool>, run: string, w: number, appends: number, processes: number): Promise<void> {
  for (let i = 0; i < appends; i++) {
    const processId = `transfer-bench-${run}-${w}-${i % processes}`;
    await appendAuditEntry(pool, {
      eventKey: `${processId}:${i}`, processKind: 'transfer', processId, actor, action: 'bench.append',
      details: { i, note: '执转破 bench row' }, occurredAt: new Date().toISOString(),
    });
  }
}

export async function runAuditAppend(databaseUrl: string, appendsPerWriter: number, writerCounts = [1, 4, 16]): Promise<AuditAppendReport> {
  const processesPerWriter = 5;
  const runs: AuditAppendRun[] = [];
  for (const writers of writerCounts) {
    const pool = actAsRole(createPool(databaseUrl, writers), workerRole);
    try {
      await pool.query('select 1');
      const started = performance.now();
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(pool, `w${writers}`, w, appendsPerWriter, processesPerWriter)));
      const seconds = (performance.now() - started) / 1000;
      const appends = writers * appendsPerWriter;
      runs.push({ writers, appends, seconds: Math.round(seconds * 100) / 100, appendsPerSecond: Math.round(appends / seconds) });
      console.log(`bench: audit appends with ${writers} writer(s): ${Math.round(appends / seconds)}/s`);
    } finally {
      await pool.end();
    }
  }
  return { appendsPerWriter, processesPerWriter, runs };
}
