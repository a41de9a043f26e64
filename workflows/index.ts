// Every workflow the worker hosts. The worker bundles this file (bundleWorkflowCode).
export * from './transfer/index';
