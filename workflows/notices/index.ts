export { noticeDispatcher } from './dispatcher';
