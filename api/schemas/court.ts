// One court code for every process: `<level>-<administrative division code>`, BPC basic, IPC
// intermediate, HPC high, as in the court registry (`courts`); a municipality's second and later
// intermediate courts add their number (`IPC-110100-3`, 北京市第三中级人民法院; migration 140).
import { z } from '@hono/zod-openapi';

export const courtCodeSchema = z
  .string()
  .regex(/^(BPC|IPC|HPC)-\d{6}(-[2-9])?$/, 'a court code such as BPC-110105 (basic court of division 110105), IPC-110100 (intermediate court) or IPC-110100-3 (a municipality\'s third intermediate court)')
  .openapi({ example: 'BPC-110105' });
