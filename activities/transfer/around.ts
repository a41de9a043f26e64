// Activities of the transfer's issue-5 branches: the attachment-order distribution when nobody
// consents, and the known creditors handed over on acceptance.
import type pg from 'pg';
import { recordDistribution, type DistributionInput, type DistributionRow } from './distribution';
import { handOverKnownCreditors, type KnownCreditorsInput } from './known-creditors';

export function createAroundTransferActivities({ pool }: { pool: pg.Pool }) {
  return {
    async recordAttachmentDistribution(input: DistributionInput): Promise<DistributionRow[]> {
      return recordDistribution(pool, input);
    },
    async handOverKnownCreditors(input: KnownCreditorsInput): Promise<number> {
      return handOverKnownCreditors(pool, input);
    },
  };
}
