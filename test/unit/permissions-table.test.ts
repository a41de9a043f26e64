// Walks the whole permission table: every action × every role × in/out of every scope, and the
// domain's own sentences (DOMAIN.md, issue 7) as named cases.
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { roles, systemActor, type Actor, type Role } from '../../workflows/shared/actor';
import { assertAllowed, authorize, listScope, permissionTable, type Action, type ProcessScope, type Scope } from '../../workflows/shared/permissions';

const process: ProcessScope = {
  processId: 'transfer-91110105MA01ABCD2X',
  homeCourt: 'bj-chaoyang',
  receivingCourt: 'bj-3-intermediate',
  involvedCourts: ['bj-haidian'],
  partyIds: ['party-huaxin', 'party-hengtai'],
};

/** An actor of `role` standing where `where` says relative to `process`. */
function actorAt(role: Role, where: 'home' | 'receiving' | 'involved' | 'elsewhere' | 'own-case' | 'other-case'): Actor {
  if (role === 'party') {
    return where === 'own-case'
      ? { userId: 'p1', role, partyId: 'party-huaxin', caseIds: [process.processId] }
      : { userId: 'p2', role, partyId: 'party-stranger', caseIds: ['transfer-other'] };
  }
  const court = { home: 'bj-chaoyang', receiving: 'bj-3-intermediate', involved: 'bj-haidian', elsewhere: 'sh-pudong', 'own-case': 'sh-pudong', 'other-case': 'sh-pudong' }[where];
  return { userId: `${role}-${where}`, role, court };
}

const standings = ['home', 'receiving', 'involved', 'elsewhere', 'own-case', 'other-case'] as const;

function expected(scope: Scope | undefined, where: (typeof standings)[number], role: Role): boolean {
  if (!scope) return false;
  if (scope === 'anywhere') return true;
  if (role === 'party') return scope === 'own-case' && where === 'own-case';
  switch (scope) {
    case 'home': return where === 'home';
    case 'receiving': return where === 'receiving';
    case 'involved': return where === 'home' || where === 'receiving' || where === 'involved';
    case 'own-case': return false;
  }
}

const actions = Object.keys(permissionTable) as Action[];
const humanRoles = roles.filter((r) => r !== 'system');

describe('the permission table, walked whole', () => {
  it('names only known roles and scopes, and every action has at least one role', () => {
    for (const action of actions) {
      const rule = permissionTable[action] as Record<string, string>;
      expect(Object.keys(rule).length, action).toBeGreaterThan(0);
      for (const [role, scope] of Object.entries(rule)) {
        expect(roles, `${action}: role ${role}`).toContain(role);
        expect(['home', 'receiving', 'involved', 'own-case', 'anywhere'], `${action}.${role}`).toContain(scope);
        if (scope === 'own-case') expect(role, `${action}: own-case is for parties`).toBe('party');
      }
    }
  });

  const cases = actions.flatMap((action) => humanRoles.flatMap((role) => standings.map((where) => ({ action, role, where }))));
  it.each(cases)('$action by $role standing $where', ({ action, role, where }) => {
    const scope = (permissionTable[action] as Partial<Record<Role, Scope>>)[role];
    const actor = actorAt(role, where);
    const decision = authorize(actor, action, process);
    expect(decision.allowed).toBe(expected(scope, where, role));
    if (!decision.allowed) expect(decision.reason).toContain(action);
    // The workflow validators' check agrees with the API's, and refuses with a Forbidden failure.
    if (decision.allowed) expect(() => assertAllowed(actor, action, process)).not.toThrow();
    else {
      try {
        assertAllowed(actor, action, process);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ApplicationFailure);
        expect((err as ApplicationFailure).type).toBe('Forbidden');
        expect((err as ApplicationFailure).nonRetryable).toBe(true);
      }
    }
  });

  it('without a process, only "anywhere" rows allow', () => {
    for (const action of actions) {
      for (const role of humanRoles) {
        const scope = (permissionTable[action] as Partial<Record<Role, Scope>>)[role];
        expect(authorize(actorAt(role, 'home'), action).allowed, `${action} by ${role}`).toBe(scope === 'anywhere');
      }
    }
  });

  it('the system actor (timers, workflow-internal steps) may do everything', () => {
    for (const action of actions) expect(authorize(systemActor, action, process).allowed).toBe(true);
  });
});

describe('the rules in the issue and DOMAIN.md', () => {
  const judge = (court: string): Actor => ({ userId: 'j', role: 'bankruptcy_judge', court });
  it('a bankruptcy judge of another court cannot accept; of the receiving court can', () => {
    expect(authorize(judge('sh-1-intermediate'), 'transfer.accept', process).allowed).toBe(false);
    expect(authorize(judge('bj-chaoyang'), 'transfer.accept', process).allowed).toBe(false);
    expect(authorize(judge('bj-3-intermediate'), 'transfer.accept', process).allowed).toBe(true);
  });
  it('an enforcement officer cannot accept or reject, even of the home court', () => {
    const officer: Actor = { userId: 'o', role: 'enforcement_officer', court: 'bj-chaoyang' };
    expect(authorize(officer, 'transfer.accept', process).allowed).toBe(false);
    expect(authorize(officer, 'transfer.reject', process).allowed).toBe(false);
  });
  it('a party sees only their own case, and only the cases their token names', () => {
    expect(authorize({ userId: 'p', role: 'party', partyId: 'party-huaxin' }, 'transfer.view', process).allowed).toBe(true);
    expect(authorize({ userId: 'p', role: 'party', partyId: 'party-huaxin', caseIds: ['transfer-other'] }, 'transfer.view', process).allowed).toBe(false);
    expect(authorize({ userId: 'p', role: 'party', partyId: 'party-stranger' }, 'transfer.view', process).allowed).toBe(false);
    expect(authorize({ userId: 'p', role: 'party', partyId: 'party-huaxin' }, 'transfer.list').allowed).toBe(false);
  });
  it('a party may give or withdraw consent in their own case, object to the decision (DOMAIN.md step 5), see it (alone or in its list), and do nothing else there', () => {
    const party: Actor = { userId: 'p', role: 'party', partyId: 'party-hengtai' };
    const allowed = actions.filter((a) => a.startsWith('transfer.') && authorize(party, a, process).allowed);
    expect(allowed.sort()).toEqual(['transfer.list', 'transfer.raiseObjection', 'transfer.recordConsent', 'transfer.view', 'transfer.withdrawConsent']);
  });
  it('only the supervisor and the administrator read the interference log; parties cannot record in it', () => {
    const readers = humanRoles.filter((role) => authorize(actorAt(role, 'home'), 'interference.view', process).allowed);
    expect(readers.sort()).toEqual(['administrator', 'supervisor']);
    expect(authorize(actorAt('party', 'own-case'), 'interference.record').allowed).toBe(false);
  });
  it('a reason names the role in Chinese and the action when the role may not', () => {
    const decision = authorize({ userId: 'o', role: 'enforcement_officer', court: 'bj-chaoyang' }, 'transfer.accept', process);
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('执行法官') });
  });
});

describe('list scopes (issue 16)', () => {
  const lists = [['transfer.list', 'transfer.view'], ['preservation.list', 'preservation.view']] as const;
  it.each(lists)('%s never shows a process %s would refuse, to anyone standing anywhere', (list, view) => {
    for (const role of humanRoles) {
      for (const where of standings) {
        const actor = actorAt(role, where);
        if (authorize(actor, list, process).allowed) expect(authorize(actor, view, process).allowed, `${role} ${where}`).toBe(true);
      }
    }
  });
  it('staff are bound to their court, parties to their cases, the administrator to nothing', () => {
    expect(listScope(actorAt('panel_member', 'home'), 'transfer.list')).toEqual({ kind: 'court', court: 'bj-chaoyang', standing: 'home' });
    expect(listScope(actorAt('enforcement_officer', 'involved'), 'transfer.list')).toEqual({ kind: 'court', court: 'bj-haidian', standing: 'involved' });
    expect(listScope(actorAt('supervisor', 'home'), 'preservation.list')).toEqual({ kind: 'court', court: 'bj-chaoyang', standing: 'home' });
    expect(listScope(actorAt('party', 'own-case'), 'transfer.list')).toEqual({ kind: 'party', partyId: 'party-huaxin', caseIds: [process.processId] });
    expect(listScope({ userId: 'a', role: 'administrator' }, 'interference.view')).toEqual({ kind: 'everything' });
    expect(listScope(actorAt('trial_judge', 'home'), 'transfer.list').kind).toBe('nothing');
    expect(listScope({ userId: 's', role: 'supervisor' }, 'interference.view').kind).toBe('nothing');
  });
});

describe('refusals read by court staff and parties', () => {
  it('say who may act, Chinese first, with the table\'s terms in parentheses', () => {
    const wrongCourt = authorize(actorAt('enforcement_officer', 'elsewhere'), 'preservation.renewMeasure', process);
    expect(wrongCourt).toEqual({ allowed: false, reason: expect.stringMatching(/^仅本案承办法院的执行法官可进行此操作，enforcement_officer-elsewhere（sh-pudong）不是 \(preservation\.renewMeasure needs a enforcement_officer of the home court/) });
    const stranger = authorize(actorAt('party', 'other-case'), 'transfer.view', process);
    expect(stranger).toMatchObject({ allowed: false, reason: expect.stringMatching(/^仅本案当事人可进行此操作/) });
    const noRow = authorize(actorAt('panel_member', 'home'), 'transfer.recordScreening', process);
    expect(noRow).toEqual({ allowed: false, reason: '合议庭成员无权进行此操作 (panel_member may not transfer.recordScreening)' });
    expect(listScope({ userId: 'x', role: 'supervisor' }, 'transfer.list')).toEqual({ kind: 'nothing', reason: 'x没有所属法院 (transfer.list needs a supervisor of a court)' });
  });
});
