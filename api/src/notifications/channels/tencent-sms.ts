import { createHash, createHmac } from 'node:crypto';
import type { Channel, OutgoingMessage, SendResult } from './channel.js';
import { PermanentDeliveryError } from './channel.js';
import { mainlandMobile } from './aliyun-sms.js';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** The SMS application (SdkAppId, 1400…). */
  sdkAppId: string;
  signName: string;
  /** Approved notice template: {1} the sentence, {2} the link. */
  noticeTemplate: string;
  /** Approved verification-code template: {1} the code. */
  codeTemplate: string;
  region: string;
  endpoint: string;
  timeoutMs?: number;
}

const SERVICE = 'sms';
const VERSION = '2021-01-11';

const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const hmac = (key: string | Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest();

/**
 * Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) for a JSON POST to "/": the canonical request
 * over content-type, host and x-tc-action, the date-scoped key derived from "TC3" + the secret.
 */
export function signTc3(input: {
  secretId: string;
  secretKey: string;
  host: string;
  action: string;
  payload: string;
  timestamp: number;
  service?: string;
}): string {
  const service = input.service ?? SERVICE;
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:application/json; charset=utf-8\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/**
 * Error codes after which this message will never go (bad number, template or signature not
 * approved, credentials refused, nothing left to pay with); throttling and internal errors pass.
 */
export function isPermanentTencentError(code: string): boolean {
  if (
    /^(InternalError|RequestLimitExceeded|LimitExceeded\.(PhoneNumberThirtySecondLimit|PhoneNumberOneHourLimit|DeliveryFrequencyLimit)|FailedOperation\.(FailResolvePacket|JsonParseFail)|ResourceUnavailable)/.test(
      code,
    )
  )
    return false;
  return /^(AuthFailure|UnauthorizedOperation|InvalidParameter|InvalidParameterValue|MissingParameter|UnsupportedOperation|FailedOperation|LimitExceeded\.(PhoneNumberDailyLimit|PhoneNumberSameContentDailyLimit|PhoneNumberCountLimit|AppDailyLimit|AppCountryOrRegionDailyLimit|AppGlobalDailyLimit|AppMainlandChinaDailyLimit|DailyLimit))/.test(
    code,
  );
}

/** Tencent Cloud SMS (短信, API 2021-01-11): SendSms, one number per call, and its receipts to look up a SessionContext. */
export class TencentSmsChannel implements Channel {
  readonly name = 'SMS';
  private readonly host: string;

  constructor(private readonly options: TencentSmsOptions) {
    this.host = new URL(options.endpoint).host;
  }

  /** One signed API call; an Error answer throws, final or not by its code. */
  private async call<T>(action: string, body: Record<string, unknown>): Promise<T> {
    const payload = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(this.options.endpoint, {
      method: 'POST',
      headers: {
        Authorization: signTc3({ secretId: this.options.secretId, secretKey: this.options.secretKey, host: this.host, action, payload, timestamp }),
        'Content-Type': 'application/json; charset=utf-8',
        Host: this.host,
        'X-TC-Action': action,
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Version': VERSION,
        'X-TC-Region': this.options.region,
      },
      body: payload,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const json = (await response.json().catch(() => ({}))) as { Response?: T & { Error?: { Code?: string; Message?: string } } };
    const error = json.Response?.Error;
    if (error || !json.Response) {
      const errorCode = String(error?.Code ?? `HTTP ${response.status}`);
      const text = `${action} ${errorCode}: ${String(error?.Message ?? '')}`.slice(0, 400);
      throw isPermanentTencentError(errorCode) ? new PermanentDeliveryError(text) : new Error(text);
    }
    return json.Response;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const phone = mainlandMobile(message.to);
    if (!phone) throw new PermanentDeliveryError('not a mainland mobile number');
    const code = message.template === 'CODE';
    const answer = await this.call<{ SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[] }>('SendSms', {
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: this.options.signName,
      TemplateId: code ? this.options.codeTemplate : this.options.noticeTemplate,
      TemplateParamSet: code ? [message.params.code ?? ''] : [message.params.text ?? '', message.params.link ?? ''],
      // Echoed back on the answer and in delivery receipts: the delivery's idempotency key.
      SessionContext: message.idempotencyKey,
    });
    const status = answer.SendStatusSet?.[0];
    if (!status) throw new Error('SendSms: no send status in the answer');
    if (status.Code !== 'Ok') {
      const text = `SendSms ${String(status.Code)}: ${String(status.Message ?? '')}`.slice(0, 400);
      throw isPermanentTencentError(String(status.Code)) ? new PermanentDeliveryError(text) : new Error(text);
    }
    return { providerId: status.SerialNo ?? null };
  }

  /**
   * After an attempt nobody finished: the number's delivery receipts since the delivery was written
   * (PullSmsSendStatusByPhoneNumber), looked through for its SessionContext. A message the carrier
   * has not reported yet is not found, and goes again.
   */
  async lookup(message: OutgoingMessage): Promise<SendResult | null> {
    const phone = mainlandMobile(message.to);
    if (!phone) return null;
    const begin = Math.floor(message.createdAt.getTime() / 1000) - 60;
    const end = Math.floor(Date.now() / 1000) + 60;
    for (let offset = 0; offset < 1000; offset += 100) {
      const answer = await this.call<{ PullSmsSendStatusSet?: { SessionContext?: string; SerialNo?: string }[] }>('PullSmsSendStatusByPhoneNumber', {
        BeginTime: begin,
        EndTime: end,
        Offset: offset,
        Limit: 100,
        PhoneNumber: `+86${phone}`,
        SmsSdkAppId: this.options.sdkAppId,
      });
      const rows = answer.PullSmsSendStatusSet ?? [];
      const found = rows.find((r) => r.SessionContext === message.idempotencyKey);
      if (found) return { providerId: found.SerialNo ?? null };
      if (rows.length < 100) break;
    }
    return null;
  }
}
