import type { Department, Role } from './community.enums.js';

/** Who is asking: the signed-in person, as the session resolved them. */
export interface ViewerContext {
  id: string;
  communityId: string;
  roles: Role[];
  department: Department | null;
  /** Head of their department (absent where not loaded, e.g. seeds: not a head). */
  leadsDepartment?: boolean;
  sessionTokenHash: string;
  /** Absent where no session stands behind the viewer (seeds, tests of rules). */
  sessionId?: string;
  accountId?: string;
  companyId?: string;
  /** 公司管理员 of their company. */
  companyAdmin?: boolean;
}
