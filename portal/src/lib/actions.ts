import type { Department, Role } from '@cocreate/schema';
import type { PlainMessageKey } from '$lib/i18n';
import type { IconName } from '$lib/components/icons';

const destinations = {
  tickets: { href: '/tickets', label: 'nav.tickets' },
  desk: { href: '/tickets/desk', label: 'tickets.screen.desk' },
  intake: { href: '/tickets/new?for=owner', label: 'desk.recordForOwner' },
  queue: { href: '/tickets/queue', label: 'tickets.screen.queue' },
  board: { href: '/board', label: 'nav.board' },
  rewards: { href: '/rewards', label: 'nav.rewards' },
  committee: { href: '/rewards/committee', label: 'rewards.tab.committee' },
  admin: { href: '/admin', label: 'admin.pageTitle' },
  people: { href: '/admin/people', label: 'people.pageTitle' },
  dashboard: { href: '/dashboard', label: 'dashboard.pageTitle' },
  knowledge: { href: '/knowledge', label: 'knowledge.pageTitle' },
} as const satisfies Record<string, { href: string; label: PlainMessageKey }>;

type Destination = keyof typeof destinations;

/** One thing a person can do, shown as a card on the home page. */
export interface Action {
  id: string;
  href: string;
  /** Name of the section the card leads to. */
  section: PlainMessageKey;
  icon: IconName;
  title: PlainMessageKey;
  body: PlainMessageKey;
  /** Set for a department's queue: the title then names the department. */
  department?: Department;
}

export interface RoleActions {
  role: Role;
  actions: Action[];
}

/** Home-page order: what most people came for first. */
const ROLE_ORDER: readonly Role[] = ['OWNER', 'RESIDENT', 'CUSTOMER_SERVICE', 'STAFF', 'COMMITTEE', 'ADMIN'];

/** Every card, in home-page order within its role: role, id, destination, icon, title, body. */
const ACTIONS: readonly [Role, string, Destination, IconName, PlainMessageKey, PlainMessageKey][] = [
  ['OWNER', 'owner-tickets', 'tickets', 'wrench', 'action.owner.tickets.title', 'action.owner.tickets.body'],
  ['OWNER', 'owner-propose', 'board', 'lightbulb', 'action.owner.propose.title', 'action.owner.propose.body'],
  ['OWNER', 'owner-vote', 'board', 'ballot', 'action.owner.vote.title', 'action.owner.vote.body'],
  ['OWNER', 'owner-rewards', 'rewards', 'award', 'action.owner.rewards.title', 'action.owner.rewards.body'],
  ['RESIDENT', 'resident-tickets', 'tickets', 'wrench', 'action.resident.tickets.title', 'action.resident.tickets.body'],
  ['RESIDENT', 'resident-board', 'board', 'lightbulb', 'action.resident.board.title', 'action.resident.board.body'],
  ['CUSTOMER_SERVICE', 'cs-intake', 'intake', 'headset', 'action.cs.intake.title', 'action.cs.intake.body'],
  ['CUSTOMER_SERVICE', 'cs-dispatch', 'desk', 'forward', 'action.cs.dispatch.title', 'action.cs.dispatch.body'],
  ['CUSTOMER_SERVICE', 'cs-return-visit', 'desk', 'phone', 'action.cs.returnVisit.title', 'action.cs.returnVisit.body'],
  ['CUSTOMER_SERVICE', 'cs-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'],
  ['CUSTOMER_SERVICE', 'cs-knowledge', 'knowledge', 'fileText', 'action.knowledge.title', 'action.knowledge.body'],
  ['STAFF', 'staff-queue', 'queue', 'queue', 'action.staff.queueGeneric.title', 'action.staff.queue.body'],
  ['STAFF', 'staff-innovate', 'board', 'lightbulb', 'action.staff.innovate.title', 'action.staff.innovate.body'],
  ['STAFF', 'staff-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'],
  ['STAFF', 'staff-knowledge', 'knowledge', 'fileText', 'action.knowledge.title', 'action.knowledge.body'],
  ['COMMITTEE', 'committee-review', 'committee', 'star', 'action.committee.review.title', 'action.committee.review.body'],
  ['COMMITTEE', 'committee-objections', 'committee', 'message', 'action.committee.objections.title', 'action.committee.objections.body'],
  ['ADMIN', 'admin-configure', 'admin', 'sliders', 'action.admin.configure.title', 'action.admin.configure.body'],
  ['ADMIN', 'admin-people', 'people', 'users', 'action.admin.people.title', 'action.admin.people.body'],
  ['ADMIN', 'admin-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'],
];

function actionsForRole(role: Role, department: Department | null): Action[] {
  return ACTIONS.filter(([of]) => of === role).map(([, id, to, icon, title, body]) => {
    const { href, label } = destinations[to];
    // A staff member's queue card names their department.
    return { id, href, section: label, icon, title, body, ...(to === 'queue' && department ? { department } : {}) };
  });
}

/** The viewer's roles in home-page order, each with what it lets them do. */
export function actionsFor(viewer: { roles: readonly Role[]; department: Department | null }): RoleActions[] {
  return ROLE_ORDER.filter((role) => viewer.roles.includes(role)).map((role) => ({
    role,
    actions: actionsForRole(role, viewer.department),
  }));
}
