import { createCommunity } from '@cocreate/api/seed/community';
import type { Client, TestApp } from '../harness.js';

/** 星河湾: a second community on the same deployment, with an owner, customer service and an admin of its own. */
export const OTHER_COMMUNITY = {
  name: '星河湾',
  password: 'another-password',
  owner: { email: 'owner@xinghe.test', name: '赵星', phone: '13900000001' },
  cs: { email: 'cs@xinghe.test', name: '客服 星', phone: '13900000002' },
  admin: { email: 'admin@xinghe.test', name: '星河管理员', phone: '13900000003' },
} as const;

export async function createOtherCommunity(app: TestApp): Promise<{ owner: Client; cs: Client; admin: Client; unitId: string }> {
  const o = OTHER_COMMUNITY;
  await createCommunity(
    app.orm.em.fork(),
    {
      name: o.name,
      timezone: 'Asia/Shanghai',
      buildings: [{ number: 1, name: '1号楼' }],
      units: [{ building: 1, label: '1-1-101', area: '88.00' }],
      people: [
        { email: o.owner.email, displayName: o.owner.name, phone: o.owner.phone, roles: ['OWNER'], department: null, units: ['1-1-101'] },
        { email: o.cs.email, displayName: o.cs.name, phone: o.cs.phone, roles: ['CUSTOMER_SERVICE'], department: 'CUSTOMER_SERVICE', units: [] },
        { email: o.admin.email, displayName: o.admin.name, phone: o.admin.phone, roles: ['ADMIN'], department: null, units: [] },
      ],
    },
    o.password,
  );
  const [owner, cs, admin] = await Promise.all([o.owner, o.cs, o.admin].map((p) => app.signIn(p.email, o.password)));
  const unitId = (await app.sql<{ id: string }>(`select u.id from unit u join community c on c.id = u.community_id where c.name = $1`, [o.name]))[0]!.id;
  return { owner: owner!, cs: cs!, admin: admin!, unitId };
}
