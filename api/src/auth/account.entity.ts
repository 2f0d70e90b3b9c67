import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Company } from '../community/company.entity.js';

/**
 * A sign-in identity within one company: a mobile number and/or an email, and a password once the
 * person has activated it. One account can be a person in several communities of its company
 * (a manager of two communities, an owner of units in both); each community's person row links here.
 */
@Entity({ tableName: 'account' })
@Unique({ properties: ['company', 'email'] })
@Unique({ properties: ['company', 'phone'] })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Company, { fieldName: 'company_id', index: true })
  company!: Company;

  /** Lower-case. */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  /** Mainland mobile number, 11 digits. */
  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  /** Null until the account is activated (a code and a new password). */
  @Property({ type: 'string', length: 200, hidden: true, nullable: true })
  passwordHash: string | null = null;

  /** 公司管理员: creates communities and sees every community's figures. */
  @Property({ type: 'boolean' })
  companyAdmin: boolean & Opt = false;

  @Property({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null = null;

  /** The person's openid at the 服务号 (WeChat web authorisation): where WeChat notices go; one account per openid. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  wechatOpenid: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  wechatBoundAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
