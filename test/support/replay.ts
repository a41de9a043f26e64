// Replays the recorded histories whose file names start with `prefix` against today's workflow
// bundle, in a plain Node child (test/fixtures/replay-histories.ts): under vitest's loader the
// SDK's history conversion fails. Returns one entry per file, with `error` when it did not replay.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = fileURLToPath(new URL('../histories/', import.meta.url));

export function recordedHistories(prefix: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json')).sort();
}

export async function replayRecordedHistories(files: string[]): Promise<Array<{ file: string; error?: string }>> {
  return replayHistoryFiles(files.map((f) => `${dir}${f}`));
}

async function replayHistoryFiles(paths: string[]): Promise<Array<{ file: string; error?: string }>> {
  const { stdout } = await promisify(execFile)(
    fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url)),
    ['test/fixtures/replay-histories.ts', inject('workflowBundlePath'), ...paths],
    { cwd: root, maxBuffer: 10 * 1024 * 1024 },
  ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? String(err) }));
  return stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { file: string; error?: string });
}

/** A workflow's history (its latest run, or `runId`) as the Temporal CLI prints it (proto3 JSON), parsed. */
export function historyOf(workflowId: string, runId?: string): { events: Array<{ eventId: string; eventType: string }> } {
  return JSON.parse(cliHistory(workflowId, runId).toString()) as { events: Array<{ eventId: string; eventType: string }> };
}

function cliHistory(workflowId: string, runId?: string): Buffer {
  const cli = fileURLToPath(new URL('../../.tools/bin/temporal', import.meta.url));
  const args = ['workflow', 'show', '--workflow-id', workflowId, ...(runId ? ['--run-id', runId] : []), '--address', inject('temporalAddress'), '--output', 'json'];
  return execFileSync(cli, args, { maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Replays the current histories of these workflows with Worker.runReplayHistory; one entry per
 * workflow (`<id>.json`). With `runIds` (of the one workflow given), one entry per run (`<id>-<runId>.json`).
 * With KEEP_FAILED_REPLAYS=<dir>, a history that did not replay is kept there for study (a flake's
 * history is gone with the suite's server otherwise).
 */
export async function replayLiveHistories(workflowIds: string[], runIds?: string[]): Promise<Array<{ file: string; error?: string }>> {
  const tmp = mkdtempSync(join(tmpdir(), 'courtrelay-replay-'));
  try {
    const runs = runIds ? runIds.map((runId) => ({ id: workflowIds[0]!, runId, name: `${workflowIds[0]}-${runId}` })) : workflowIds.map((id) => ({ id, runId: undefined, name: id }));
    const paths = runs.map(({ id, runId, name }) => {
      const path = join(tmp, `${name}.json`);
      writeFileSync(path, cliHistory(id, runId));
      return path;
    });
    const results = await replayHistoryFiles(paths);
    if (process.env.KEEP_FAILED_REPLAYS) {
      for (const r of results) if (r.error) writeFileSync(join(process.env.KEEP_FAILED_REPLAYS, `${Date.now()}-${r.file}`), readFileSync(join(tmp, r.file)));
    }
    return results;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * With the environment variable `envVar` set (RECORD_TRANSFER_HISTORIES, RECORD_PRESERVATION_HISTORIES),
 * saves a run's history (the latest, or `runId`) as test/histories/<name>.json for the replay tests, as the Temporal CLI
 * prints it (proto3 JSON): the SDK's historyToJSON fails here (two copies of protobufjs), the CLI does not.
 */
export async function recordHistory(envVar: string, workflowId: string, name: string, runId?: string): Promise<void> {
  if (!process.env[envVar]) return;
  writeFileSync(`${dir}${name}.json`, cliHistory(workflowId, runId));
}
