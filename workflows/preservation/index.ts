export { preservation } from './workflow';
export { preservationExpirySweep } from './sweep';
