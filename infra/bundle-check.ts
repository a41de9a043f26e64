// `npm run bundle:check` (and the test command): bundles the production workflows as the worker
// would, so a Node built-in or a side-effecting import in workflow code fails the build, not production.
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../activities/worker';

const { code } = await bundleWorkflowCode({
  workflowsPath,
  logger: { log() {}, info() {}, warn: console.warn, error: console.error, debug() {}, trace() {} },
});
console.log(`bundle:check: workflows bundle cleanly (${Math.round(code.length / 1024)} KiB)`);
