import { createHmac, randomUUID } from 'node:crypto';
import type { Channel, OutgoingMessage, SendResult } from './channel.js';
import { PermanentDeliveryError } from './channel.js';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Approved template for notices, with variables ${text} and ${link}. */
  noticeTemplate: string;
  /** Approved verification-code template, with the variable ${code}. */
  codeTemplate: string;
  endpoint: string;
  timeoutMs?: number;
}

/** RFC 3986 percent-encoding as Alibaba Cloud's RPC signature wants it (space %20, `*` %2A, `~` kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Alibaba Cloud RPC signature, version 1.0 (HMAC-SHA1): the parameters sorted by name, encoded and
 * joined, prefixed by the method and the encoded "/", signed with the secret followed by "&".
 */
export function signRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Mainland mobile numbers as the provider takes them: 11 digits, no +86. */
export function mainlandMobile(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

// Codes the provider documents as final for this message (bad number, template, signature, content).
const PERMANENT =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|MOBILE_COUNT_OVER_LIMIT|TEMPLATE_MISSING_PARAMETERS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|INVALID_PARAMETERS|PARAM_LENGTH_LIMIT|BLACK_KEY_CONTROL_LIMIT|AMOUNT_NOT_ENOUGH|OUT_OF_SERVICE|ACCOUNT_NOT_EXISTS|ACCOUNT_ABNORMAL)$|^SignatureDoesNotMatch$|^InvalidAccessKeyId/;

/** Alibaba Cloud SMS (短信服务, dysmsapi 2017-05-25): SendSms, and QuerySendDetails to look up an OutId. */
export class AliyunSmsChannel implements Channel {
  readonly name = 'SMS';
  constructor(private readonly options: AliyunSmsOptions) {}

  private async call(action: string, extra: Record<string, string>): Promise<Record<string, unknown>> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: action,
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      ...extra,
    };
    params.Signature = signRpc('POST', params, this.options.accessKeySecret);
    const body = Object.entries(params)
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    const response = await fetch(this.options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (json.Code !== 'OK') {
      const code = String(json.Code ?? `HTTP ${response.status}`);
      const error = `${action} ${code}: ${String(json.Message ?? '')}`.slice(0, 400);
      throw PERMANENT.test(code) ? new PermanentDeliveryError(error) : new Error(error);
    }
    return json;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const phone = mainlandMobile(message.to);
    if (!phone) throw new PermanentDeliveryError('not a mainland mobile number');
    const code = message.template === 'CODE' ? this.options.codeTemplate : this.options.noticeTemplate;
    const json = await this.call('SendSms', {
      PhoneNumbers: phone,
      SignName: this.options.signName,
      TemplateCode: code,
      TemplateParam: JSON.stringify(message.params),
      OutId: message.idempotencyKey,
    });
    return { providerId: typeof json.BizId === 'string' ? json.BizId : null };
  }

  async lookup(message: OutgoingMessage): Promise<SendResult | null> {
    const phone = mainlandMobile(message.to);
    if (!phone) return null;
    // Records are kept by send date (China time); an attempt may have crossed midnight.
    const day = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    for (const sendDate of new Set([day(message.createdAt), day(new Date())])) {
      for (let page = 1; page <= 10; page++) {
        const json = await this.call('QuerySendDetails', { PhoneNumber: phone, SendDate: sendDate, PageSize: '50', CurrentPage: String(page) });
        const rows = (json.SmsSendDetailDTOs as { SmsSendDetailDTO?: { OutId?: string; BizId?: string }[] } | undefined)?.SmsSendDetailDTO ?? [];
        const found = rows.find((r) => r.OutId === message.idempotencyKey);
        if (found) return { providerId: found.BizId ?? null };
        if (rows.length < 50) break;
      }
    }
    return null;
  }
}
