// Replays recorded transfer histories (test/histories/transfer-*.json) against today's workflow
// bundle: a change that would break running transfers (non-determinism) fails here. The workflow tests
// that keep histories (transfer, transfer-around, transfer-documents) write them with
// RECORD_TRANSFER_HISTORIES=1; record new ones for a new path. The baseline was re-recorded once,
// when the development patches were removed (README); from then on a change is guarded with patched()
// and these files are never re-recorded to make it pass.
import { describe, expect, it } from 'vitest';
import { recordedHistories, replayRecordedHistories } from '../support/replay';

describe('transfer workflow replays its recorded histories', () => {
  it('replays every recorded history deterministically', async () => {
    const files = recordedHistories('transfer-');
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(await replayRecordedHistories(files)).toEqual(files.map((file) => ({ file })));
  });
});
