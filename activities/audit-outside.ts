// Rows written into a transfer's or preservation's chain by the API rather than by its workflow:
// no workflow history records them, so the cross-check against Temporal's histories
// (infra/audit/history-check.ts) can only accept them for being exactly what their writer writes.
// The writers build their event keys and details here, and the check reads the same definitions:
// a row that names one of these actions but is not of its writer's kind, key or shape is forged
// (issue 16, outside break: a `consentWithdrawn` row of kind `system` in a transfer's chain, and any
// row whose action was on this list, were never compared with the history).

/** A process's kind as its id names it: transfers are `transfer-<credit code>`, preservations `preservation-<court>-<no>`. */
export function processKindOfId(processId: string): 'transfer' | 'preservation' | 'system' {
  if (processId.startsWith('transfer-')) return 'transfer';
  if (processId.startsWith('preservation-')) return 'preservation';
  return 'system';
}

export const interferenceEventKey = (interferenceId: string) => `interference:${interferenceId}`;

export const handOffEventKey = (processId: string, court: string, division: string, version: number) =>
  `${processId}:workqueue:${court}:${division}:v${version}`;

export const redeliveryEventKey = (noticeKey: string, nth: number) => `${noticeKey}:redelivery:${nth}`;

/** The row as the check reads it. */
export interface OutsideRow {
  event_key: string;
  process_kind: string;
  process_id: string;
  action: string;
  actor_court: string | null;
  reason: string | null;
  details: unknown;
}

const sameKeys = (details: Record<string, unknown>, keys: string[]) =>
  JSON.stringify(Object.keys(details).sort()) === JSON.stringify([...keys].sort());

type Shape = (row: OutsideRow, details: Record<string, unknown>, earlier: OutsideRow[]) => string | undefined;

/**
 * Each action the API audits itself, with what its writer writes: the details' fields, the event
 * key they imply, and what else the writer fixes. `earlier`: the rows before it in its chain.
 */
const shapes: Record<string, Shape> = {
  // activities/interference.ts; the log row itself is checked against contentHash by audit:verify.
  'interference.record': (row, d) => {
    if (!sameKeys(d, ['interferenceId', 'channel', 'contentHash'])) return 'its details are not an interference record\'s';
    if (row.event_key !== interferenceEventKey(String(d.interferenceId))) return 'its event key is not its record\'s';
    return row.reason === null ? undefined : 'an interference entry carries no reason';
  },
  // api/console/work-queue.ts: a claim takes an unheld item (from null), a hand-off passes a held one, in the actor's court.
  'workqueue.claim': (row, d) => handOff(row, d, true),
  'workqueue.assign': (row, d) => handOff(row, d, false),
  // activities/notices/redelivery.ts: the n-th redelivery of a notice in this chain.
  redeliverNotice: (row, d, earlier) => {
    if (!sameKeys(d, ['noticeKey', 'kind', 'recipient', 'previousStatus', 'previousAttempts', 'lastError'])) return 'its details are not a redelivery\'s';
    const nth = earlier.filter((r) => r.action === 'redeliverNotice' && (r.details as { noticeKey?: unknown } | null)?.noticeKey === d.noticeKey).length + 1;
    if (row.event_key !== redeliveryEventKey(String(d.noticeKey), nth)) return `its event key is not the notice's redelivery #${nth}`;
    return undefined;
  },
};

function handOff(row: OutsideRow, d: Record<string, unknown>, claim: boolean): string | undefined {
  if (!sameKeys(d, ['court', 'division', 'from', 'to', 'version'])) return 'its details are not a hand-off\'s';
  if (typeof d.version !== 'number' || typeof d.court !== 'string' || typeof d.division !== 'string') return 'its details are not a hand-off\'s';
  if (row.event_key !== handOffEventKey(row.process_id, d.court, d.division, d.version)) return 'its event key is not its hand-off\'s';
  if ((d.from === null) !== claim) return claim ? 'a claim takes an item nobody holds' : 'a hand-off passes an item someone holds';
  return row.actor_court === d.court ? undefined : 'it is recorded in another court than the item\'s';
}

/** Actions the API writes into a process's chain itself, outside the workflow (see `outsideWriterShape`). */
export const actionsAuditedOutsideWorkflows: ReadonlySet<string> = new Set(Object.keys(shapes));

/**
 * Why a row of a workflow's chain that names an action audited outside workflows is not what that
 * action's writer writes, or undefined when it is. Its kind must be the process's; its key and
 * details its writer's.
 */
export function outsideWriterShape(row: OutsideRow, earlier: OutsideRow[]): string | undefined {
  const shape = shapes[row.action];
  if (!shape) return `${row.action} is not an act written outside the workflow`;
  if (row.process_kind !== processKindOfId(row.process_id)) return `its kind ${row.process_kind} is not its process's`;
  const details = row.details && typeof row.details === 'object' && !Array.isArray(row.details) ? row.details as Record<string, unknown> : {};
  return shape(row, details, earlier);
}
