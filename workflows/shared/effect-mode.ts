// How a run calls its effects: as local activities (runs started before `scheduled-effects`) or as
// ordinary scheduled activities (every run since).
//
// Why local activities had to go (issue 12). A local activity runs inside a workflow task and its
// result is recorded as a marker when the task completes. When a query reaches a workflow task
// while a local activity is running, the worker must answer it, so it completes the task early and
// asks for a new one: the marker lands in one task and the code that continues from the result runs
// in the next. On replay the result is taken from the marker in the earlier task, so that code runs
// one task sooner than it did live, and everything the SDK scopes to a workflow task differs: a
// `patched()` call there finds no notice of its marker yet and answers false, time and history length
// read differently. A running transfer then no longer replays ("Non-deprecated patch marker
// encountered for change rejection-payment-order, but there is no corresponding change command",
// "Missing associated machine for LocalActivity(29)") and stops for good at the next worker restart;
// the console queries every process it shows, so this is not rare. An ordinary activity's result is
// an event of the task that delivers it, the same live and on replay.
import { patched } from '@temporalio/workflow';

export type EffectMode = 'local' | 'scheduled';

const scheduledEffectsPatch = 'scheduled-effects';

/**
 * The mode of this run, decided once in its first activation, before its first command (one patch
 * marker at the head of the history). Must be called there; later calls would move the marker.
 */
export function effectModeOfRun(): EffectMode {
  return patched(scheduledEffectsPatch) ? 'scheduled' : 'local';
}
