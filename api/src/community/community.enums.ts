import { registerEnumType } from 'type-graphql';

export enum Role {
  OWNER = 'OWNER',
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  STAFF = 'STAFF',
  COMMITTEE = 'COMMITTEE',
  ADMIN = 'ADMIN',
  RESIDENT = 'RESIDENT',
}

export enum Department {
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  MAINTENANCE = 'MAINTENANCE',
  SECURITY = 'SECURITY',
  CLEANING = 'CLEANING',
  MANAGEMENT = 'MANAGEMENT',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person may do in their community; one person can hold several.',
  valuesConfig: {
    OWNER: { description: '业主 owns one or more units' },
    CUSTOMER_SERVICE: { description: '客服人员 records, dispatches and follows up tickets' },
    STAFF: { description: 'Department staff (维修, 安保, 保洁, 管理)' },
    COMMITTEE: { description: '评审委员会 reviews and scores proposals' },
    ADMIN: { description: '管理员 configures the community' },
    RESIDENT: { description: '住户 family member or tenant of an owner: files tickets for the unit and takes part on the board, never votes or supports' },
  },
});

registerEnumType(Department, { name: 'Department' });

/** 用途 of a unit as the register records it. */
export enum UnitUse {
  RESIDENTIAL = 'RESIDENTIAL',
  COMMERCIAL = 'COMMERCIAL',
  PARKING = 'PARKING',
}

registerEnumType(UnitUse, {
  name: 'UnitUse',
  valuesConfig: {
    RESIDENTIAL: { description: '住宅' },
    COMMERCIAL: { description: '商业' },
    PARKING: { description: '车位' },
  },
});

/** How a resident (住户) is related to the unit's owner. */
export enum ResidentRelation {
  FAMILY = 'FAMILY',
  TENANT = 'TENANT',
}

registerEnumType(ResidentRelation, {
  name: 'ResidentRelation',
  valuesConfig: { FAMILY: { description: '家属' }, TENANT: { description: '租户' } },
});
