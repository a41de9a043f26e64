// Replays recorded transfer histories (test/histories/transfer-*.json) against today's workflow
// bundle: a change that would break running transfers (non-determinism) fails here. Re-record with
// RECORD_TRANSFER_HISTORIES=1 npx vitest run test/workflows/transfer.test.ts, only for a change
// meant to be incompatible — and then guard running transfers with patched().
import { describe, expect, it } from 'vitest';
import { recordedHistories, replayRecordedHistories } from '../support/replay';

describe('transfer workflow replays its recorded histories', () => {
  it('replays every recorded history deterministically', async () => {
    const files = recordedHistories('transfer-');
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(await replayRecordedHistories(files)).toEqual(files.map((file) => ({ file })));
  });
});
