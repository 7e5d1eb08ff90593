import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/access/policy.ts';
import { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import {
  ACTION_TYPES,
  applyEscalation,
  availableActions,
  calendarDeadlinePolicy,
  escalationTarget,
  isOverdue,
  nextEscalation,
  newCaseState,
  transition,
  type ActionType,
  type Actor,
  type ActorRole,
  type CaseAction,
  type CaseState,
  type CaseStatus,
  type Level,
  type TransitionResult,
} from './workflow.ts';

const AT = '2025-06-09T02:00:00.000Z'; // Monday 10:00 in Chengdu
const ctx = { at: AT };

// ——— Fixtures: one case in every state ———

const base = newCaseState({ reporterVerifies: false, at: AT });

function must(result: TransitionResult): CaseState {
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return result.next;
}

const gridWorker: Actor = { role: 'grid_worker', id: 'gw-1', inScope: true, isReporter: false, isAssignee: false };
const villageCadre: Actor = { role: 'village_cadre', id: 'vc-1', inScope: true, isReporter: false, isAssignee: false };
const townAdmin: Actor = { role: 'town_admin', id: 'ta-1', inScope: true, isReporter: false, isAssignee: false };
const districtAdmin: Actor = { role: 'district_admin', id: 'da-1', inScope: true, isReporter: false, isAssignee: false };
const assigneeWorker: Actor = { role: 'grid_worker', id: 'gw-2', inScope: true, isReporter: false, isAssignee: true };
const publicReporter: Actor = { role: 'reporter', id: null, inScope: false, isReporter: true, isAssignee: false };

const accepted = must(transition(base, { type: 'accept' }, gridWorker, ctx));
const dispatched = must(transition(accepted, { type: 'dispatch', assignee: { kind: 'member', id: 'gw-2' } }, villageCadre, ctx));
const pending = must(
  transition(dispatched, { type: 'request_extension', reason: '等待材料', amount: { unit: 'days', amount: 2 } }, assigneeWorker, ctx),
);
const handled = must(transition(dispatched, { type: 'handle', notes: '已清理', photos: ['p1'] }, assigneeWorker, ctx));
const handledByReporter: CaseState = { ...handled, reporterVerifies: true };
const verified = must(transition(handled, { type: 'verify_pass' }, gridWorker, ctx));

const VARIANTS = {
  reported: base,
  accepted,
  rejected: must(transition(base, { type: 'reject', reason: '重复上报' }, gridWorker, ctx)),
  dispatched,
  dispatched_extension_pending: pending,
  handled,
  handled_reporter_verifies: handledByReporter,
  verified,
  closed: must(transition(verified, { type: 'close' }, gridWorker, ctx)),
  suspended: must(transition(dispatched, { type: 'suspend', reason: '等待汛期结束' }, townAdmin, ctx)),
} satisfies Record<string, CaseState>;
type Variant = keyof typeof VARIANTS;

/** A valid action of each type, for the fixture cases above. */
const VALID: Record<ActionType, CaseAction> = {
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: '不属于受理范围' },
  dispatch: { type: 'dispatch', assignee: { kind: 'unit', id: 'unit-water' } },
  return: { type: 'return', reason: '不属于本单位职责' },
  handle: { type: 'handle', notes: '已修复路灯', photos: ['photo-1', 'photo-2'] },
  verify_pass: { type: 'verify_pass' },
  verify_fail: { type: 'verify_fail', reason: '路灯仍不亮' },
  close: { type: 'close' },
  request_extension: { type: 'request_extension', reason: '需采购零件', amount: { unit: 'days', amount: 3 } },
  approve_extension: { type: 'approve_extension' },
  deny_extension: { type: 'deny_extension' },
  suspend: { type: 'suspend', reason: '涉及诉讼' },
  resume: { type: 'resume' },
};

// ——— The expected table, written out independently of ACTION_RULES ———

const ALLOWED_IN_STATE: Record<Variant, readonly ActionType[]> = {
  reported: ['accept', 'reject'],
  accepted: ['dispatch', 'suspend'],
  rejected: [],
  dispatched: ['dispatch', 'return', 'handle', 'request_extension', 'suspend'],
  dispatched_extension_pending: ['dispatch', 'return', 'handle', 'approve_extension', 'deny_extension', 'suspend'],
  handled: ['verify_pass', 'verify_fail', 'suspend'],
  handled_reporter_verifies: ['verify_pass', 'verify_fail', 'suspend'],
  verified: ['close'],
  closed: [],
  suspended: ['resume'],
};

const EXPECTED_TO: Record<ActionType, CaseStatus | 'same' | 'resumed'> = {
  accept: 'accepted',
  reject: 'rejected',
  dispatch: 'dispatched',
  return: 'accepted',
  handle: 'handled',
  verify_pass: 'verified',
  verify_fail: 'dispatched',
  close: 'closed',
  request_extension: 'same',
  approve_extension: 'same',
  deny_extension: 'same',
  suspend: 'suspended',
  resume: 'resumed',
};

const inRoles = (actor: Actor, roles: readonly Role[]) => actor.role !== 'reporter' && roles.includes(actor.role);
const MANAGERS: Role[] = ['grid_worker', 'village_cadre', 'town_admin', 'district_admin'];
const DISPATCHERS: Role[] = ['village_cadre', 'town_admin', 'district_admin'];

/** Who may do what, for the fixtures (the pending extension was requested by a grid worker, dispatched by a village cadre). */
function expectedPermitted(action: ActionType, c: CaseState, actor: Actor): boolean {
  switch (action) {
    case 'accept':
    case 'reject':
    case 'close':
      return inRoles(actor, MANAGERS) && actor.inScope;
    case 'dispatch':
    case 'resume':
      return inRoles(actor, DISPATCHERS) && actor.inScope;
    case 'suspend':
      return inRoles(actor, ['town_admin', 'district_admin']) && actor.inScope;
    case 'return':
    case 'handle':
    case 'request_extension':
      return actor.role !== 'reporter' && actor.isAssignee;
    case 'verify_pass':
    case 'verify_fail':
      return !actor.isAssignee && ((inRoles(actor, ['grid_worker', 'village_cadre']) && actor.inScope) || (c.reporterVerifies && actor.isReporter));
    case 'approve_extension':
    case 'deny_extension':
      return inRoles(actor, DISPATCHERS) && actor.inScope && !actor.isAssignee;
  }
}

const ALL_ROLES: ActorRole[] = ['district_admin', 'town_admin', 'village_cadre', 'grid_worker', 'org_liaison', 'enterprise'];
const ACTORS: Actor[] = [
  ...ALL_ROLES.flatMap((role) =>
    [true, false].flatMap((inScope) =>
      [true, false].flatMap((isAssignee) =>
        [true, false].map((isReporter): Actor => ({ role, id: `${role}-x`, inScope, isAssignee, isReporter })),
      ),
    ),
  ),
  { role: 'reporter', id: null, inScope: false, isAssignee: false, isReporter: true },
  { role: 'reporter', id: null, inScope: false, isAssignee: false, isReporter: false },
];

function describeActor(a: Actor): string {
  return `${a.role}${a.inScope ? '+scope' : ''}${a.isAssignee ? '+assignee' : ''}${a.isReporter ? '+reporter' : ''}`;
}

describe('every (state, action) pair, for every kind of actor', () => {
  const pairs = (Object.keys(VARIANTS) as Variant[]).flatMap((variant) => ACTION_TYPES.map((action) => [variant, action] as const));

  it('covers all 13 actions in all 10 state variants', () => {
    expect(ACTION_TYPES).toHaveLength(13);
    expect(pairs).toHaveLength(130);
  });

  it.each(pairs)('%s × %s', (variant, action) => {
    const c = VARIANTS[variant];
    const frozen = structuredClone(c);
    const allowedInState = ALLOWED_IN_STATE[variant].includes(action);
    for (const actor of ACTORS) {
      const result = transition(c, VALID[action], actor, ctx);
      const label = `${variant} × ${action} × ${describeActor(actor)}`;
      if (!allowedInState) {
        expect(result.ok ? 'ok' : result.reason, label).toBe('not_allowed_in_state');
      } else if (!expectedPermitted(action, c, actor)) {
        expect(result.ok ? 'ok' : result.reason, label).toBe('not_permitted_for_role');
      } else {
        expect(result.ok ? 'ok' : `${result.reason}: ${result.message}`, label).toBe('ok');
        if (!result.ok) continue;
        const to = EXPECTED_TO[action];
        const expectedStatus = to === 'same' ? c.status : to === 'resumed' ? c.suspension!.from : to;
        expect(result.next.status, label).toBe(expectedStatus);
        expect(result.timelineEntry).toMatchObject({ action, from: c.status, to: expectedStatus, at: AT });
      }
      expect(availableActions(c, actor).includes(action), label).toBe(allowedInState && expectedPermitted(action, c, actor));
    }
    expect(c, 'the input case is not modified').toEqual(frozen);
  });
});

describe('availableActions for the UI', () => {
  it('lists what each party sees on a dispatched case', () => {
    expect(availableActions(dispatched, assigneeWorker)).toEqual(['return', 'handle', 'request_extension']);
    expect(availableActions(dispatched, villageCadre)).toEqual(['dispatch']);
    expect(availableActions(dispatched, townAdmin)).toEqual(['dispatch', 'suspend']);
    expect(availableActions(dispatched, publicReporter)).toEqual([]);
    expect(availableActions(pending, townAdmin)).toEqual(['dispatch', 'approve_extension', 'deny_extension', 'suspend']);
  });

  it('lets the reporter verify only when the category says so', () => {
    expect(availableActions(handled, publicReporter)).toEqual([]);
    expect(availableActions(handledByReporter, publicReporter)).toEqual(['verify_pass', 'verify_fail']);
    expect(availableActions(handledByReporter, { ...publicReporter, isReporter: false })).toEqual([]);
  });
});

describe('extension decisions go to a level above the requester', () => {
  const dispatchedByTown = must(transition(accepted, { type: 'dispatch', assignee: { kind: 'member', id: 'vc-2' } }, townAdmin, ctx));
  const villageAssignee: Actor = { role: 'village_cadre', id: 'vc-2', inScope: true, isReporter: false, isAssignee: true };
  const fromVillage = must(
    transition(dispatchedByTown, { type: 'request_extension', reason: '雨天', amount: { unit: 'hours', amount: 7 } }, villageAssignee, ctx),
  );
  const unit: Actor = { role: 'org_liaison', id: 'ol-1', inScope: false, isReporter: false, isAssignee: true };
  const dispatchedToUnit = must(transition(accepted, { type: 'dispatch', assignee: { kind: 'unit', id: 'u-1' } }, townAdmin, ctx));
  const fromUnit = must(
    transition(dispatchedToUnit, { type: 'request_extension', reason: '设备检修', amount: { unit: 'days', amount: 1 } }, unit, ctx),
  );

  it('records the requester level', () => {
    expect(fromVillage.extension).toMatchObject({ level: 'village', requestedBy: 'vc-2', amount: { unit: 'hours', amount: 7 } });
    expect(fromUnit.extension?.level).toBeNull();
  });

  it.each([
    ['a village request, village cadre', 'fromVillage', villageCadre, false],
    ['a village request, town admin', 'fromVillage', townAdmin, true],
    ['a village request, district admin', 'fromVillage', districtAdmin, true],
    ['a unit request dispatched by the town, village cadre', 'fromUnit', villageCadre, false],
    ['a unit request dispatched by the town, town admin', 'fromUnit', townAdmin, true],
    ['a grid-worker request dispatched by the village, village cadre', 'pending', villageCadre, true],
    ['a grid-worker request, grid worker', 'pending', gridWorker, false],
    ['a district admin deciding on their own request', 'pending', { ...districtAdmin, isAssignee: true }, false],
  ] as const)('%s → %s', (_label, which, actor, allowed) => {
    const c = which === 'fromVillage' ? fromVillage : which === 'fromUnit' ? fromUnit : pending;
    for (const type of ['approve_extension', 'deny_extension'] as const) {
      const result = transition(c, { type }, actor, ctx);
      expect(result.ok ? 'ok' : result.reason).toBe(allowed ? 'ok' : 'not_permitted_for_role');
    }
  });

  it('a district admin may decide on a request from the district level', () => {
    const districtAssignee: Actor = { ...districtAdmin, id: 'da-2', isAssignee: true };
    const byDistrict = must(transition(accepted, { type: 'dispatch', assignee: { kind: 'member', id: 'da-2' } }, districtAdmin, ctx));
    const request = must(
      transition(byDistrict, { type: 'request_extension', reason: '跨部门协调', amount: { unit: 'days', amount: 5 } }, districtAssignee, ctx),
    );
    expect(transition(request, { type: 'approve_extension' }, districtAdmin, ctx).ok).toBe(true);
  });

  it('explicit actor levels override the role level', () => {
    const result = transition(fromVillage, { type: 'approve_extension' }, { ...villageCadre, level: 'town' }, ctx);
    expect(result.ok).toBe(true);
  });
});

describe('input validation', () => {
  const cases: [string, CaseState, unknown, Actor][] = [
    ['reject without a reason', base, { type: 'reject', reason: '   ' }, gridWorker],
    ['reject with an overlong reason', base, { type: 'reject', reason: '很'.repeat(501) }, gridWorker],
    ['return without a reason', dispatched, { type: 'return' }, assigneeWorker],
    ['verify_fail without a reason', handled, { type: 'verify_fail', reason: '' }, gridWorker],
    ['suspend without a reason', dispatched, { type: 'suspend' }, townAdmin],
    ['dispatch without an assignee', accepted, { type: 'dispatch' }, villageCadre],
    ['dispatch to an unknown kind', accepted, { type: 'dispatch', assignee: { kind: 'robot', id: 'r' } }, villageCadre],
    ['dispatch with an empty id', accepted, { type: 'dispatch', assignee: { kind: 'member', id: '' } }, villageCadre],
    ['re-dispatch to the same assignee', dispatched, { type: 'dispatch', assignee: { kind: 'member', id: 'gw-2' } }, villageCadre],
    ['handle without notes', dispatched, { type: 'handle', notes: '', photos: [] }, assigneeWorker],
    ['handle with seven photos', dispatched, { type: 'handle', notes: 'ok', photos: Array.from({ length: 7 }, (_, i) => `p${i}`) }, assigneeWorker],
    ['handle with a blank photo', dispatched, { type: 'handle', notes: 'ok', photos: [' '] }, assigneeWorker],
    ['handle with photos not a list', dispatched, { type: 'handle', notes: 'ok', photos: 'p1' }, assigneeWorker],
    ['extension without amount', dispatched, { type: 'request_extension', reason: 'r' }, assigneeWorker],
    ['extension of zero days', dispatched, { type: 'request_extension', reason: 'r', amount: { unit: 'days', amount: 0 } }, assigneeWorker],
    ['extension of half a day', dispatched, { type: 'request_extension', reason: 'r', amount: { unit: 'days', amount: 0.5 } }, assigneeWorker],
    ['extension of 31 days', dispatched, { type: 'request_extension', reason: 'r', amount: { unit: 'days', amount: 31 } }, assigneeWorker],
    ['extension in weeks', dispatched, { type: 'request_extension', reason: 'r', amount: { unit: 'weeks', amount: 1 } }, assigneeWorker],
    ['extension of NaN hours', dispatched, { type: 'request_extension', reason: 'r', amount: { unit: 'hours', amount: NaN } }, assigneeWorker],
    ['extension without a reason', dispatched, { type: 'request_extension', amount: { unit: 'hours', amount: 4 } }, assigneeWorker],
    ['accept with empty notes', base, { type: 'accept', notes: '' }, gridWorker],
    ['an unknown action', base, { type: 'teleport' }, districtAdmin],
    ['no action at all', base, null, districtAdmin],
    ['an inherited property name', base, { type: 'toString' }, districtAdmin],
  ];

  it.each(cases)('%s → invalid_input', (_label, c, action, actor) => {
    const result = transition(c, action as CaseAction, actor, ctx);
    expect(result.ok ? 'ok' : result.reason).toBe('invalid_input');
  });

  it('trims text and keeps optional notes', () => {
    const result = transition(base, { type: 'reject', reason: '  不属于受理范围 ', }, gridWorker, ctx);
    expect(result.ok && result.next.rejectionReason).toBe('不属于受理范围');
    const accept = transition(base, { type: 'accept', notes: '同意立案' }, gridWorker, ctx);
    expect(accept.ok && accept.timelineEntry.notes).toBe('同意立案');
  });

  it('checks the state before the role, and the role before the input', () => {
    expect(transition(closedCase(), { type: 'reject', reason: '' }, publicReporter, ctx)).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
    expect(transition(base, { type: 'reject', reason: '' }, publicReporter, ctx)).toMatchObject({ ok: false, reason: 'not_permitted_for_role' });
  });
});

function closedCase(): CaseState {
  return VARIANTS.closed;
}

describe('a case from report to closure on the working calendar', () => {
  const calendar = new WorkingCalendar();
  const deadlines = calendarDeadlinePolicy(calendar, {
    reported: { unit: 'hours', amount: 2 },
    accepted: { unit: 'hours', amount: 4 },
    dispatched: { unit: 'days', amount: 3 },
    handled: { unit: 'days', amount: 2 },
  });
  const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();
  const reporter: Actor = { ...publicReporter, id: 'r-1' };

  it('sets, extends, freezes and restarts stage deadlines across the National Day holiday', () => {
    // Reported on Friday 26 Sep 2025 at 16:30, just before the holiday.
    let c = newCaseState({ reporterVerifies: true, at: cst('2025-09-26 16:30'), deadlines });
    expect(c.deadline).toBe(cst('2025-09-28 10:00')); // 1 h on Friday, 1 h on the make-up Sunday
    const timeline: { action: string; from: CaseStatus; to: CaseStatus }[] = [];
    const step = (action: CaseAction, actor: Actor, at: string) => {
      const result = transition(c, action, actor, { at: cst(at), deadlines });
      if (!result.ok) throw new Error(result.message);
      timeline.push(result.timelineEntry);
      c = result.next;
    };

    step({ type: 'accept' }, gridWorker, '2025-09-28 09:30');
    expect(c.deadline).toBe(cst('2025-09-28 15:00')); // 2.5 h before lunch, 1.5 h after

    step({ type: 'dispatch', assignee: { kind: 'member', id: 'gw-2', name: '王网格员' } }, villageCadre, '2025-09-28 11:00');
    expect(c.deadline).toBe(cst('2025-10-09 17:30')); // working days 29 Sep, 30 Sep, 9 Oct
    expect(c.dispatchedBy).toEqual({ id: 'vc-1', level: 'village' });

    step({ type: 'request_extension', reason: '节后才能采购', amount: { unit: 'days', amount: 1 } }, assigneeWorker, '2025-09-30 10:00');
    expect(c.deadline).toBe(cst('2025-10-09 17:30'));
    step({ type: 'approve_extension' }, townAdmin, '2025-09-30 11:00');
    expect(c.deadline).toBe(cst('2025-10-10 17:30'));
    expect(c.extension).toBeNull();
    expect(c.extensionsGranted).toBe(1);

    step({ type: 'suspend', reason: '等待村民代表会议' }, townAdmin, '2025-10-09 10:00');
    expect(isOverdue(c, cst('2025-10-12 10:00'))).toBe(false);
    // Suspended 6 h on 9 Oct, 7 h on 10 Oct and 1 h on the make-up Saturday 11 Oct: 14 h given back.
    step({ type: 'resume' }, villageCadre, '2025-10-11 10:00');
    expect(c.status).toBe('dispatched');
    expect(c.deadline).toBe(cst('2025-10-13 17:30'));

    step({ type: 'handle', notes: '已更换水泵', photos: ['before.jpg', 'after.jpg'] }, assigneeWorker, '2025-10-13 15:00');
    expect(c.deadline).toBe(cst('2025-10-15 17:30'));
    expect(c.handling).toEqual({ notes: '已更换水泵', photos: ['before.jpg', 'after.jpg'] });

    step({ type: 'verify_fail', reason: '仍然漏水' }, reporter, '2025-10-14 09:10');
    expect(c).toMatchObject({ status: 'dispatched', verifyFailCount: 1, handling: null, assignee: { id: 'gw-2' } });
    expect(c.deadline).toBe(cst('2025-10-17 17:30'));

    step({ type: 'handle', notes: '重新密封', photos: [] }, assigneeWorker, '2025-10-15 16:00');
    step({ type: 'verify_pass', notes: '满意' }, reporter, '2025-10-16 10:00');
    expect(c.deadline).toBeNull(); // no limit on closing
    step({ type: 'close' }, gridWorker, '2025-10-16 11:00');
    expect(c.status).toBe('closed');
    expect(timeline.map((e) => `${e.action}:${e.from}→${e.to}`)).toEqual([
      'accept:reported→accepted',
      'dispatch:accepted→dispatched',
      'request_extension:dispatched→dispatched',
      'approve_extension:dispatched→dispatched',
      'suspend:dispatched→suspended',
      'resume:suspended→dispatched',
      'handle:dispatched→handled',
      'verify_fail:handled→dispatched',
      'handle:dispatched→handled',
      'verify_pass:handled→verified',
      'close:verified→closed',
    ]);
  });

  it('returns a case to the dispatcher and lets it be dispatched again', () => {
    let c = newCaseState({ reporterVerifies: false, at: cst('2025-06-09 09:00'), deadlines });
    c = must(transition(c, { type: 'accept' }, gridWorker, { at: cst('2025-06-09 09:10'), deadlines }));
    c = must(transition(c, { type: 'dispatch', assignee: { kind: 'unit', id: 'water' } }, villageCadre, { at: cst('2025-06-09 09:20'), deadlines }));
    const unit: Actor = { role: 'enterprise', id: 'e-1', inScope: false, isReporter: false, isAssignee: true };
    c = must(transition(c, { type: 'request_extension', reason: '需要审批', amount: { unit: 'hours', amount: 3 } }, unit, { at: cst('2025-06-09 10:00'), deadlines }));
    const returned = transition(c, { type: 'return', reason: '不属于本单位' }, unit, { at: cst('2025-06-09 11:00'), deadlines });
    expect(returned.ok).toBe(true);
    if (!returned.ok) return;
    expect(returned.next).toMatchObject({ status: 'accepted', assignee: null, extension: null, returnCount: 1, deadline: cst('2025-06-09 16:30') });
    expect(returned.timelineEntry).toMatchObject({ action: 'return', reason: '不属于本单位', actor: { role: 'enterprise', id: 'e-1' } });
    expect(availableActions(returned.next, villageCadre)).toContain('dispatch');
  });

  it('re-dispatch (改派) restarts the handling clock and drops a pending extension', () => {
    const at = cst('2025-06-10 10:00');
    const result = transition(pending, { type: 'dispatch', assignee: { kind: 'member', id: 'gw-3' } }, townAdmin, { at, deadlines });
    expect(result.ok && result.next).toMatchObject({
      assignee: { id: 'gw-3' },
      extension: null,
      dispatchedBy: { level: 'town' },
      deadline: cst('2025-06-13 17:30'),
    });
  });
});

describe('escalation', () => {
  it('walks the chain micro-grid → village → town → district', () => {
    const chain = ['micro_grid', 'village', 'town', 'district'] as const;
    expect(escalationTarget(chain, 'micro_grid')).toBe('village');
    expect(escalationTarget(chain, 'village')).toBe('town');
    expect(escalationTarget(chain, 'town')).toBe('district');
    expect(escalationTarget(chain, 'district')).toBeNull();
    // A deployment without micro-grids under some village.
    expect(escalationTarget(['village', 'town', 'district'] as Level[], 'village')).toBe('town');
    expect(() => escalationTarget(['village', 'town'] as Level[], 'micro_grid')).toThrow(RangeError);
  });

  const due = '2025-06-09T09:30:00.000Z'; // 17:30 in Chengdu
  const overdueCase: CaseState = { ...dispatched, deadline: due };

  it('is overdue strictly after the deadline, while the clock runs', () => {
    expect(isOverdue(overdueCase, due)).toBe(false);
    expect(isOverdue(overdueCase, '2025-06-09T09:30:00.001Z')).toBe(true);
    expect(isOverdue({ ...overdueCase, deadline: null }, '2030-01-01T00:00:00Z')).toBe(false);
    for (const status of ['suspended', 'closed', 'rejected'] as const) {
      expect(isOverdue({ ...overdueCase, status }, '2030-01-01T00:00:00Z')).toBe(false);
    }
  });

  it('escalates once per missed deadline, however often the sweep runs', () => {
    const later = '2025-06-10T02:00:00.000Z';
    expect(nextEscalation(overdueCase, due)).toBeNull();
    expect(nextEscalation(overdueCase, later)).toBe('village');
    expect(nextEscalation(overdueCase, later)).toBe('village'); // same input, same answer
    const once = applyEscalation(overdueCase, 'village', { at: later });
    expect(once.next.escalation).toEqual({ level: 'village', forDeadline: due });
    expect(once.timelineEntry).toMatchObject({ action: 'escalate', level: 'village', actor: { role: 'system' } });
    expect(nextEscalation(once.next, later)).toBeNull();
    expect(nextEscalation(once.next, '2026-01-01T00:00:00Z')).toBeNull();

    // A new stage deadline, missed too, escalates one level further.
    const nextStage: CaseState = { ...once.next, deadline: '2025-06-11T09:30:00.000Z' };
    expect(nextEscalation(nextStage, '2025-06-11T09:00:00Z')).toBeNull();
    expect(nextEscalation(nextStage, '2025-06-12T00:00:00Z')).toBe('town');
  });

  it('refuses to escalate sideways or down', () => {
    const once = applyEscalation(overdueCase, 'village', { at: due, newDeadline: '2025-06-10T09:30:00Z' });
    expect(() => applyEscalation(once.next, 'village', { at: due })).toThrow(RangeError);
    expect(() => applyEscalation(once.next, 'micro_grid', { at: due })).toThrow(RangeError);
    expect(() => applyEscalation({ ...overdueCase, deadline: null }, 'village', { at: due })).toThrow(RangeError);
  });

  it('climbs one level per missed deadline up to the district, and stops there', () => {
    let c: CaseState = overdueCase;
    const levels: Level[] = [];
    let deadline = Date.parse(due);
    for (let round = 0; round < 6; round++) {
      const now = new Date(deadline + 3_600_000).toISOString();
      const target = nextEscalation(c, now);
      if (target === null) break;
      levels.push(target);
      deadline += 86_400_000;
      c = applyEscalation(c, target, { at: now, newDeadline: new Date(deadline).toISOString() }).next;
    }
    expect(levels).toEqual(['village', 'town', 'district']);
    expect(c.escalation?.level).toBe('district');
  });

  it('is idempotent and monotone for any sequence of sweeps (property)', () => {
    // Sweeps at random times; sometimes the escalated level gets a new deadline.
    const sweepArb = fc.array(
      fc.record({ afterMs: fc.integer({ min: -86_400_000, max: 3 * 86_400_000 }), newDeadlineInMs: fc.option(fc.integer({ min: 1, max: 86_400_000 })) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(sweepArb, fc.constantFrom<Level>('micro_grid', 'village', 'town'), (sweeps, home) => {
        let c: CaseState = { ...overdueCase, level: home };
        let deadlinesSet = 1;
        let previousRank = ['micro_grid', 'village', 'town', 'district'].indexOf(home);
        for (const sweep of sweeps) {
          const now = new Date(Date.parse(c.deadline!) + sweep.afterMs).toISOString();
          const target = nextEscalation(c, now);
          expect(nextEscalation(c, now)).toBe(target);
          if (target === null) continue;
          const rank = ['micro_grid', 'village', 'town', 'district'].indexOf(target);
          expect(rank).toBe(previousRank + 1);
          previousRank = rank;
          const newDeadline = sweep.newDeadlineInMs === null ? null : new Date(Date.parse(now) + sweep.newDeadlineInMs).toISOString();
          c = applyEscalation(c, target, { at: now, newDeadline }).next;
          if (newDeadline !== null) deadlinesSet++;
          expect(nextEscalation(c, now)).toBeNull();
        }
        // Never more escalations than deadlines missed.
        expect(previousRank - ['micro_grid', 'village', 'town', 'district'].indexOf(home)).toBeLessThanOrEqual(deadlinesSet);
      }),
      { numRuns: 300 },
    );
  });
});
