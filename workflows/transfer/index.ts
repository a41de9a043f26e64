// The transfer workflow the worker hosts; its messages are imported from ./messages by the API.
export { transferWorkflow } from './workflow';
