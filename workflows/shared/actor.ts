// Who acts. Passed into every Update so the workflow's validators can check the permission table
// again, whatever path the call took.
export const roles = [
  'enforcement_officer',
  'panel_member',
  'court_president',
  'bankruptcy_judge',
  'filing_clerk',
  'trial_judge',
  'supervisor',
  'party',
  'administrator',
  'system',
] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  userId: string;
  role: Role;
  /** Court code of the user's court; absent for parties. */
  court?: string;
  /** For a party: the party's id and the cases (process ids) it may see. */
  partyId?: string;
  caseIds?: string[];
  displayName?: string;
}

export const systemActor: Actor = { userId: 'courtrelay', role: 'system', displayName: '系统' };
