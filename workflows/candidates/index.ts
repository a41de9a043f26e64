export { transferCandidateSweep } from './sweep';
