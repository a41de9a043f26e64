// Every workflow the worker hosts. The worker bundles this file (bundleWorkflowCode).
export * from './preservation/index';
export * from './transfer/index';
export * from './notices/index';
export * from './candidates/index';
