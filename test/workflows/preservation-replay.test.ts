// Replays recorded preservation histories (test/histories/preservation-*.json) against today's
// workflow bundle: a change that would break running preservations (non-determinism) fails here.
// The workflow tests that keep histories (preservation.test.ts, preservation-notices.test.ts) write them
// with RECORD_PRESERVATION_HISTORIES=1; record new ones for a new path. The baseline was re-recorded
// once, when the development patches were removed (README); from then on a change is guarded with
// patched() and these files are never re-recorded to make it pass.
import { describe, expect, it } from 'vitest';
import { recordedHistories, replayRecordedHistories } from '../support/replay';

describe('preservation workflow replays its recorded histories', () => {
  it('replays every recorded history deterministically', async () => {
    const files = recordedHistories('preservation-');
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(await replayRecordedHistories(files)).toEqual(files.map((file) => ({ file })));
  });
});
