import type { NotifyConfig } from '../../shared/config.js';
import type { Logger } from '../../observability/log.js';
import { AliyunSmsChannel } from './aliyun-sms.js';
import type { Channel } from './channel.js';
import { EmailChannel } from './email.js';
import { LogChannel } from './log.js';

/** The adapters the configuration names: SMTP or the log for e-mail, Alibaba Cloud or the log for SMS. */
export function channelsFromConfig(config: NotifyConfig, logger: Logger): { EMAIL: Channel; SMS: Channel } {
  return {
    EMAIL: config.smtpUrl ? new EmailChannel(config.smtpUrl, config.mailFrom) : new LogChannel('EMAIL', logger),
    SMS: config.sms.provider === 'aliyun' ? new AliyunSmsChannel(config.sms) : new LogChannel('SMS', logger),
  };
}
