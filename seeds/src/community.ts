/** Plain descriptions of a community; the API turns them into rows through its own commands. */
export type SeedRole = 'OWNER' | 'CUSTOMER_SERVICE' | 'STAFF' | 'COMMITTEE' | 'ADMIN' | 'RESIDENT';
export type SeedDepartment = 'CUSTOMER_SERVICE' | 'MAINTENANCE' | 'SECURITY' | 'CLEANING' | 'MANAGEMENT';

export interface SeedBuilding {
  number: number;
  name: string;
}

export interface SeedUnit {
  building: number;
  label: string;
  /** m² with two decimals, as a string so nothing is lost on the way to numeric(9,2). */
  area: string;
}

export interface SeedPerson {
  /** Null: an owner known only from the register, without an account (cannot sign in). */
  email: string | null;
  displayName: string;
  phone: string | null;
  roles: SeedRole[];
  department: SeedDepartment | null;
  /** Head of their department (told first when its tickets run overdue). */
  leadsDepartment?: boolean;
  /** 公司管理员: creates communities and sees all of the company's figures. */
  companyAdmin?: boolean;
  units: string[];
}

/** 住户: a family member or tenant an owner added to a unit; signs in with `email`. */
export interface SeedResident {
  email: string;
  displayName: string;
  phone: string;
  relation: 'FAMILY' | 'TENANT';
  unit: string;
  /** Added by this owner (their email). */
  addedBy: string;
  /** Last day of a tenancy, YYYY-MM-DD. */
  until?: string;
}

export interface SeedCommunity {
  /** 物业公司: communities seeded with the same company name share one company (and its accounts); absent: a company of its own. */
  company?: string;
  name: string;
  address?: string;
  timezone: string;
  residents?: SeedResident[];
  buildings: SeedBuilding[];
  units: SeedUnit[];
  people: SeedPerson[];
}
