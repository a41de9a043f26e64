// Who can sign in to the console on a local set-up: the demo people of infra/auth/demo-users.ts
// (the same ones the API's demo sign-in hands tokens to), and the court names shown beside codes.
import { demoCourts, demoUsers } from '../../infra/auth/demo-users';
import type { Actor } from '../../workflows/shared/actor';
import { registeredCourtName } from './court-names';

export { demoUser } from '../../infra/auth/demo-users';

export const courtNames: Record<string, string> = {
  [demoCourts.enforcement]: '北京市朝阳区人民法院',
  [demoCourts.receiving]: '北京市第三中级人民法院',
};

/** A court's name: the court registry's, else the demo's, else the code as recorded. */
export function courtName(code: string | null | undefined): string {
  if (!code) return '—';
  return registeredCourtName(code) ?? courtNames[code] ?? code;
}

/** Everyone one could sign in as, in the demo's order. */
export function signInChoices(): Actor[] {
  return demoUsers.map((user) => ({ ...user }));
}

/** The name shown for a person in a timeline: the demo person's name where known, else the id as recorded. */
export function personName(userId: string): string {
  if (userId === 'courtrelay' || userId === 'system') return '系统';
  return demoUsers.find((u) => u.userId === userId)?.displayName ?? userId;
}
