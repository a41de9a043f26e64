// The demo's people: one of each role, in two courts of Beijing, so a demo (or `npm run token --
// --demo <id>`) can act the whole transfer and preservation through. Not for production: the API
// hands out their tokens only while JWT_SECRET is the local development default.
import type { Actor } from '../../workflows/shared/actor';

/**
 * The enforcement court (a basic court) and the receiving bankruptcy court (its intermediate court).
 * The receiving court is coded as workflows/transfer/courts.ts computes it: a debtor registered in
 * Chaoyang (110105) goes to IPC-110100, so the demo bankruptcy judge and filing clerk can act on a
 * demo transfer. The enforcement court has no hyphen because a preservation's court code may not
 * (it is part of the preservation's workflow id).
 */
export const demoCourts = { enforcement: 'BPC-110105', receiving: 'IPC-110100', higher: 'HPC-110000' } as const;

export const demoUsers = [
  { userId: 'officer-wang', role: 'enforcement_officer', court: demoCourts.enforcement, displayName: '王执行（执行法官）' },
  { userId: 'panel-li', role: 'panel_member', court: demoCourts.enforcement, displayName: '李合议（合议庭成员）' },
  { userId: 'president-zhao', role: 'court_president', court: demoCourts.enforcement, displayName: '赵院长' },
  { userId: 'judge-chen', role: 'bankruptcy_judge', court: demoCourts.receiving, displayName: '陈破产（破产审判庭法官）' },
  { userId: 'clerk-liu', role: 'filing_clerk', court: demoCourts.enforcement, displayName: '刘立案（立案庭）' },
  { userId: 'clerk-ma', role: 'filing_clerk', court: demoCourts.receiving, displayName: '马立案（受移送法院立案庭）' },
  { userId: 'judge-sun', role: 'trial_judge', court: demoCourts.enforcement, displayName: '孙审判（审判庭法官）' },
  { userId: 'supervisor-zhou', role: 'supervisor', court: demoCourts.enforcement, displayName: '周督办（执行指挥中心）' },
  { userId: 'admin', role: 'administrator', displayName: '系统管理员' },
  // The receiving court's higher court, for supervision (GO art. 13); after the first of each role.
  { userId: 'judge-gao', role: 'bankruptcy_judge', court: demoCourts.higher, displayName: '高监督（上级法院破产庭法官）' },
  { userId: 'creditor-huaxin', role: 'party', partyId: 'party-huaxin', displayName: '华信贸易（申请执行人）' },
  { userId: 'debtor-hengtai', role: 'party', partyId: 'party-hengtai', displayName: '恒泰实业（被执行人）' },
] as const satisfies readonly Actor[];

export type DemoUserId = (typeof demoUsers)[number]['userId'];

export const demoUserIds = demoUsers.map((u) => u.userId) as [DemoUserId, ...DemoUserId[]];

export function demoUser(userId: string): Actor | undefined {
  const found = demoUsers.find((u) => u.userId === userId);
  return found ? { ...found } : undefined;
}
