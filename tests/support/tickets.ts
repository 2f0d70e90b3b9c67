import {
  DispatchTicketDocument,
  MeDocument,
  OpenTicketDocument,
  ProposeSolutionDocument,
  RecordReturnVisitDocument,
  ResolveTicketDocument,
  RespondToSolutionDocument,
  type TicketDetailFragment,
  type TicketKind,
  type TicketStatus,
} from '@cocreate/schema';
import type { Client, TestApp } from './harness.js';

export interface Cast {
  owner: Client;
  cs: Client;
  maint: Client;
  unitId: string;
}

export async function cast(app: TestApp, ownerEmail = 'owner1@lakeside.test'): Promise<Cast> {
  const [owner, cs, maint] = await Promise.all([app.signIn(ownerEmail), app.signIn('cs@lakeside.test'), app.signIn('maint@lakeside.test')]);
  const { me } = await owner.run(MeDocument);
  return { owner, cs, maint, unitId: me!.units[0]!.id };
}

const ORDER: TicketStatus[] = ['RECEIVED', 'INVESTIGATING', 'SOLUTION_PROPOSED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];

/** A ticket brought to `state` through the public operations, as the people involved would. */
export async function ticketIn(c: Cast, state: TicketStatus, kind: TicketKind = 'REPAIR', title = '厨房水龙头漏水'): Promise<TicketDetailFragment> {
  const reach = ORDER.indexOf(state);
  let t = (
    await c.owner.run(OpenTicketDocument, {
      input: { kind, title, description: '水龙头一直滴水，关不紧。', unitId: c.unitId, demand: kind === 'COMPLAINT' ? '尽快处理并道歉' : null },
    })
  ).openTicket;
  if (reach >= 1)
    t = (await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'NORMAL', department: 'MAINTENANCE', category: '水电' } })).dispatchTicket;
  if (reach >= 2) t = (await c.maint.run(ProposeSolutionDocument, { id: t.id, solution: '明天上午更换阀芯。' })).proposeSolution;
  if (reach >= 3) t = (await c.owner.run(RespondToSolutionDocument, { id: t.id, accept: true })).respondToSolution;
  if (reach >= 4) t = (await c.maint.run(ResolveTicketDocument, { id: t.id, summary: '已更换阀芯，不再漏水。' })).resolveTicket;
  if (reach >= 5) t = (await c.owner.run(RecordReturnVisitDocument, { id: t.id, satisfaction: 5, comment: '很及时' })).recordReturnVisit;
  return t;
}
