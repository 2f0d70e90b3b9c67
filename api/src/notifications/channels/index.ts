import type { NotifyConfig } from '../../shared/config.js';
import type { Logger } from '../../observability/log.js';
import { AliyunSmsChannel } from './aliyun-sms.js';
import type { Channel } from './channel.js';
import { EmailChannel } from './email.js';
import { LogChannel } from './log.js';
import { TencentSmsChannel } from './tencent-sms.js';
import { WeChatChannel } from './wechat.js';

export interface Channels {
  EMAIL: Channel;
  SMS: Channel;
  /** Absent when WeChat is not configured (no delivery is written for it then). */
  WECHAT?: Channel;
}

function smsChannel(sms: NotifyConfig['sms'], logger: Logger): Channel {
  switch (sms.provider) {
    case 'aliyun':
      return new AliyunSmsChannel(sms);
    case 'tencent':
      return new TencentSmsChannel(sms);
    case 'log':
      return new LogChannel('SMS', logger);
  }
}

/** The adapters the configuration names: SMTP or the log for e-mail, Alibaba Cloud, Tencent Cloud or the log for SMS, WeChat if set. */
export function channelsFromConfig(config: NotifyConfig, logger: Logger): Channels {
  return {
    EMAIL: config.smtpUrl ? new EmailChannel(config.smtpUrl, config.mailFrom) : new LogChannel('EMAIL', logger),
    SMS: smsChannel(config.sms, logger),
    ...(config.wechat ? { WECHAT: new WeChatChannel(config.wechat) } : {}),
  };
}
