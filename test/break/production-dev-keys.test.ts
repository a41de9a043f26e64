// Outside break of issue 16: the public development JWT key is refused beyond loopback or with
// NODE_ENV=production, but the other public development keys are not. With NODE_ENV=production and a
// private JWT_SECRET, configuration is accepted while workflow payloads are encrypted with the public
// payload key (party names readable by anyone with the repository and Temporal's history), audit
// rows are sealed and checkpoints signed with public keys (a database-role insider can forge rows
// and checkpoints that `audit:verify` reports intact, with no warning from the verifier or checkpointer).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../infra/config';

const production = { NODE_ENV: 'production', API_HOST: '0.0.0.0', JWT_SECRET: 'a-private-key-of-more-than-32-characters-0123' };

describe('public development keys in production (issue 16, outside break)', () => {
  it.each(['TEMPORAL_PAYLOAD_KEYS_FILE', 'AUDIT_SEAL_KEY_FILE', 'AUDIT_CHECKPOINT_KEY_FILE'])('refuses to start without %s', (variable) => {
    expect(() => parseConfig(production), `${variable} unset in production`).toThrow(new RegExp(variable));
  });
});
