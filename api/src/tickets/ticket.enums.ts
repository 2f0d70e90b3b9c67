import { registerEnumType } from 'type-graphql';

export enum TicketKind {
  INQUIRY = 'INQUIRY',
  COMPLAINT = 'COMPLAINT',
  REPAIR = 'REPAIR',
}

export enum TicketStatus {
  RECEIVED = 'RECEIVED',
  INVESTIGATING = 'INVESTIGATING',
  SOLUTION_PROPOSED = 'SOLUTION_PROPOSED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

export enum Urgency {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}

export enum TicketEventKind {
  OPENED = 'OPENED',
  ANSWERED = 'ANSWERED',
  DISPATCHED = 'DISPATCHED',
  UPDATE = 'UPDATE',
  SOLUTION_PROPOSED = 'SOLUTION_PROPOSED',
  SOLUTION_ACCEPTED = 'SOLUTION_ACCEPTED',
  SOLUTION_REJECTED = 'SOLUTION_REJECTED',
  RESOLVED = 'RESOLVED',
  RETURN_VISIT = 'RETURN_VISIT',
  SLA_MISSED = 'SLA_MISSED',
  ESCALATED = 'ESCALATED',
  CANCELLED = 'CANCELLED',
  URGED = 'URGED',
  /** The owner said "it is not fixed", or a 1–2 star return visit opened a follow-up (actor null: the system). */
  REOPENED = 'REOPENED',
  /** 派工: given to a person of the department (again: reassigned). */
  ASSIGNED = 'ASSIGNED',
  /** The manager's record of what was done after a 1–2 star return visit (回访跟进). */
  FOLLOWED_UP = 'FOLLOWED_UP',
  /** 同报: another owner or resident has the same problem with this common area (the count is in `round`). */
  ME_TOO = 'ME_TOO',
  /** A repair's preferred visit, as the owner gave it: "YYYY-MM-DD SLOT" in `message`. */
  VISIT_PREFERRED = 'VISIT_PREFERRED',
}

/** 上门时段: when an owner would like a repair visit (local time of the community). */
export enum VisitSlot {
  MORNING = 'MORNING',
  AFTERNOON = 'AFTERNOON',
  EVENING = 'EVENING',
}

/** The deadlines a ticket is measured against. */
export enum SlaClock {
  RESPONSE = 'RESPONSE',
  SOLUTION = 'SOLUTION',
  RESOLUTION = 'RESOLUTION',
  PROMISED_REPLY = 'PROMISED_REPLY',
  RETURN_VISIT = 'RETURN_VISIT',
  /** 定期反馈: the next public word to the owner, due a cadence after the last one. */
  UPDATE = 'UPDATE',
}

export enum TicketOrder {
  NEWEST = 'NEWEST',
  DUE = 'DUE',
}

registerEnumType(TicketKind, { name: 'TicketKind', description: '来访咨询 inquiry, 投诉 complaint, 报修 repair' });
registerEnumType(TicketStatus, { name: 'TicketStatus' });
registerEnumType(Urgency, { name: 'Urgency', description: '紧急程度' });
registerEnumType(TicketEventKind, { name: 'TicketEventKind' });
registerEnumType(SlaClock, { name: 'SlaClock' });
registerEnumType(VisitSlot, { name: 'VisitSlot', description: '上午 08:00–12:00, 下午 13:00–18:00, 晚上 18:00–21:00 (the community’s local time).' });
registerEnumType(TicketOrder, { name: 'TicketOrder', description: 'NEWEST first, or DUE: soonest deadline first (the queue).' });
