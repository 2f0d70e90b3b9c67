import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../community/person.entity.js';
import { Ownership } from '../community/ownership.entity.js';
import { NotificationService } from '../notifications/notification.service.js';
import { ManualClock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import type { EventBus } from '../shared/events.js';
import { TicketService } from '../tickets/ticket.service.js';
import { Department } from '../community/community.enums.js';
import { TicketKind, Urgency } from '../tickets/ticket.enums.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Step =
  | { at: number; by: string; do: 'dispatch'; urgency: Urgency; department: Department; category?: string; promiseIn?: number }
  | { at: number; by: string; do: 'answer' | 'propose' | 'reject' | 'accept' | 'resolve' | 'update' | 'note'; text?: string }
  | { at: number; by: string; do: 'rate'; score: number; text?: string };

interface Story {
  owner: string;
  unitIndex?: number;
  kind: TicketKind;
  title: string;
  description: string;
  demand?: string;
  /** Milliseconds before now that the ticket was opened. */
  ago: number;
  recordedBy?: string;
  steps: Step[];
}

const STORIES: Story[] = [
  {
    owner: 'owner1',
    kind: TicketKind.REPAIR,
    title: '卫生间地漏堵塞',
    description: '主卫地漏排水很慢，洗澡时积水。',
    ago: 12 * DAY,
    steps: [
      { at: 20 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.HIGH, department: Department.MAINTENANCE, category: '给排水' },
      { at: 2 * HOUR, by: 'maint', do: 'propose', text: '今天下午 3 点上门疏通地漏，更换防臭芯。' },
      { at: 2.5 * HOUR, by: 'owner1', do: 'accept' },
      { at: 6 * HOUR, by: 'maint', do: 'resolve', text: '已疏通并更换防臭芯，试水正常。' },
      { at: 1 * DAY, by: 'owner1', do: 'rate', score: 5, text: '师傅很专业，准时上门。' },
    ],
  },
  {
    owner: 'owner1',
    unitIndex: 1,
    kind: TicketKind.REPAIR,
    title: '阳台推拉窗关不严',
    description: '阳台推拉窗关上后仍有缝隙，下雨会渗水。',
    ago: 2 * DAY,
    steps: [
      { at: 30 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.NORMAL, department: Department.MAINTENANCE, category: '门窗' },
      { at: 5 * HOUR, by: 'maint', do: 'propose', text: '调整滑轮并加装密封条，预计 1 小时。' },
      { at: 8 * HOUR, by: 'owner1', do: 'reject', text: '上次调整过一次，没多久又漏，希望直接更换滑轮。' },
      { at: 20 * HOUR, by: 'maint', do: 'propose', text: '更换全部滑轮和密封条，配件已到，明天上午施工。' },
    ],
  },
  {
    owner: 'owner1',
    kind: TicketKind.COMPLAINT,
    title: '夜间装修噪音',
    description: '楼上 1202 连续三天晚上十点后还在电钻施工。',
    demand: '请物业制止夜间施工，并告知装修时间规定。',
    ago: 6 * HOUR,
    steps: [
      { at: 10 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.HIGH, department: Department.SECURITY, category: '噪音', promiseIn: 2 * HOUR },
      { at: 40 * MIN, by: 'security', do: 'note', text: '已查到 1202 装修队负责人电话，晚上巡逻时再确认。' },
    ],
  },
  {
    owner: 'owner1',
    kind: TicketKind.INQUIRY,
    title: '快递柜在哪里？',
    description: '新搬来，想问小区快递柜的位置。',
    ago: 5 * DAY,
    steps: [{ at: 3 * MIN, by: 'cs', do: 'answer', text: '快递柜在南门岗亭旁和 2 号楼架空层，24 小时可取。' }],
  },
  {
    owner: 'owner1',
    kind: TicketKind.REPAIR,
    title: '客厅顶灯闪烁',
    description: '客厅吸顶灯一直闪，换了灯泡也没用。',
    ago: 3 * DAY,
    steps: [
      { at: 15 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.NORMAL, department: Department.MAINTENANCE, category: '电气' },
      { at: 3 * HOUR, by: 'maint', do: 'propose', text: '检查镇流器，必要时更换（配件费 35 元）。' },
      { at: 4 * HOUR, by: 'owner1', do: 'accept' },
      { at: 1.5 * DAY, by: 'maint', do: 'resolve', text: '已更换镇流器，灯具工作正常。' },
    ],
  },
  {
    owner: 'owner3',
    kind: TicketKind.REPAIR,
    title: '单元门禁刷卡失灵',
    description: '3 单元门禁经常刷不开，需要按好几次。',
    ago: 1 * DAY,
    steps: [
      { at: 20 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.HIGH, department: Department.MAINTENANCE, category: '门禁' },
      { at: 2 * HOUR, by: 'maint', do: 'propose', text: '更换读卡模块，厂家明天到场。' },
      { at: 3 * HOUR, by: 'owner3', do: 'accept' },
      { at: 4 * HOUR, by: 'maint', do: 'update', text: '厂家已确认明天上午 10 点到场更换。' },
    ],
  },
  {
    owner: 'owner6',
    kind: TicketKind.REPAIR,
    title: '地下车库顶部漏水',
    description: 'B1 车位 086 上方滴水，车顶有水渍。',
    ago: 3 * HOUR,
    steps: [],
  },
  {
    owner: 'owner8',
    kind: TicketKind.COMPLAINT,
    title: '垃圾清运不及时',
    description: '2 号楼下垃圾桶已满两天，有异味。',
    demand: '每天按时清运，并给垃圾桶消毒。',
    ago: 10 * MIN,
    steps: [],
  },
  {
    owner: 'owner12',
    kind: TicketKind.INQUIRY,
    title: '物业费可以线上缴纳吗？',
    description: '想问能否用微信或支付宝缴纳物业费。',
    ago: 50 * MIN,
    recordedBy: 'cs',
    steps: [],
  },
  {
    owner: 'owner15',
    kind: TicketKind.REPAIR,
    title: '电梯按钮失灵',
    description: '1 号楼 2 单元电梯 9 楼按钮按不亮。',
    ago: 40 * MIN,
    steps: [{ at: 5 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.URGENT, department: Department.MAINTENANCE, category: '电梯', promiseIn: 50 * MIN }],
  },
  {
    owner: 'owner20',
    kind: TicketKind.REPAIR,
    title: '楼道声控灯不亮',
    description: '5 楼楼道灯不亮，晚上很黑。',
    ago: 20 * DAY,
    steps: [
      { at: 30 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.NORMAL, department: Department.MAINTENANCE, category: '电气' },
      { at: 3 * HOUR, by: 'maint', do: 'propose', text: '更换声控开关。' },
      { at: 5 * HOUR, by: 'owner20', do: 'accept' },
      { at: 7 * HOUR, by: 'maint', do: 'resolve', text: '已更换声控开关。' },
      { at: 2 * DAY, by: 'owner20', do: 'rate', score: 4, text: '修好了，就是等得有点久。' },
    ],
  },
  {
    owner: 'owner22',
    kind: TicketKind.COMPLAINT,
    title: '楼道保洁不到位',
    description: '楼梯扶手长期有灰，拖地后地面很滑。',
    demand: '加强保洁频次，拖地时放警示牌。',
    ago: 9 * DAY,
    steps: [
      { at: 10 * MIN, by: 'cs', do: 'dispatch', urgency: Urgency.HIGH, department: Department.CLEANING, category: '保洁' },
      { at: 2 * HOUR, by: 'cleaning', do: 'propose', text: '扶手每天擦拭一次，拖地时放置"小心地滑"警示牌。' },
      { at: 3 * HOUR, by: 'cs', do: 'accept' },
      { at: 1 * DAY, by: 'cleaning', do: 'resolve', text: '已调整保洁排班并配备警示牌。' },
      { at: 2 * DAY, by: 'cs', do: 'rate', score: 3, text: '电话回访：有改善，希望保持。' },
    ],
  },
];

/** Tickets in every status, some overdue, made through the same commands people use. */
export async function seedDemoTickets(em: EntityManager, communityId: string, events: EventBus): Promise<void> {
  const now = Date.now();
  const clock = new ManualClock(new Date(now));
  const tickets = new TicketService(clock, events, new NotificationService(clock, events));
  const people = await em.find(Person, { community: communityId }, { filters: false });
  const viewer = (local: string): ViewerContext => {
    const p = people.find((x) => x.email === `${local}@lakeside.test`);
    if (!p) throw new Error(`demo person ${local} is missing`);
    return { id: p.id, communityId, roles: p.roles, department: p.department, sessionTokenHash: '' };
  };

  for (const story of STORIES) {
    const start = now - story.ago;
    clock.set(new Date(start));
    const owner = viewer(story.owner);
    const units = await em.find(Ownership, { person: owner.id }, { populate: ['unit'], orderBy: { unit: { label: 'asc' } }, filters: false });
    const unitId = units[story.unitIndex ?? 0]!.unit.id;
    const fork = () => em.fork();
    const ticket = await tickets.open(fork(), story.recordedBy ? viewer(story.recordedBy) : owner, {
      kind: story.kind,
      title: story.title,
      description: story.description,
      unitId,
      demand: story.demand ?? null,
      onBehalfOfOwnerId: story.recordedBy ? owner.id : null,
    });
    for (const step of story.steps) {
      clock.set(new Date(start + step.at));
      const by = viewer(step.by);
      switch (step.do) {
        case 'dispatch':
          await tickets.dispatch(fork(), by, ticket.id, {
            urgency: step.urgency,
            department: step.department,
            category: step.category ?? null,
            promisedReplyAt: step.promiseIn ? new Date(start + step.at + step.promiseIn) : null,
          });
          break;
        case 'answer':
          await tickets.answerOnTheSpot(fork(), by, ticket.id, step.text!);
          break;
        case 'propose':
          await tickets.proposeSolution(fork(), by, ticket.id, step.text!);
          break;
        case 'accept':
          await tickets.respondToSolution(fork(), by, ticket.id, true, null);
          break;
        case 'reject':
          await tickets.respondToSolution(fork(), by, ticket.id, false, step.text!);
          break;
        case 'resolve':
          await tickets.resolve(fork(), by, ticket.id, step.text!);
          break;
        case 'update':
          await tickets.postUpdate(fork(), by, ticket.id, step.text!, false);
          break;
        case 'note':
          await tickets.postUpdate(fork(), by, ticket.id, step.text!, true);
          break;
        case 'rate':
          await tickets.recordReturnVisit(fork(), by, ticket.id, step.score, step.text ?? null);
          break;
      }
    }
  }
  clock.set(new Date(now));
  await tickets.sweep(em.fork());
}
