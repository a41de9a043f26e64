// One court code for every process: `<level>-<administrative division code>`, the form the
// receiving-court rule computes (workflows/transfer/courts.ts): BPC basic, IPC intermediate, HPC high.
import { z } from '@hono/zod-openapi';

export const courtCodeSchema = z
  .string()
  .regex(/^(BPC|IPC|HPC)-\d{6}$/, 'a court code such as BPC-110105 (basic court of division 110105) or IPC-110100 (intermediate court)')
  .openapi({ example: 'BPC-110105' });
