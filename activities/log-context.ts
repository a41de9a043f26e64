// Case numbers on every activity log line: an operator searching the log for (2026)京0101执123号
// finds the worker's lines about it, beside the workflowId the SDK adds itself. The numbers come
// from the activity's own input (where the act carries them); nothing else is read.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

const maxCaseNumbers = 5;

function collect(value: unknown, into: Set<string>): void {
  if (!value || typeof value !== 'object') return;
  const v = value as Record<string, unknown>;
  for (const key of ['caseNumber', 'enforcementCaseNumber']) {
    if (typeof v[key] === 'string' && v[key]) into.add(v[key]);
  }
  if (Array.isArray(v.cases)) {
    for (const c of v.cases.slice(0, maxCaseNumbers)) {
      const n = (c as { caseNumber?: unknown } | null)?.caseNumber;
      if (typeof n === 'string') into.add(n);
    }
  }
}

const nestedKeys = ['state', 'input', 'case', 'sync'] as const;

/**
 * The case numbers an activity's first argument names: its own `caseNumber` or
 * `enforcementCaseNumber`, its `cases[].caseNumber`, and the same under `state`, `input`, `case`
 * or `sync` up to two levels down (a transfer's effects carry them at `sync.state.cases`); at most
 * five, in the order found.
 */
export function caseNumbersIn(arg: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    collect(value, found);
    if (depth === 0 || !value || typeof value !== 'object') return;
    for (const key of nestedKeys) walk((value as Record<string, unknown>)[key], depth - 1);
  };
  walk(arg, 2);
  return [...found].slice(0, maxCaseNumbers);
}

/** Adds `caseNumbers` (when the input names any) to the attributes of every log line an activity writes. */
export function caseNumberLogInterceptors(): ActivityInterceptorsFactory {
  return () => {
    let caseNumbers: string[] = [];
    return {
      inbound: {
        async execute(input, next) {
          caseNumbers = caseNumbersIn(input.args[0]);
          return next(input);
        },
      },
      outbound: {
        getLogAttributes(attributes, next) {
          return next(caseNumbers.length ? { ...attributes, caseNumbers } : attributes);
        },
      },
    };
  };
}
