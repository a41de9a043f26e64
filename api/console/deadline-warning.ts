// 期限预警: the colour a to-do item's deadline carries, as court case systems show it.
//   红 (late): the deadline has passed.
//   黄 (soon): 3 calendar days or less are left, or a fifth (20 %) or less of the period
//              (from when the deadline was opened to when it is due).
//   绿 (ok):   otherwise, and for a step with no statutory deadline.

export type WarningColour = 'red' | 'yellow' | 'green';

export const warningLabels: Record<WarningColour, string> = { red: '红', yellow: '黄', green: '绿' };

const dayMs = 86_400_000;

/** The colour of a deadline due at `dueAt`, opened at `openedAt` (when known), seen at `now`. */
export function deadlineWarning(dueAt: Date | undefined, openedAt: Date | null | undefined, now: Date): WarningColour {
  if (!dueAt) return 'green';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'red';
  if (left <= 3 * dayMs) return 'yellow';
  if (openedAt) {
    const period = dueAt.getTime() - openedAt.getTime();
    if (period > 0 && left <= period * 0.2) return 'yellow';
  }
  return 'green';
}
