// Replays recorded preservation histories (test/histories/preservation-*.json) against today's
// workflow bundle: a change that would break running preservations (non-determinism) fails here.
// Re-record with RECORD_PRESERVATION_HISTORIES=1 npx vitest run test/workflows/preservation.test.ts,
// only for a change meant to be incompatible — and then guard running processes with patched().
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = fileURLToPath(new URL('../histories/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.startsWith('preservation-') && f.endsWith('.json')).sort();

describe('preservation workflow replays its recorded histories', () => {
  it('replays every recorded history deterministically', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const { stdout } = await promisify(execFile)(
      fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url)),
      ['test/fixtures/preservation-replay.ts', inject('workflowBundlePath'), ...files.map((f) => `${dir}${f}`)],
      { cwd: root, maxBuffer: 10 * 1024 * 1024 },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? String(err) }));
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; error?: string });
    expect(results).toEqual(files.map((file) => ({ file })));
  });
});
