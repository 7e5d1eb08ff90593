/**
 * Case workflow (案件流转): a pure state machine. No IO, no clock — the caller passes the time and,
 * if stages have time limits, a deadline policy.
 *
 * States
 *
 * | status       | 中文             | meaning                                                        | terminal |
 * |--------------|------------------|----------------------------------------------------------------|----------|
 * | `reported`   | 已上报（待立案） | reported by a resident or a grid worker, awaiting acceptance   |          |
 * | `accepted`   | 已立案（待派遣） | accepted as a case, awaiting dispatch (also after 退回)        |          |
 * | `rejected`   | 不予立案         | not accepted, with a reason                                    | yes      |
 * | `dispatched` | 已派遣（处置中） | assigned to a member or unit, who is handling it               |          |
 * | `handled`    | 已处置（待核查） | the assignee reported it handled (notes, photos); to verify    |          |
 * | `verified`   | 已核查（待结案） | verification passed; awaiting closure                          |          |
 * | `closed`     | 已结案           | closed                                                         | yes      |
 * | `suspended`  | 已挂起           | clock stopped; resumes to the status it was suspended from     |          |
 *
 * An extension request (申请延期) is not a status: it is a pending sub-request on a `dispatched`
 * case (`extension`), approved or denied by a level above the requester. 退回 (return to sender)
 * is not a status either: the case goes back to `accepted` with the reason in the timeline.
 *
 * Actions
 *
 * | action                              | 中文       | from                          | to                                | who                                     |
 * |-------------------------------------|------------|-------------------------------|-----------------------------------|-----------------------------------------|
 * | `accept`                            | 立案       | reported                      | accepted                          | grid worker or above, in scope          |
 * | `reject(reason)`                    | 不予立案   | reported                      | rejected                          | grid worker or above, in scope          |
 * | `dispatch(assignee)`                | 派遣/改派  | accepted, dispatched          | dispatched                        | village cadre or above, in scope        |
 * | `return(reason)`                    | 退回       | dispatched                    | accepted                          | the assignee                            |
 * | `handle(notes, photos)`             | 处置       | dispatched                    | handled                           | the assignee                            |
 * | `verify_pass`                       | 核查通过   | handled                       | verified                          | a verifier (below)                      |
 * | `verify_fail(reason)`               | 核查不通过 | handled                       | dispatched, same assignee         | a verifier (below)                      |
 * | `close`                             | 结案       | verified                      | closed                            | grid worker or above, in scope          |
 * | `request_extension(reason, amount)` | 申请延期   | dispatched, none pending      | dispatched, request pending       | the assignee                            |
 * | `approve_extension`                 | 批准延期   | dispatched, request pending   | dispatched, deadline moved later  | a decider (below)                       |
 * | `deny_extension(reason?)`           | 驳回延期   | dispatched, request pending   | dispatched                        | a decider (below)                       |
 * | `suspend(reason)`                   | 挂起       | accepted, dispatched, handled | suspended                         | town admin or district admin, in scope  |
 * | `resume`                            | 恢复       | suspended                     | the status it was suspended from  | village cadre or above, in scope        |
 *
 * "Or above" follows the levels micro-grid (grid worker) → village (village cadre) → town (town
 * admin) → district (district admin). Pairing-unit liaisons and enterprises act only as assignees.
 * A decider on an extension is a village cadre or above, in scope, who is not the requester, at a
 * level above the requester's and not below the dispatcher's; a district admin may always decide.
 *
 * "In scope" means the case's micro-grid lies in one of the actor's regions; the caller works that
 * out from region paths. The verifier is a grid worker or village cadre in scope, or the reporter
 * when the case's category says the reporter verifies; never the assignee (nobody checks their own
 * work). A public reporter can do nothing else here. The machine-readable form of the "who" column
 * is `ACTION_RULES`.
 *
 * Deadlines: every stage (`reported`, `accepted`, `dispatched`, `handled`, `verified`) may have a
 * time limit; a `DeadlinePolicy` turns it into an instant when the stage is entered. Re-dispatch
 * and a failed verification start the handling clock again. Suspension stops the clock: on resume
 * the deadline moves later by the working time spent suspended. An approved extension moves the
 * current deadline later by the amount requested.
 *
 * Escalation (督办升级): a case whose deadline has passed escalates one level up the chain
 * micro-grid → village → town → district, once per missed deadline (see `nextEscalation`).
 */
import type { Role } from '../../platform/access/policy.ts';
import type { DateInput, TimeLimit, WorkingCalendar } from '../../platform/calendar/working-days.ts';

// ——— Vocabulary ———

export const CASE_STATUSES = ['reported', 'accepted', 'rejected', 'dispatched', 'handled', 'verified', 'closed', 'suspended'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  reported: { zh: '已上报', en: 'Reported' },
  accepted: { zh: '已立案', en: 'Accepted' },
  rejected: { zh: '不予立案', en: 'Rejected' },
  dispatched: { zh: '处置中', en: 'Dispatched' },
  handled: { zh: '待核查', en: 'Handled' },
  verified: { zh: '待结案', en: 'Verified' },
  closed: { zh: '已结案', en: 'Closed' },
  suspended: { zh: '已挂起', en: 'Suspended' },
};

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['rejected', 'closed'];

/** Statuses with a running clock: a stage deadline may apply. */
export type StageStatus = 'reported' | 'accepted' | 'dispatched' | 'handled' | 'verified';
/** Statuses a case may be suspended from (and so resumes to). */
export type SuspendableStatus = 'accepted' | 'dispatched' | 'handled';

export const LEVELS = ['micro_grid', 'village', 'town', 'district'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  micro_grid: { zh: '微网格', en: 'Micro-grid' },
  village: { zh: '村（社区）', en: 'Village' },
  town: { zh: '镇（街道）', en: 'Town' },
  district: { zh: '区', en: 'District' },
};

/** The level a role works at; pairing units and enterprises stand outside the hierarchy. */
export const ROLE_LEVEL: Record<Role, Level | null> = {
  grid_worker: 'micro_grid',
  village_cadre: 'village',
  town_admin: 'town',
  district_admin: 'district',
  org_liaison: null,
  enterprise: null,
};

/** `reporter`: a member of the public (possibly anonymous) acting on their own report. */
export type ActorRole = Role | 'reporter';

export interface Actor {
  role: ActorRole;
  id?: string | null;
  /** Defaults to the role's level (`ROLE_LEVEL`); null for a public reporter. */
  level?: Level | null;
  /** The case's micro-grid lies in one of the actor's regions. */
  inScope: boolean;
  /** The actor reported this case. */
  isReporter: boolean;
  /** The case is dispatched to the actor (or to the unit the actor acts for). */
  isAssignee: boolean;
}

export interface Assignee {
  kind: 'member' | 'unit';
  id: string;
  name?: string;
}

export interface ExtensionRequest {
  reason: string;
  amount: TimeLimit;
  requestedAt: string;
  requestedBy: string | null;
  /** The requester's level; null for a unit outside the hierarchy. */
  level: Level | null;
}

export interface CaseState {
  status: CaseStatus;
  /** The level the case belongs to: normally its micro-grid. */
  level: Level;
  /** The category says the reporter verifies the handling. */
  reporterVerifies: boolean;
  assignee: Assignee | null;
  /** Who dispatched the current assignment, and at which level. */
  dispatchedBy: { id: string | null; level: Level | null } | null;
  handling: { notes: string; photos: readonly string[] } | null;
  /** Deadline of the current stage (ISO), or null when the stage has no limit. */
  deadline: string | null;
  suspension: { from: SuspendableStatus; at: string; reason: string } | null;
  extension: ExtensionRequest | null;
  extensionsGranted: number;
  /** The latest escalation: the level escalated to and the missed deadline that caused it. */
  escalation: { level: Level; forDeadline: string } | null;
  rejectionReason: string | null;
  returnCount: number;
  verifyFailCount: number;
}

export type CaseAction =
  | { type: 'accept'; notes?: string }
  | { type: 'reject'; reason: string }
  | { type: 'dispatch'; assignee: Assignee; notes?: string }
  | { type: 'return'; reason: string }
  | { type: 'handle'; notes: string; photos?: readonly string[] }
  | { type: 'verify_pass'; notes?: string }
  | { type: 'verify_fail'; reason: string }
  | { type: 'close'; notes?: string }
  | { type: 'request_extension'; reason: string; amount: TimeLimit }
  | { type: 'approve_extension'; notes?: string }
  | { type: 'deny_extension'; reason?: string }
  | { type: 'suspend'; reason: string }
  | { type: 'resume'; notes?: string };

export type ActionType = CaseAction['type'];

export interface TimelineEntry {
  at: string;
  action: ActionType | 'escalate';
  label: string;
  from: CaseStatus;
  to: CaseStatus;
  actor: { role: ActorRole | 'system'; id: string | null };
  /** Deadline of the stage after the action. */
  deadline: string | null;
  reason?: string;
  notes?: string;
  photos?: readonly string[];
  assignee?: Assignee;
  amount?: TimeLimit;
  level?: Level;
}

export type TransitionFailure = 'not_allowed_in_state' | 'not_permitted_for_role' | 'invalid_input';

export type TransitionResult =
  | { ok: true; next: CaseState; timelineEntry: TimelineEntry }
  | { ok: false; reason: TransitionFailure; message: string };

// ——— Deadlines ———

export interface DeadlinePolicy {
  /** Deadline of a stage entered at `from`, or null when the stage has no limit. */
  stageDeadline(stage: StageStatus, from: Date): Date | null;
  /** The deadline pushed back by an approved extension. */
  extend(deadline: Date, amount: TimeLimit): Date;
  /** The deadline after a suspension from `suspendedAt` to `resumedAt`. */
  resume(deadline: Date, suspendedAt: Date, resumedAt: Date): Date;
}

/** No stage limits; a suspension moves an existing deadline by the wall-clock time suspended. */
export const NO_DEADLINES: DeadlinePolicy = {
  stageDeadline: () => null,
  extend: (deadline) => deadline,
  resume: (deadline, suspendedAt, resumedAt) => new Date(deadline.getTime() + Math.max(0, resumedAt.getTime() - suspendedAt.getTime())),
};

/** Stage limits counted on the working calendar; suspension gives back the working time lost. */
export function calendarDeadlinePolicy(calendar: WorkingCalendar, limits: Partial<Record<StageStatus, TimeLimit>>): DeadlinePolicy {
  return {
    stageDeadline: (stage, from) => {
      const limit = limits[stage];
      return limit ? calendar.deadlineFor(from, limit) : null;
    },
    extend: (deadline, amount) => calendar.deadlineFor(deadline, amount),
    resume: (deadline, suspendedAt, resumedAt) =>
      calendar.addWorkingHours(deadline, Math.max(0, calendar.workingHoursBetween(suspendedAt, resumedAt))),
  };
}

export interface TransitionContext {
  /** When the action happens. */
  at: DateInput;
  deadlines?: DeadlinePolicy;
}

/** A freshly reported case, with the acceptance deadline if that stage has a limit. */
export function newCaseState(init: { level?: Level; reporterVerifies: boolean; at: DateInput; deadlines?: DeadlinePolicy }): CaseState {
  const at = toDate(init.at);
  const deadline = (init.deadlines ?? NO_DEADLINES).stageDeadline('reported', at);
  return {
    status: 'reported',
    level: init.level ?? 'micro_grid',
    reporterVerifies: init.reporterVerifies,
    assignee: null,
    dispatchedBy: null,
    handling: null,
    deadline: deadline ? deadline.toISOString() : null,
    suspension: null,
    extension: null,
    extensionsGranted: 0,
    escalation: null,
    rejectionReason: null,
    returnCount: 0,
    verifyFailCount: 0,
  };
}

// ——— The rules table ———

/**
 * How an actor qualifies for an action:
 * - `scope`: one of `roles`, and the case is in the actor's regions;
 * - `assignee`: the case is dispatched to the actor;
 * - `verifier`: one of `roles` in scope, or the reporter when the category says the reporter
 *   verifies — and in either case not the assignee;
 * - `higher_level`: one of `roles` in scope, not the requester, at a level above the requester's
 *   and not below the dispatcher's (the district, at the top, may always decide).
 */
export type Who =
  | { by: 'scope'; roles: readonly Role[] }
  | { by: 'assignee' }
  | { by: 'verifier'; roles: readonly Role[] }
  | { by: 'higher_level'; roles: readonly Role[] };

export interface ActionRule {
  label: string;
  from: readonly CaseStatus[];
  /** A further condition on the case, beyond its status. */
  when?: { test: (c: CaseState) => boolean; description: string };
  who: Who;
}

const CASE_MANAGERS: readonly Role[] = ['grid_worker', 'village_cadre', 'town_admin', 'district_admin'];
const DISPATCHERS: readonly Role[] = ['village_cadre', 'town_admin', 'district_admin'];
const VERIFIERS: readonly Role[] = ['grid_worker', 'village_cadre'];
const SUSPENDERS: readonly Role[] = ['town_admin', 'district_admin'];

const noPendingExtension = { test: (c: CaseState) => c.extension === null, description: 'an extension request is already pending' };
const pendingExtension = { test: (c: CaseState) => c.extension !== null, description: 'no extension request is pending' };

export const ACTION_RULES: Readonly<Record<ActionType, ActionRule>> = {
  accept: { label: '立案', from: ['reported'], who: { by: 'scope', roles: CASE_MANAGERS } },
  reject: { label: '不予立案', from: ['reported'], who: { by: 'scope', roles: CASE_MANAGERS } },
  dispatch: { label: '派遣', from: ['accepted', 'dispatched'], who: { by: 'scope', roles: DISPATCHERS } },
  return: { label: '退回', from: ['dispatched'], who: { by: 'assignee' } },
  handle: { label: '处置', from: ['dispatched'], who: { by: 'assignee' } },
  verify_pass: { label: '核查通过', from: ['handled'], who: { by: 'verifier', roles: VERIFIERS } },
  verify_fail: { label: '核查不通过', from: ['handled'], who: { by: 'verifier', roles: VERIFIERS } },
  close: { label: '结案', from: ['verified'], who: { by: 'scope', roles: CASE_MANAGERS } },
  request_extension: { label: '申请延期', from: ['dispatched'], when: noPendingExtension, who: { by: 'assignee' } },
  approve_extension: { label: '批准延期', from: ['dispatched'], when: pendingExtension, who: { by: 'higher_level', roles: DISPATCHERS } },
  deny_extension: { label: '驳回延期', from: ['dispatched'], when: pendingExtension, who: { by: 'higher_level', roles: DISPATCHERS } },
  suspend: { label: '挂起', from: ['accepted', 'dispatched', 'handled'], who: { by: 'scope', roles: SUSPENDERS } },
  resume: { label: '恢复', from: ['suspended'], who: { by: 'scope', roles: DISPATCHERS } },
};

export const ACTION_TYPES = Object.keys(ACTION_RULES) as ActionType[];

/** Limits on free text and attachments. */
export const MAX_REASON_LENGTH = 500;
export const MAX_NOTES_LENGTH = 2000;
export const MAX_PHOTOS = 6;
/** Longest single extension that may be requested. */
export const MAX_EXTENSION: Readonly<Record<TimeLimit['unit'], number>> = { days: 30, hours: 210 };

// ——— Checks ———

function actorLevel(actor: Actor): Level | null {
  if (actor.level !== undefined) return actor.level;
  return actor.role === 'reporter' ? null : ROLE_LEVEL[actor.role];
}

function rank(level: Level | null): number {
  return level === null ? -1 : LEVELS.indexOf(level);
}

function stateAllows(rule: ActionRule, c: CaseState): string | null {
  if (!rule.from.includes(c.status)) return `${rule.label}: not possible while the case is ${c.status}`;
  if (rule.when && !rule.when.test(c)) return `${rule.label}: ${rule.when.description}`;
  return null;
}

function permits(rule: ActionRule, c: CaseState, actor: Actor): string | null {
  const who = rule.who;
  const role = actor.role;
  const hasRole = (roles: readonly Role[]) => role !== 'reporter' && roles.includes(role);
  switch (who.by) {
    case 'scope':
      if (!hasRole(who.roles)) return `${rule.label}: not for the role ${role}`;
      if (!actor.inScope) return `${rule.label}: the case is outside your regions`;
      return null;
    case 'assignee':
      if (role === 'reporter' || !actor.isAssignee) return `${rule.label}: only the assignee may do this`;
      return null;
    case 'verifier':
      if (actor.isAssignee) return `${rule.label}: the assignee may not verify their own handling`;
      if (hasRole(who.roles) && actor.inScope) return null;
      if (c.reporterVerifies && actor.isReporter) return null;
      return c.reporterVerifies
        ? `${rule.label}: only the reporter or a grid worker or village cadre of the area may verify`
        : `${rule.label}: only a grid worker or village cadre of the area may verify`;
    case 'higher_level': {
      if (!hasRole(who.roles)) return `${rule.label}: not for the role ${role}`;
      if (!actor.inScope) return `${rule.label}: the case is outside your regions`;
      if (actor.isAssignee) return `${rule.label}: you may not decide on your own request`;
      const mine = rank(actorLevel(actor));
      if (mine === LEVELS.length - 1) return null;
      const requester = rank(c.extension?.level ?? null);
      const dispatcher = rank(c.dispatchedBy?.level ?? null);
      if (mine <= requester) return `${rule.label}: must be decided by a level above the requester`;
      if (mine < dispatcher) return `${rule.label}: must be decided at the dispatcher's level or above`;
      return null;
    }
  }
}

/** Actions the actor may take on the case now, in table order (input not yet considered). */
export function availableActions(c: CaseState, actor: Actor): ActionType[] {
  return ACTION_TYPES.filter((type) => {
    const rule = ACTION_RULES[type];
    return stateAllows(rule, c) === null && permits(rule, c, actor) === null;
  });
}

// ——— Input validation ———

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}

function optionalText(value: unknown, max: number): string | undefined | null {
  if (value === undefined) return undefined;
  return text(value, max);
}

type Validated = { ok: true; fields: Partial<TimelineEntry> } | { ok: false; message: string };

function validate(action: CaseAction, c: CaseState): Validated {
  const bad = (message: string): Validated => ({ ok: false, message });
  const input = action as Record<string, unknown>;
  const notes = optionalText(input.notes, MAX_NOTES_LENGTH);
  if (notes === null) return bad(`notes must be non-empty text of at most ${MAX_NOTES_LENGTH} characters`);
  const needReason = (): Validated => {
    const reason = text(input.reason, MAX_REASON_LENGTH);
    return reason === null ? bad(`a reason of at most ${MAX_REASON_LENGTH} characters is required`) : { ok: true, fields: { reason, notes } };
  };
  switch (action.type) {
    case 'accept':
    case 'verify_pass':
    case 'close':
    case 'approve_extension':
    case 'resume':
      return { ok: true, fields: { notes } };
    case 'reject':
    case 'return':
    case 'verify_fail':
    case 'suspend':
      return needReason();
    case 'deny_extension': {
      const reason = optionalText(input.reason, MAX_REASON_LENGTH);
      if (reason === null) return bad(`the reason must be non-empty text of at most ${MAX_REASON_LENGTH} characters`);
      return { ok: true, fields: { reason } };
    }
    case 'dispatch': {
      const a = input.assignee as Partial<Assignee> | null | undefined;
      if (typeof a !== 'object' || a === null) return bad('an assignee is required');
      if (a.kind !== 'member' && a.kind !== 'unit') return bad('the assignee must be a member or a unit');
      const id = text(a.id, 200);
      if (id === null) return bad('the assignee needs an id');
      const name = optionalText(a.name, 200);
      if (name === null) return bad('the assignee name must be non-empty text');
      if (c.status === 'dispatched' && c.assignee?.kind === a.kind && c.assignee.id === id) {
        return bad('the case is already dispatched to this assignee');
      }
      const assignee: Assignee = name === undefined ? { kind: a.kind, id } : { kind: a.kind, id, name };
      return { ok: true, fields: { assignee, notes } };
    }
    case 'handle': {
      const handlingNotes = text(input.notes, MAX_NOTES_LENGTH);
      if (handlingNotes === null) return bad(`handling notes of at most ${MAX_NOTES_LENGTH} characters are required`);
      const photos = input.photos ?? [];
      if (!Array.isArray(photos) || photos.length > MAX_PHOTOS) return bad(`at most ${MAX_PHOTOS} photos`);
      if (!photos.every((p) => typeof p === 'string' && p.trim().length > 0)) return bad('each photo must be a non-empty reference');
      return { ok: true, fields: { notes: handlingNotes, photos: photos as string[] } };
    }
    case 'request_extension': {
      const reason = text(input.reason, MAX_REASON_LENGTH);
      if (reason === null) return bad(`a reason of at most ${MAX_REASON_LENGTH} characters is required`);
      const amount = input.amount as Partial<TimeLimit> | null | undefined;
      if (typeof amount !== 'object' || amount === null) return bad('an amount is required');
      const { unit, amount: n } = amount;
      if (unit !== 'days' && unit !== 'hours') return bad('the extension unit must be days or hours');
      if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > MAX_EXTENSION[unit]) {
        return bad(`the extension must be more than 0 and at most ${MAX_EXTENSION[unit]} ${unit}`);
      }
      if (unit === 'days' && !Number.isInteger(n)) return bad('an extension in days must be whole days');
      return { ok: true, fields: { reason, amount: { unit, amount: n } } };
    }
    default:
      return bad(`unknown action ${String((action as { type: unknown }).type)}`);
  }
}

// ——— Transition ———

function toDate(input: DateInput): Date {
  const d = input instanceof Date ? new Date(input.getTime()) : new Date(input);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid time: ${String(input)}`);
  return d;
}

function iso(d: Date | null): string | null {
  return d === null ? null : d.toISOString();
}

/**
 * Apply an action to a case. Checks, in order: the action is known (`invalid_input`); the case's
 * status allows it (`not_allowed_in_state`); the actor may do it (`not_permitted_for_role`); its
 * input is valid (`invalid_input`). Never throws for a bad action; throws only for an invalid `ctx.at`.
 */
export function transition(c: CaseState, action: CaseAction, actor: Actor, ctx: TransitionContext): TransitionResult {
  const type = (action as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(ACTION_RULES, type)) {
    return { ok: false, reason: 'invalid_input', message: `unknown action ${String(type)}` };
  }
  const rule = ACTION_RULES[type as ActionType];
  const stateProblem = stateAllows(rule, c);
  if (stateProblem !== null) return { ok: false, reason: 'not_allowed_in_state', message: stateProblem };
  const roleProblem = permits(rule, c, actor);
  if (roleProblem !== null) return { ok: false, reason: 'not_permitted_for_role', message: roleProblem };
  const input = validate(action, c);
  if (!input.ok) return { ok: false, reason: 'invalid_input', message: `${rule.label}: ${input.message}` };

  const at = toDate(ctx.at);
  const policy = ctx.deadlines ?? NO_DEADLINES;
  const stage = (s: StageStatus) => iso(policy.stageDeadline(s, at));
  const fields = input.fields;
  let next: CaseState;

  switch (action.type) {
    case 'accept':
      next = { ...c, status: 'accepted', deadline: stage('accepted') };
      break;
    case 'reject':
      next = { ...c, status: 'rejected', deadline: null, rejectionReason: fields.reason ?? null };
      break;
    case 'dispatch':
      next = {
        ...c,
        status: 'dispatched',
        assignee: fields.assignee ?? null,
        dispatchedBy: { id: actor.id ?? null, level: actorLevel(actor) },
        handling: null,
        extension: null,
        deadline: stage('dispatched'),
      };
      break;
    case 'return':
      next = {
        ...c,
        status: 'accepted',
        assignee: null,
        dispatchedBy: null,
        extension: null,
        returnCount: c.returnCount + 1,
        deadline: stage('accepted'),
      };
      break;
    case 'handle':
      next = {
        ...c,
        status: 'handled',
        handling: { notes: fields.notes ?? '', photos: fields.photos ?? [] },
        extension: null,
        deadline: stage('handled'),
      };
      break;
    case 'verify_pass':
      next = { ...c, status: 'verified', deadline: stage('verified') };
      break;
    case 'verify_fail':
      next = { ...c, status: 'dispatched', handling: null, verifyFailCount: c.verifyFailCount + 1, deadline: stage('dispatched') };
      break;
    case 'close':
      next = { ...c, status: 'closed', deadline: null, extension: null };
      break;
    case 'request_extension':
      next = {
        ...c,
        extension: {
          reason: fields.reason ?? '',
          amount: fields.amount ?? action.amount,
          requestedAt: at.toISOString(),
          requestedBy: actor.id ?? null,
          level: actorLevel(actor),
        },
      };
      break;
    case 'approve_extension': {
      const request = c.extension!;
      fields.amount = request.amount;
      next = {
        ...c,
        extension: null,
        extensionsGranted: c.extensionsGranted + 1,
        deadline: c.deadline === null ? null : policy.extend(new Date(c.deadline), request.amount).toISOString(),
      };
      break;
    }
    case 'deny_extension':
      fields.amount = c.extension!.amount;
      next = { ...c, extension: null };
      break;
    case 'suspend':
      next = {
        ...c,
        status: 'suspended',
        suspension: { from: c.status as SuspendableStatus, at: at.toISOString(), reason: fields.reason ?? '' },
      };
      break;
    case 'resume': {
      const suspension = c.suspension;
      if (suspension === null) {
        return { ok: false, reason: 'not_allowed_in_state', message: `${rule.label}: the case records no suspension` };
      }
      next = {
        ...c,
        status: suspension.from,
        suspension: null,
        deadline: c.deadline === null ? null : policy.resume(new Date(c.deadline), new Date(suspension.at), at).toISOString(),
      };
      break;
    }
  }

  const timelineEntry: TimelineEntry = {
    at: at.toISOString(),
    action: action.type,
    label: rule.label,
    from: c.status,
    to: next.status,
    actor: { role: actor.role, id: actor.id ?? null },
    deadline: next.deadline,
  };
  if (fields.reason !== undefined) timelineEntry.reason = fields.reason;
  if (fields.notes !== undefined) timelineEntry.notes = fields.notes;
  if (fields.photos !== undefined) timelineEntry.photos = fields.photos;
  if (fields.assignee !== undefined) timelineEntry.assignee = fields.assignee;
  if (fields.amount !== undefined) timelineEntry.amount = fields.amount;
  return { ok: true, next, timelineEntry };
}

// ——— Escalation ———

/** The level after `currentLevel` in the chain (lowest first), or null at the top. */
export function escalationTarget<L extends string>(levelChain: readonly L[], currentLevel: L): L | null {
  const i = levelChain.indexOf(currentLevel);
  if (i < 0) throw new RangeError(`level ${currentLevel} is not in the chain ${levelChain.join(' → ')}`);
  return levelChain[i + 1] ?? null;
}

/** A case is overdue when its clock runs (not suspended, not finished) and the deadline has passed. */
export function isOverdue(c: Pick<CaseState, 'status' | 'deadline'>, now: DateInput): boolean {
  if (c.deadline === null || c.status === 'suspended' || TERMINAL_STATUSES.includes(c.status)) return false;
  return toDate(now).getTime() > Date.parse(c.deadline);
}

/**
 * The level to escalate an overdue case to, or null. One step per missed deadline: once the case
 * records an escalation for its current deadline, this returns null until the deadline changes
 * (a new stage, an extension, a resumption) and that one is missed too. So a sweep may call it
 * as often as it likes: the same case and recorded escalation give the same answer.
 * A case with no recorded escalation escalates from its own level.
 */
export function nextEscalation(
  c: Pick<CaseState, 'status' | 'deadline' | 'level' | 'escalation'>,
  now: DateInput,
  levelChain: readonly Level[] = LEVELS,
): Level | null {
  if (!isOverdue(c, now) || c.deadline === null) return null;
  if (c.escalation !== null && c.escalation.forDeadline === c.deadline) return null;
  return escalationTarget(levelChain, c.escalation?.level ?? c.level);
}

/**
 * Record an escalation (from `nextEscalation`). The escalated level may be given a fresh
 * deadline; missing that one escalates again.
 */
export function applyEscalation(
  c: CaseState,
  level: Level,
  ctx: { at: DateInput; newDeadline?: DateInput | null },
): { next: CaseState; timelineEntry: TimelineEntry } {
  if (c.deadline === null) throw new RangeError('a case without a deadline cannot be escalated');
  if (rank(level) <= rank(c.escalation?.level ?? c.level)) throw new RangeError(`cannot escalate to ${level}: not above the current level`);
  const deadline = ctx.newDeadline === undefined || ctx.newDeadline === null ? c.deadline : toDate(ctx.newDeadline).toISOString();
  const next: CaseState = { ...c, escalation: { level, forDeadline: c.deadline }, deadline };
  return {
    next,
    timelineEntry: {
      at: toDate(ctx.at).toISOString(),
      action: 'escalate',
      label: '督办升级',
      from: c.status,
      to: c.status,
      actor: { role: 'system', id: null },
      deadline,
      level,
    },
  };
}
