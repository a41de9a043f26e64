// The demo's people: one of each role, in two courts of Beijing, so a demo (or `npm run token --
// --demo <id>`) can act the whole transfer and preservation through. Not for production: the API
// hands out their tokens only while JWT_SECRET is the local development default.
import type { Actor } from '../../workflows/shared/actor';

/** The enforcement court (a basic court) and the receiving bankruptcy court (its intermediate court). */
export const demoCourts = { enforcement: 'bj-chaoyang', receiving: 'bj-3-intermediate' } as const;

export const demoUsers = [
  { userId: 'officer-wang', role: 'enforcement_officer', court: demoCourts.enforcement, displayName: '王执行（执行法官）' },
  { userId: 'panel-li', role: 'panel_member', court: demoCourts.enforcement, displayName: '李合议（合议庭成员）' },
  { userId: 'president-zhao', role: 'court_president', court: demoCourts.enforcement, displayName: '赵院长' },
  { userId: 'judge-chen', role: 'bankruptcy_judge', court: demoCourts.receiving, displayName: '陈破产（破产审判庭法官）' },
  { userId: 'clerk-liu', role: 'filing_clerk', court: demoCourts.enforcement, displayName: '刘立案（立案庭）' },
  { userId: 'judge-sun', role: 'trial_judge', court: demoCourts.enforcement, displayName: '孙审判（审判庭法官）' },
  { userId: 'supervisor-zhou', role: 'supervisor', court: demoCourts.enforcement, displayName: '周督办（执行指挥中心）' },
  { userId: 'admin', role: 'administrator', displayName: '系统管理员' },
  { userId: 'creditor-huaxin', role: 'party', partyId: 'party-huaxin', displayName: '华信贸易（申请执行人）' },
  { userId: 'debtor-hengtai', role: 'party', partyId: 'party-hengtai', displayName: '恒泰实业（被执行人）' },
] as const satisfies readonly Actor[];

export type DemoUserId = (typeof demoUsers)[number]['userId'];

export const demoUserIds = demoUsers.map((u) => u.userId) as [DemoUserId, ...DemoUserId[]];

export function demoUser(userId: string): Actor | undefined {
  const found = demoUsers.find((u) => u.userId === userId);
  return found ? { ...found } : undefined;
}
