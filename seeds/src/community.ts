/** Plain descriptions of a community; the API turns them into rows through its own commands. */
export type SeedRole = 'OWNER' | 'CUSTOMER_SERVICE' | 'STAFF' | 'COMMITTEE' | 'ADMIN';
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
  phone: string;
  roles: SeedRole[];
  department: SeedDepartment | null;
  /** Head of their department (told first when its tickets run overdue). */
  leadsDepartment?: boolean;
  units: string[];
}

export interface SeedCommunity {
  name: string;
  timezone: string;
  buildings: SeedBuilding[];
  units: SeedUnit[];
  people: SeedPerson[];
}
