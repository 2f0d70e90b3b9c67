import type { SeedCommunity, SeedPerson, SeedResident, SeedUnit } from './community.js';
import { prng } from './random.js';

export const DEMO_PASSWORD = 'cocreate-demo';
export const DEMO_DOMAIN = 'lakeside.test';
export const DEMO_COMMUNITY = '湖畔花园';
export const DEMO_COMPANY = '湖畔物业';
export const DEMO_SECOND_COMMUNITY = '湖畔雅苑';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = [
  '建国',
  '秀英',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '志强',
  '海燕',
  '晓东',
  '丹',
  '鹏',
  '婷',
];

/** Given names of the register-only owners: none is a name, or part of one, of the owners above. */
const REGISTER_GIVEN = ['国华', '淑珍', '红梅', '建华', '立新', '子涵', '浩然', '雨桐'];

const BUILDINGS = 3;
const ENTRANCES = 2;
const FLOORS = 11;
const ROOMS_PER_FLOOR = 2;
export const DEMO_OWNERS = 60;

const email = (local: string) => `${local}@${DEMO_DOMAIN}`;

/** 湖畔花园: 3 buildings, 132 units, every one with owners in the register (60 of them with accounts), staff, admin and a review committee. */
export function demoCommunity(): SeedCommunity {
  const random = prng(278);
  const units: SeedUnit[] = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let e = 1; e <= ENTRANCES; e++) {
      for (let floor = 1; floor <= FLOORS; floor++) {
        for (let room = 1; room <= ROOMS_PER_FLOOR; room++) {
          const cents = random.int(60_00, 220_00);
          units.push({ building: b, label: `${b}-${e}-${floor}${String(room).padStart(2, '0')}`, area: (cents / 100).toFixed(2) });
        }
      }
    }
  }

  const phone = () => `1${random.pick(['38', '39', '50', '58', '86', '88'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  const owners: SeedPerson[] = [];
  for (let i = 1; i <= DEMO_OWNERS; i++) {
    // Every other unit has a registered owner; the rest are unregistered (not yet moved in, or not on the platform).
    const own = [units[(i - 1) * 2]!.label];
    if (i === 1) own.push(units[1]!.label);
    if (i === DEMO_OWNERS) own.push(units[(DEMO_OWNERS - 2) * 2]!.label); // co-owner with owner59
    owners.push({
      email: email(`owner${i}`),
      displayName: `${SURNAMES[(i - 1) % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      phone: phone(),
      roles: i >= 2 && i <= 5 ? ['OWNER', 'COMMITTEE'] : ['OWNER'],
      department: null,
      units: own,
    });
  }

  const staff: SeedPerson[] = [
    {
      email: email('cs'),
      leadsDepartment: true,
      displayName: '客服 李娜',
      phone: phone(),
      roles: ['CUSTOMER_SERVICE'],
      department: 'CUSTOMER_SERVICE',
      units: [],
    },
    { email: email('maint'), leadsDepartment: true, displayName: '维修 张师傅', phone: phone(), roles: ['STAFF'], department: 'MAINTENANCE', units: [] },
    { email: email('security'), leadsDepartment: true, displayName: '安保 赵队长', phone: phone(), roles: ['STAFF'], department: 'SECURITY', units: [] },
    { email: email('cleaning'), leadsDepartment: true, displayName: '保洁 孙阿姨', phone: phone(), roles: ['STAFF'], department: 'CLEANING', units: [] },
    {
      email: email('manager'),
      leadsDepartment: true,
      displayName: '物业经理 陈明',
      phone: phone(),
      roles: ['STAFF', 'COMMITTEE'],
      department: 'MANAGEMENT',
      units: [],
    },
    { email: email('admin'), displayName: '管理员', phone: phone(), roles: ['ADMIN'], department: null, units: [] },
    {
      email: email('company'),
      displayName: '湖畔物业 公司管理员',
      phone: COMPANY_ADMIN_PHONE,
      roles: ['ADMIN'],
      department: null,
      companyAdmin: true,
      units: [],
    },
  ];

  // The register: every unit has an owner. Owners of the units nobody above owns have no account
  // (they vote on paper); one of them owns three units, four units have two co-owners.
  const owned = new Set([...owners, ...staff].flatMap((p) => p.units));
  const unowned = units.map((u) => u.label).filter((label) => !owned.has(label));
  const registerOnly: SeedPerson[] = [];
  const registerOwner = (label: string) => {
    const j = registerOnly.length;
    const person: SeedPerson = {
      email: null,
      displayName: `${SURNAMES[j % SURNAMES.length]}${REGISTER_GIVEN[Math.floor(j / SURNAMES.length) % REGISTER_GIVEN.length]}`,
      phone: phone(),
      roles: ['OWNER'],
      department: null,
      units: [label],
    };
    registerOnly.push(person);
    return person;
  };
  unowned.forEach((label, k) => {
    if (k === 1 || k === 2) {
      registerOnly[0]!.units.push(label);
      return;
    }
    registerOwner(label);
    if (k % 17 === 5) registerOwner(label);
  });

  // owner1's household: a family member and a tenant of their first unit.
  const residents: SeedResident[] = [
    {
      email: email('family1'),
      displayName: `${owners[0]!.displayName.slice(0, 1)}小雨`,
      phone: phone(),
      relation: 'FAMILY',
      unit: owners[0]!.units[0]!,
      addedBy: owners[0]!.email!,
    },
    {
      email: email('tenant1'),
      displayName: '租户 钱多多',
      phone: phone(),
      relation: 'TENANT',
      unit: owners[0]!.units[0]!,
      addedBy: owners[0]!.email!,
      until: '2027-08-31',
    },
  ];

  return {
    company: DEMO_COMPANY,
    name: DEMO_COMMUNITY,
    address: '上海市浦东新区湖畔路 88 号',
    residents,
    timezone: 'Asia/Shanghai',
    buildings: Array.from({ length: BUILDINGS }, (_, i) => ({ number: i + 1, name: `${i + 1}号楼` })),
    units,
    people: [...owners, ...staff, ...registerOnly],
  };
}

/**
 * 湖畔雅苑: the company's second, smaller community — one building of 12 units, owners only in the
 * register (none has activated yet), its own customer service, and the manager and company admin
 * of 湖畔花园, who work in both (one account each).
 */
export function demoSecondCommunity(): SeedCommunity {
  const random = prng(1278);
  const phone = () => `1${random.pick(['37', '51', '87'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  const units: SeedUnit[] = [];
  for (let floor = 1; floor <= 6; floor++) {
    for (let room = 1; room <= 2; room++)
      units.push({ building: 1, label: `1-1-${floor}${String(room).padStart(2, '0')}`, area: (random.int(70_00, 140_00) / 100).toFixed(2) });
  }
  const owners: SeedPerson[] = units.map((u, i) => ({
    email: null,
    displayName: `${SURNAMES[(i * 3 + 5) % SURNAMES.length]}${GIVEN[(i * 11 + 3) % GIVEN.length]}`,
    phone: phone(),
    roles: ['OWNER'],
    department: null,
    units: [u.label],
  }));
  return {
    company: DEMO_COMPANY,
    name: DEMO_SECOND_COMMUNITY,
    address: '上海市浦东新区湖畔路 120 号',
    timezone: 'Asia/Shanghai',
    buildings: [{ number: 1, name: '1号楼' }],
    units,
    people: [
      ...owners,
      {
        email: email('cs2'),
        leadsDepartment: true,
        displayName: '客服 周敏',
        phone: phone(),
        roles: ['CUSTOMER_SERVICE'],
        department: 'CUSTOMER_SERVICE',
        units: [],
      },
      { email: email('manager'), leadsDepartment: true, displayName: '物业经理 陈明', phone: null, roles: ['STAFF'], department: 'MANAGEMENT', units: [] },
      {
        email: email('company'),
        displayName: '湖畔物业 公司管理员',
        phone: COMPANY_ADMIN_PHONE,
        roles: ['ADMIN'],
        department: null,
        companyAdmin: true,
        units: [],
      },
    ],
  };
}

const COMPANY_ADMIN_PHONE = '13800000278';

/** The sign-ins printed at start and listed in the README. */
export const DEMO_SIGN_INS: { email: string; what: string }[] = [
  { email: email('owner1'), what: 'owner (业主) of two units' },
  { email: email('owner2'), what: 'owner and committee member (评审委员会)' },
  { email: email('cs'), what: 'customer service (客服)' },
  { email: email('maint'), what: 'maintenance staff (维修)' },
  { email: email('manager'), what: 'management (物业经理), committee member' },
  { email: email('admin'), what: 'admin (管理员)' },
  { email: email('company'), what: 'company admin (公司管理员) of 湖畔物业: 湖畔花园 and 湖畔雅苑' },
  { email: email('family1'), what: 'resident (住户): family member in owner1’s unit' },
  { email: email('tenant1'), what: 'resident (住户): tenant in owner1’s unit' },
];
