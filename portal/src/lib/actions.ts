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

function action(id: string, to: Destination, icon: IconName, title: PlainMessageKey, body: PlainMessageKey): Action {
  const { href, label } = destinations[to];
  return { id, href, section: label, icon, title, body };
}

function actionsForRole(role: Role, department: Department | null): Action[] {
  switch (role) {
    case 'OWNER':
      return [
        action('owner-tickets', 'tickets', 'wrench', 'action.owner.tickets.title', 'action.owner.tickets.body'),
        action('owner-propose', 'board', 'lightbulb', 'action.owner.propose.title', 'action.owner.propose.body'),
        action('owner-vote', 'board', 'ballot', 'action.owner.vote.title', 'action.owner.vote.body'),
        action('owner-rewards', 'rewards', 'award', 'action.owner.rewards.title', 'action.owner.rewards.body'),
      ];
    case 'RESIDENT':
      return [
        action('resident-tickets', 'tickets', 'wrench', 'action.resident.tickets.title', 'action.resident.tickets.body'),
        action('resident-board', 'board', 'lightbulb', 'action.resident.board.title', 'action.resident.board.body'),
      ];
    case 'CUSTOMER_SERVICE':
      return [
        action('cs-intake', 'intake', 'headset', 'action.cs.intake.title', 'action.cs.intake.body'),
        action('cs-dispatch', 'desk', 'forward', 'action.cs.dispatch.title', 'action.cs.dispatch.body'),
        action('cs-return-visit', 'desk', 'phone', 'action.cs.returnVisit.title', 'action.cs.returnVisit.body'),
        action('cs-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'),
        action('cs-knowledge', 'knowledge', 'fileText', 'action.knowledge.title', 'action.knowledge.body'),
      ];
    case 'STAFF':
      return [
        {
          ...action('staff-queue', 'queue', 'queue', 'action.staff.queueGeneric.title', 'action.staff.queue.body'),
          ...(department ? { department } : {}),
        },
        action('staff-innovate', 'board', 'lightbulb', 'action.staff.innovate.title', 'action.staff.innovate.body'),
        action('staff-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'),
        action('staff-knowledge', 'knowledge', 'fileText', 'action.knowledge.title', 'action.knowledge.body'),
      ];
    case 'COMMITTEE':
      return [
        action('committee-review', 'committee', 'star', 'action.committee.review.title', 'action.committee.review.body'),
        action('committee-objections', 'committee', 'message', 'action.committee.objections.title', 'action.committee.objections.body'),
      ];
    case 'ADMIN':
      return [
        action('admin-configure', 'admin', 'sliders', 'action.admin.configure.title', 'action.admin.configure.body'),
        action('admin-people', 'people', 'users', 'action.admin.people.title', 'action.admin.people.body'),
        action('admin-dashboard', 'dashboard', 'chart', 'dashboard.action.title', 'dashboard.action.body'),
      ];
  }
}

/** The viewer's roles in home-page order, each with what it lets them do. */
export function actionsFor(viewer: { roles: readonly Role[]; department: Department | null }): RoleActions[] {
  return ROLE_ORDER.filter((role) => viewer.roles.includes(role)).map((role) => ({
    role,
    actions: actionsForRole(role, viewer.department),
  }));
}
