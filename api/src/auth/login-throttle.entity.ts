import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** Failed sign-ins per email address (known or not, so the lock does not reveal accounts). */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'integer' })
  failures: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null = null;
}
