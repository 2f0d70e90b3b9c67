import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPermanentTencentError, signTc3 } from './tencent-sms.js';

describe('Tencent Cloud TC3-HMAC-SHA256 signature', () => {
  const input = {
    secretId: 'AKIDtest',
    secretKey: 'secret-key',
    host: 'sms.tencentcloudapi.com',
    action: 'SendSms',
    payload: '{"PhoneNumberSet":["+8613800138000"]}',
    timestamp: 1764734400,
  };

  it('names the credential, the date scope and the signed headers', () => {
    expect(signTc3(input)).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDtest\/2025-12-03\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is the documented chain of HMACs over the canonical request', () => {
    const hex = (v: string) => createHash('sha256').update(v).digest('hex');
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n${hex(input.payload)}`;
    const toSign = `TC3-HMAC-SHA256\n1764734400\n2025-12-03/sms/tc3_request\n${hex(canonical)}`;
    let key: Buffer = createHmac('sha256', 'TC3secret-key').update('2025-12-03').digest();
    key = createHmac('sha256', key).update('sms').digest();
    key = createHmac('sha256', key).update('tc3_request').digest();
    expect(signTc3(input).split('Signature=')[1]).toBe(createHmac('sha256', key).update(toSign).digest('hex'));
  });

  it('changes with the payload, the time and the key', () => {
    const base = signTc3(input);
    expect(signTc3({ ...input, payload: `${input.payload} ` })).not.toBe(base);
    expect(signTc3({ ...input, timestamp: input.timestamp + 1 })).not.toBe(base);
    expect(signTc3({ ...input, secretKey: 'other' })).not.toBe(base);
  });

  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber', true],
    ['FailedOperation.TemplateIncorrectOrUnapproved', true],
    ['FailedOperation.SignatureIncorrectOrUnapproved', true],
    ['FailedOperation.InsufficientBalanceInSmsPackage', true],
    ['AuthFailure.SignatureFailure', true],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', true],
    ['LimitExceeded.PhoneNumberDailyLimit', true],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', false],
    ['RequestLimitExceeded', false],
    ['InternalError.Timeout', false],
    ['FailedOperation.JsonParseFail', false],
    ['HTTP 502', false],
  ])('%s is final: %s', (code, permanent) => expect(isPermanentTencentError(code)).toBe(permanent));
});
