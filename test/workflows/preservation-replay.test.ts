// Replays recorded preservation histories (test/histories/preservation-*.json) against today's
// workflow bundle: a change that would break running preservations (non-determinism) fails here.
// Re-record with RECORD_PRESERVATION_HISTORIES=1 npx vitest run test/workflows/preservation.test.ts,
// only for a change meant to be incompatible — and then guard running processes with patched().
import { describe, expect, it } from 'vitest';
import { recordedHistories, replayRecordedHistories } from '../support/replay';

describe('preservation workflow replays its recorded histories', () => {
  it('replays every recorded history deterministically', async () => {
    const files = recordedHistories('preservation-');
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(await replayRecordedHistories(files)).toEqual(files.map((file) => ({ file })));
  });
});
