import { describe, expect, it } from 'vitest';
import { Department, Role } from '../community/community.enums.js';
import { SlaClock, TicketKind, TicketStatus, Urgency, VisitSlot } from './ticket.enums.js';
import {
  canBeAssigned,
  canListDepartmentStaff,
  canView,
  check,
  currentDeadline,
  decide,
  DEFAULT_SLA,
  escalationLevel,
  intakeUrgency,
  maskName,
  maskPhone,
  missedClocks,
  needsFollowUp,
  nextUrgeAt,
  relationsOf,
  reopenUntil,
  searchTerms,
  seesPersonalData,
  validateSlaPolicy,
  visitProblem,
  type ClockFacts,
  type LoopFacts,
  type Relation,
  type TicketAction,
  type ViewerFacts,
} from './ticket.rules.js';
import { personalDataVisibleSql } from './ticket.policy.js';

const STATUSES = Object.values(TicketStatus);
const RELATIONS: (Relation | null)[] = ['OWNER', 'CUSTOMER_SERVICE', 'DEPARTMENT_STAFF', 'DEPARTMENT_HEAD', 'ADMIN', null];

// Expected outcome per action: one row per status (RECEIVED … CLOSED), one column per relation
// (owner, customer service, department staff, department head, admin, none). ✓ allowed, F forbidden,
// I invalid transition. A head holds DEPARTMENT_STAFF as well, so a head may do what their staff may.
const EXPECTED: Record<TicketAction, string[]> = {
  //                    O  C  D  H  A  -
  answerOnTheSpot: ['F ✓ F F ✓ F', 'F I F F I F', 'F I F F I F', 'F I F F I F', 'F I F F I F', 'F I F F I F'],
  dispatch: ['F ✓ F F ✓ F', 'F ✓ F F ✓ F', 'F I F F I F', 'F I F F I F', 'F I F F I F', 'F I F F I F'],
  postUpdate: ['✓ ✓ ✓ F ✓ F', '✓ ✓ ✓ F ✓ F', '✓ ✓ ✓ F ✓ F', '✓ ✓ ✓ F ✓ F', '✓ ✓ ✓ F ✓ F', 'I I I F I F'],
  postInternalUpdate: ['F ✓ ✓ F ✓ F', 'F ✓ ✓ F ✓ F', 'F ✓ ✓ F ✓ F', 'F ✓ ✓ F ✓ F', 'F ✓ ✓ F ✓ F', 'F I I F I F'],
  proposeSolution: ['F F I F I F', 'F F ✓ F ✓ F', 'F F I F I F', 'F F I F I F', 'F F I F I F', 'F F I F I F'],
  acceptSolution: ['I I F F I F', 'I I F F I F', '✓ ✓ F F ✓ F', 'I I F F I F', 'I I F F I F', 'I I F F I F'],
  rejectSolution: ['I I F F I F', 'I I F F I F', '✓ ✓ F F ✓ F', 'I I F F I F', 'I I F F I F', 'I I F F I F'],
  resolve: ['F F I F I F', 'F F I F I F', 'F F I F I F', 'F F ✓ F ✓ F', 'F F I F I F', 'F F I F I F'],
  recordReturnVisit: ['I I F F I F', 'I I F F I F', 'I I F F I F', 'I I F F I F', '✓ ✓ F F ✓ F', 'I I F F I F'],
  cancel: ['✓ ✓ F F ✓ F', '✓ ✓ F F ✓ F', '✓ ✓ F F ✓ F', '✓ ✓ F F ✓ F', 'I I F F I F', 'I I F F I F'],
  urge: ['✓ F F F F F', '✓ F F F F F', 'I F F F F F', '✓ F F F F F', 'I F F F F F', 'I F F F F F'],
  reopen: ['I I F F I F', 'I I F F I F', 'I I F F I F', 'I I F F I F', '✓ ✓ F F ✓ F', '✓ ✓ F F ✓ F'],
  assign: ['F I F I I F', 'F ✓ F ✓ ✓ F', 'F ✓ F ✓ ✓ F', 'F ✓ F ✓ ✓ F', 'F I F I I F', 'F I F I I F'],
  // The filer passes the table and is refused by check() as already in (see "me too" below).
  meToo: ['✓ F F F F F', '✓ F F F F F', '✓ F F F F F', '✓ F F F F F', '✓ F F F F F', 'I F F F F F'],
};

const TARGET: Partial<Record<TicketAction, TicketStatus>> = {
  answerOnTheSpot: TicketStatus.CLOSED,
  dispatch: TicketStatus.INVESTIGATING,
  proposeSolution: TicketStatus.SOLUTION_PROPOSED,
  acceptSolution: TicketStatus.IN_PROGRESS,
  rejectSolution: TicketStatus.INVESTIGATING,
  resolve: TicketStatus.RESOLVED,
  recordReturnVisit: TicketStatus.CLOSED,
  cancel: TicketStatus.CLOSED,
  reopen: TicketStatus.INVESTIGATING,
};

describe('transition table: every (action, state, relation)', () => {
  for (const [action, rows] of Object.entries(EXPECTED) as [TicketAction, string[]][]) {
    STATUSES.forEach((status, row) => {
      const cells = rows[row]!.split(' ');
      RELATIONS.forEach((relation, column) => {
        const expected = cells[column];
        it(`${action} in ${status} by ${relation ?? 'nobody'} → ${expected}`, () => {
          const result = decide(action, status, new Set(relation ? [relation] : []));
          if (expected === '✓') {
            expect(result).toEqual({ ok: true, to: TARGET[action] ?? status });
          } else {
            expect(result.ok).toBe(false);
            expect(!result.ok && result.code).toBe(expected === 'F' ? 'FORBIDDEN' : 'INVALID_TRANSITION');
          }
        });
      });
    });
  }
});

describe('relations', () => {
  const ticket = { ownerId: 'o1', department: Department.MAINTENANCE };
  it('derives each relation from roles, department and ownership', () => {
    expect([...relationsOf({ id: 'o1', roles: [Role.OWNER], department: null }, ticket)]).toEqual(['OWNER']);
    expect([...relationsOf({ id: 'o2', roles: [Role.OWNER, Role.COMMITTEE], department: null }, ticket)]).toEqual([]);
    expect([...relationsOf({ id: 'cs', roles: [Role.CUSTOMER_SERVICE], department: Department.CUSTOMER_SERVICE }, ticket)]).toEqual(['CUSTOMER_SERVICE']);
    expect([...relationsOf({ id: 'm', roles: [Role.STAFF], department: Department.MAINTENANCE }, ticket)]).toEqual(['DEPARTMENT_STAFF']);
    expect([...relationsOf({ id: 'h', roles: [Role.STAFF], department: Department.MAINTENANCE, leadsDepartment: true }, ticket)]).toEqual([
      'DEPARTMENT_STAFF',
      'DEPARTMENT_HEAD',
    ]);
    expect([...relationsOf({ id: 'h2', roles: [Role.STAFF], department: Department.SECURITY, leadsDepartment: true }, ticket)]).toEqual([]);
    expect([...relationsOf({ id: 's', roles: [Role.STAFF], department: Department.SECURITY }, ticket)]).toEqual([]);
    expect([...relationsOf({ id: 'a', roles: [Role.ADMIN], department: null }, ticket)]).toEqual(['ADMIN']);
    expect([...relationsOf({ id: 'm', roles: [Role.STAFF], department: Department.MAINTENANCE }, { ownerId: 'o1', department: null })]).toEqual([]);
  });

  it('assigns only to staff of the handling department', () => {
    expect(canBeAssigned({ roles: [Role.STAFF], department: Department.MAINTENANCE }, ticket)).toBe(true);
    expect(canBeAssigned({ roles: [Role.STAFF], department: Department.SECURITY }, ticket)).toBe(false);
    expect(canBeAssigned({ roles: [Role.OWNER], department: Department.MAINTENANCE }, ticket)).toBe(false);
    expect(canBeAssigned({ roles: [Role.STAFF], department: Department.MAINTENANCE }, { department: null })).toBe(false);
  });

  it.each([
    ['customer service', { id: 'cs', roles: [Role.CUSTOMER_SERVICE], department: Department.CUSTOMER_SERVICE }, true],
    ['an admin', { id: 'a', roles: [Role.ADMIN], department: null }, true],
    ['the head of the department', { id: 'h', roles: [Role.STAFF], department: Department.MAINTENANCE, leadsDepartment: true }, true],
    ['staff of the department', { id: 'm', roles: [Role.STAFF], department: Department.MAINTENANCE }, false],
    ['the head of another department', { id: 's', roles: [Role.STAFF], department: Department.SECURITY, leadsDepartment: true }, false],
    ['an owner', { id: 'o1', roles: [Role.OWNER], department: null }, false],
  ] as [string, ViewerFacts, boolean][])('lists the maintenance staff to %s: %s', (_who, viewer, expected) => {
    expect(canListDepartmentStaff(viewer, Department.MAINTENANCE)).toBe(expected);
  });

  it('lets owners see only their own tickets, staff all of them, masked unless entitled', () => {
    expect(canView({ id: 'o1', roles: [Role.OWNER], department: null }, ticket)).toBe(true);
    expect(canView({ id: 'o2', roles: [Role.OWNER, Role.COMMITTEE], department: null }, ticket)).toBe(false);
    expect(canView({ id: 's', roles: [Role.STAFF], department: Department.SECURITY }, ticket)).toBe(true);
    expect(seesPersonalData(new Set())).toBe(false);
    expect(seesPersonalData(new Set<Relation>(['DEPARTMENT_STAFF']))).toBe(true);
  });
});

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '+86*******5678'],
    ['1234', '****'],
    ['8765432', '8****32'],
    [null, null],
  ])('masks phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['王建国', '王**'],
    ['王丽', '王*'],
    ['欧阳娜娜', '欧***'],
    ['J', 'J*'],
  ])('masks name %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

const t0 = new Date('2026-03-02T08:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  status: TicketStatus.RECEIVED,
  urgency: Urgency.NORMAL,
  createdAt: t0,
  respondedAt: null,
  firstSolutionAt: null,
  resolvedAt: null,
  closedAt: null,
  promisedReplyAt: null,
  promiseKeptAt: null,
  pausedMs: 0,
  department: null,
  ...over,
});

describe('SLA clocks', () => {
  it('treats complaints as HIGH until classified', () => {
    expect(intakeUrgency(TicketKind.COMPLAINT)).toBe(Urgency.HIGH);
    expect(intakeUrgency(TicketKind.REPAIR)).toBe(Urgency.NORMAL);
  });

  it.each([
    [Urgency.URGENT, 15, 60, 240],
    [Urgency.HIGH, 30, 240, 1440],
    [Urgency.NORMAL, 120, 1440, 4320],
    [Urgency.LOW, 1440, 4320, 10080],
  ])('%s: response %i min, solution %i min, resolution %i min', (urgency, response, solution, resolution) => {
    expect(currentDeadline(facts({ urgency }), DEFAULT_SLA)?.dueAt).toEqual(minutes(response));
    const investigating = facts({ urgency, status: TicketStatus.INVESTIGATING, respondedAt: minutes(1) });
    expect(currentDeadline(investigating, DEFAULT_SLA)).toMatchObject({ clock: SlaClock.SOLUTION, dueAt: minutes(solution) });
    const inProgress = facts({ urgency, status: TicketStatus.IN_PROGRESS, respondedAt: minutes(1), firstSolutionAt: minutes(2) });
    expect(currentDeadline(inProgress, DEFAULT_SLA)).toMatchObject({ clock: SlaClock.RESOLUTION, dueAt: minutes(resolution) });
  });

  it('pauses while the ticket waits on the owner, and shifts the resolution deadline by the wait', () => {
    const waiting = facts({ status: TicketStatus.SOLUTION_PROPOSED, respondedAt: minutes(1), firstSolutionAt: minutes(60) });
    expect(currentDeadline(waiting, DEFAULT_SLA)).toBeNull();
    expect(escalationLevel(currentDeadline(waiting, DEFAULT_SLA), minutes(100_000))).toBe(0);
    expect(missedClocks(waiting, DEFAULT_SLA, minutes(100_000))).toEqual([]);
    const back = { ...waiting, status: TicketStatus.IN_PROGRESS, pausedMs: 600 * 60_000 };
    expect(currentDeadline(back, DEFAULT_SLA)?.dueAt).toEqual(minutes(4320 + 600));
  });

  it('runs the promised reply time as a deadline of its own, kept by a reply', () => {
    const promised = facts({ status: TicketStatus.INVESTIGATING, respondedAt: minutes(5), promisedReplyAt: minutes(90) });
    expect(currentDeadline(promised, DEFAULT_SLA)).toMatchObject({ clock: SlaClock.PROMISED_REPLY, dueAt: minutes(90) });
    expect(missedClocks(promised, DEFAULT_SLA, minutes(91))).toEqual([SlaClock.PROMISED_REPLY]);
    const kept = { ...promised, promiseKeptAt: minutes(80) };
    expect(currentDeadline(kept, DEFAULT_SLA)?.clock).toBe(SlaClock.SOLUTION);
    expect(missedClocks(kept, DEFAULT_SLA, minutes(91))).toEqual([]);
  });

  it('keeps a clock that was met late on the record', () => {
    const late = facts({ status: TicketStatus.INVESTIGATING, respondedAt: minutes(121) });
    expect(missedClocks(late, DEFAULT_SLA, minutes(122))).toEqual([SlaClock.RESPONSE]);
    const onTime = facts({ status: TicketStatus.INVESTIGATING, respondedAt: minutes(120) });
    expect(missedClocks(onTime, DEFAULT_SLA, minutes(122))).toEqual([]);
  });

  it('makes the return visit due 72 hours after resolution', () => {
    const resolved = facts({ status: TicketStatus.RESOLVED, respondedAt: minutes(1), firstSolutionAt: minutes(2), resolvedAt: minutes(10) });
    expect(currentDeadline(resolved, DEFAULT_SLA)).toMatchObject({ clock: SlaClock.RETURN_VISIT, dueAt: minutes(10 + 72 * 60) });
  });

  it('has no running clock once closed', () => {
    const answered = facts({ status: TicketStatus.CLOSED, respondedAt: minutes(3), closedAt: minutes(3) });
    expect(currentDeadline(answered, DEFAULT_SLA)).toBeNull();
    expect(missedClocks(answered, DEFAULT_SLA, minutes(99_999))).toEqual([]);
  });

  it('escalates to level 1 past due and level 2 past the same span again', () => {
    const d = currentDeadline(facts({ urgency: Urgency.URGENT }), DEFAULT_SLA);
    expect(escalationLevel(d, minutes(15))).toBe(0);
    expect(escalationLevel(d, minutes(16))).toBe(1);
    expect(escalationLevel(d, minutes(30))).toBe(1);
    expect(escalationLevel(d, minutes(31))).toBe(2);
  });

  it('validates an edited SLA policy', () => {
    expect(validateSlaPolicy(DEFAULT_SLA)).toBeNull();
    const broken = structuredClone(DEFAULT_SLA);
    broken.targets.HIGH.solutionMinutes = 10;
    expect(validateSlaPolicy(broken)).toMatch(/HIGH: response ≤ solution ≤ resolution/);
    const zero = structuredClone(DEFAULT_SLA);
    zero.targets.LOW.responseMinutes = 0;
    expect(validateSlaPolicy(zero)).toMatch(/LOW.responseMinutes/);
    const inverted = structuredClone(DEFAULT_SLA);
    inverted.targets.HIGH.responseMinutes = 10;
    expect(validateSlaPolicy(inverted)).toMatch(/HIGH.responseMinutes must not be shorter than URGENT/);
  });
});

const HOURS = 3600_000;
const DAYS = 24 * HOURS;
const at = (ms: number) => new Date(t0.getTime() + ms);
const loop = (over: Partial<LoopFacts> = {}): LoopFacts => ({
  status: TicketStatus.INVESTIGATING,
  resolvedAt: null,
  closedAt: null,
  lastUrgedAt: null,
  ...over,
});
const OWNER = new Set<Relation>(['OWNER']);

describe('urge (催办): at most once per interval', () => {
  it.each([
    [null, 0, null],
    [0, 23 * HOURS, at(24 * HOURS)],
    [0, 24 * HOURS - 1, at(24 * HOURS)],
    [0, 24 * HOURS, null],
    [0, 30 * HOURS, null],
  ])('last urged at %s, now +%i ms → next allowed %s', (last, now, next) => {
    expect(nextUrgeAt(last === null ? null : at(last), DEFAULT_SLA, at(now))).toEqual(next);
  });

  it('refuses a second urge inside the interval with the time it is allowed again, and follows the policy', () => {
    const urged = loop({ lastUrgedAt: t0 });
    const early = check('urge', urged, OWNER, DEFAULT_SLA, at(2 * HOURS));
    expect(early).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS', retryAt: at(24 * HOURS) });
    expect(check('urge', urged, OWNER, DEFAULT_SLA, at(24 * HOURS))).toEqual({ ok: true, to: TicketStatus.INVESTIGATING });
    expect(check('urge', urged, OWNER, { ...DEFAULT_SLA, urgeIntervalHours: 2 }, at(2 * HOURS)).ok).toBe(true);
    // The table still comes first: a stranger is FORBIDDEN, not told to wait.
    expect(check('urge', urged, new Set(), DEFAULT_SLA, at(HOURS))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('reopen: resolved tickets, within the window after closing', () => {
  const closed = loop({ status: TicketStatus.CLOSED, resolvedAt: t0, closedAt: at(DAYS) });
  it.each([
    [0, true],
    [7 * DAYS, true],
    [7 * DAYS + 1, false],
    [30 * DAYS, false],
  ])('closed a day after resolution, now +%i ms after closing → %s', (after, ok) => {
    expect(check('reopen', closed, OWNER, DEFAULT_SLA, at(DAYS + after)).ok).toBe(ok);
  });

  it('has no window while the return visit is pending, and none for a ticket never resolved', () => {
    const resolved = loop({ status: TicketStatus.RESOLVED, resolvedAt: t0 });
    expect(reopenUntil(resolved, DEFAULT_SLA)).toBeNull();
    expect(check('reopen', resolved, OWNER, DEFAULT_SLA, at(100 * DAYS)).ok).toBe(true);
    expect(reopenUntil(closed, DEFAULT_SLA)).toEqual(at(8 * DAYS));
    const cancelled = loop({ status: TicketStatus.CLOSED, closedAt: t0 });
    expect(check('reopen', cancelled, OWNER, DEFAULT_SLA, at(1))).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(check('reopen', closed, OWNER, { ...DEFAULT_SLA, reopenWindowDays: 0 }, at(DAYS + 1))).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('restarts the solution and resolution clocks from the reopen, not from intake', () => {
    const reopened = facts({ status: TicketStatus.INVESTIGATING, respondedAt: minutes(1), clockStartedAt: minutes(10_000) });
    expect(currentDeadline(reopened, DEFAULT_SLA)).toMatchObject({ clock: SlaClock.SOLUTION, dueAt: minutes(10_000 + 1440) });
    expect(missedClocks(reopened, DEFAULT_SLA, minutes(10_100))).toEqual([]);
  });

  it('follows up a rating of 1 or 2 stars, not 3 to 5', () => {
    expect([1, 2, 3, 4, 5].map(needsFollowUp)).toEqual([true, true, false, false, false]);
  });

  it('validates the urge interval and the reopen window', () => {
    expect(validateSlaPolicy({ ...DEFAULT_SLA, urgeIntervalHours: 0 })).toMatch(/urgeIntervalHours/);
    expect(validateSlaPolicy({ ...DEFAULT_SLA, reopenWindowDays: 91 })).toMatch(/reopenWindowDays/);
    expect(validateSlaPolicy({ ...DEFAULT_SLA, reopenWindowDays: 0 })).toBeNull();
  });
});

describe('search terms', () => {
  it.each([
    ['T-00012', [{ text: 'T-00012', seq: 12, numberOnly: true }]],
    ['t12', [{ text: 't12', seq: 12, numberOnly: true }]],
    ['5678', [{ text: '5678', seq: 5678, numberOnly: false }]],
    [
      '  3-2-1201   漏水 ',
      [
        { text: '3-2-1201', seq: null, numberOnly: false },
        { text: '漏水', seq: null, numberOnly: false },
      ],
    ],
    ['13812345678', [{ text: '13812345678', seq: null, numberOnly: false }]],
    ['', []],
  ])('%j → %j', (input, terms) => expect(searchTerms(input)).toEqual(terms));

  it('keeps at most eight words', () => expect(searchTerms('a b c d e f g h i j')).toHaveLength(8));
});

describe('the SQL personal-data predicate agrees with the rules', () => {
  // Evaluates the predicate's three shapes for one ticket row.
  const holds = (viewer: ViewerFacts, ticket: { ownerId: string; department: Department | null }) => {
    const { sql, params } = personalDataVisibleSql({ ...viewer, roles: [...viewer.roles], communityId: 'c', sessionTokenHash: '' });
    if (sql === 'true') return true;
    if (sql === 't.owner_id = ?') return ticket.ownerId === params[0];
    if (sql === '(t.owner_id = ? or t.department = ?)') return ticket.ownerId === params[0] || ticket.department === params[1];
    throw new Error(`unexpected predicate ${sql}`);
  };
  const viewers: ViewerFacts[] = [
    { id: 'o1', roles: [Role.OWNER], department: null },
    { id: 'o2', roles: [Role.OWNER, Role.COMMITTEE], department: null },
    { id: 'cs', roles: [Role.CUSTOMER_SERVICE], department: Department.CUSTOMER_SERVICE },
    { id: 'm', roles: [Role.STAFF], department: Department.MAINTENANCE },
    { id: 's', roles: [Role.STAFF], department: Department.SECURITY },
    { id: 'mgr', roles: [Role.STAFF, Role.COMMITTEE], department: Department.MANAGEMENT },
    { id: 'a', roles: [Role.ADMIN], department: null },
  ];
  const tickets = [
    { ownerId: 'o1', department: Department.MAINTENANCE },
    { ownerId: 'o1', department: null },
    { ownerId: 'o2', department: Department.SECURITY },
    // A common-area ticket filed by o1: o2 is a neighbour, then one who said "me too" — masked either way.
    { ownerId: 'o1', department: Department.MAINTENANCE, commonArea: true },
    { ownerId: 'o1', department: null, commonArea: true, viewerMeToo: true },
  ];
  for (const viewer of viewers) {
    for (const ticket of tickets) {
      it(`${viewer.id} on ${ticket.ownerId}/${ticket.department}${'commonArea' in ticket ? '/common area' : ''}${'viewerMeToo' in ticket ? '/me too' : ''}`, () => {
        expect(holds(viewer, ticket)).toBe(seesPersonalData(relationsOf(viewer, ticket)));
      });
    }
  }
});

describe('common areas and "me too" (同报)', () => {
  const common = { ownerId: 'o1', department: Department.MAINTENANCE, commonArea: true };
  const neighbour: ViewerFacts = { id: 'o2', roles: [Role.OWNER, Role.COMMITTEE], department: null };
  const resident: ViewerFacts = { id: 'r1', roles: [Role.RESIDENT], department: null };
  const guard: ViewerFacts = { id: 's', roles: [Role.STAFF], department: Department.SECURITY };

  it('shows a common-area ticket to every owner and resident, masked; a unit ticket stays the owner’s', () => {
    expect(canView(neighbour, common)).toBe(true);
    expect(canView(resident, common)).toBe(true);
    expect(canView(neighbour, { ...common, commonArea: false })).toBe(false);
    expect([...relationsOf(neighbour, common)]).toEqual(['NEIGHBOUR']);
    expect([...relationsOf(neighbour, { ...common, viewerMeToo: true })]).toEqual(['ME_TOO']);
    expect([...relationsOf({ id: 'o1', roles: [Role.OWNER], department: null }, common)]).toEqual(['OWNER']);
    expect([...relationsOf(guard, common)]).toEqual([]);
    expect(seesPersonalData(new Set<Relation>(['NEIGHBOUR']))).toBe(false);
    expect(seesPersonalData(new Set<Relation>(['ME_TOO']))).toBe(false);
  });

  it('lets neighbours do nothing but say "me too", and those who did do nothing at all', () => {
    for (const action of Object.keys(EXPECTED) as TicketAction[]) {
      for (const status of STATUSES) {
        for (const relation of ['NEIGHBOUR', 'ME_TOO'] as Relation[]) {
          const result = decide(action, status, new Set([relation]));
          if (action !== 'meToo') expect(result, `${action} ${status} ${relation}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        }
      }
    }
  });

  it.each([
    ['a neighbour, open ticket', ['NEIGHBOUR'], TicketStatus.INVESTIGATING, { ok: true }],
    ['a neighbour, resolved (not yet closed)', ['NEIGHBOUR'], TicketStatus.RESOLVED, { ok: true }],
    ['a neighbour, closed', ['NEIGHBOUR'], TicketStatus.CLOSED, { ok: false, code: 'INVALID_TRANSITION' }],
    ['one already in', ['ME_TOO'], TicketStatus.RECEIVED, { ok: false, code: 'CONFLICT', reason: 'ALREADY_ME_TOO' }],
    ['the filer', ['OWNER'], TicketStatus.RECEIVED, { ok: false, code: 'CONFLICT', reason: 'ME_TOO_OWN_TICKET' }],
    ['staff', ['DEPARTMENT_STAFF'], TicketStatus.RECEIVED, { ok: false, code: 'FORBIDDEN' }],
    ['customer service', ['CUSTOMER_SERVICE'], TicketStatus.RECEIVED, { ok: false, code: 'FORBIDDEN' }],
  ] as [string, Relation[], TicketStatus, object][])('me too by %s', (_who, relations, status, expected) => {
    expect(check('meToo', loop({ status }), new Set(relations), DEFAULT_SLA, t0)).toMatchObject(expected);
  });

  it('keeps the filer from withdrawing a report others joined; customer service still may', () => {
    const joined = loop({ meTooCount: 2 });
    expect(check('cancel', joined, OWNER, DEFAULT_SLA, t0)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'ME_TOO_JOINED' });
    expect(check('cancel', joined, new Set<Relation>(['CUSTOMER_SERVICE']), DEFAULT_SLA, t0)).toMatchObject({ ok: true });
    expect(check('cancel', loop({ meTooCount: 0 }), OWNER, DEFAULT_SLA, t0)).toMatchObject({ ok: true });
  });
});

describe('preferred visit (上门时段)', () => {
  // 2026-03-02T08:00Z is 16:00 in Shanghai: the afternoon slot (13–18) is still on, the morning one is over.
  const zone = 'Asia/Shanghai';
  it.each([
    ['2026-03-02', VisitSlot.MORNING, 'DATE_PAST'],
    ['2026-03-02', VisitSlot.AFTERNOON, null],
    ['2026-03-02', VisitSlot.EVENING, null],
    ['2026-03-01', VisitSlot.EVENING, 'DATE_PAST'],
    ['2026-04-01', VisitSlot.MORNING, null],
    ['2026-04-02', VisitSlot.MORNING, 'TIME_TOO_FAR'],
    ['2026-02-30', VisitSlot.MORNING, 'DATE_INVALID'],
    ['2026-3-5', VisitSlot.MORNING, 'DATE_INVALID'],
    ['tomorrow', VisitSlot.MORNING, 'DATE_INVALID'],
  ])('%s %s → %s', (date, slot, reason) => {
    expect(visitProblem(date, slot, t0, zone)?.reason ?? null).toBe(reason);
  });

  it('reads today in the community’s time zone, not the server’s', () => {
    // 2026-03-02T17:00Z is already 01:00 on 3 March in Shanghai: 2 March is over there.
    const lateUtc = new Date('2026-03-02T17:00:00Z');
    expect(visitProblem('2026-03-02', VisitSlot.EVENING, lateUtc, zone)?.reason).toBe('DATE_PAST');
    expect(visitProblem('2026-03-02', VisitSlot.EVENING, lateUtc, 'UTC')).toBeNull();
  });
});
