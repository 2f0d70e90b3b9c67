import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

// A local stand-in for Tencent Cloud SMS (API 3.0, version 2021-01-11), written from the provider's
// documentation rather than from our adapter: it recomputes the TC3-HMAC-SHA256 signature from the
// request as it arrived (canonical request over content-type, host and x-tc-action, key chain
// "TC3"+secret → date → service → "tc3_request"), refuses a timestamp over 5 minutes off, and
// answers SendSms with a SendStatusSet, or an Error for a request it refuses.

export interface StubTencentSms {
  phone: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  params: string[];
  sessionContext: string;
  serialNo: string;
  at: number;
}

const sha256 = (v: string | Buffer) => createHash('sha256').update(v).digest('hex');
const hmac = (key: string | Buffer, v: string) => createHmac('sha256', key).update(v).digest();

export async function startTencentSmsStub(credentials: { secretId: string; secretKey: string; sdkAppId: string }) {
  const sent: StubTencentSms[] = [];
  const requests: { action: string; signatureOk: boolean; region: string }[] = [];
  /** Phones whose next sends answer this per-number code, and how many times. */
  const failing = new Map<string, { code: string; times: number }>();
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const reply = (body: Record<string, unknown>) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Response: { RequestId: `req-${++seq}`, ...body } }));
      };
      const fail = (code: string, message: string) => reply({ Error: { Code: code, Message: message } });
      const header = (name: string) => String(req.headers[name] ?? '');
      const action = header('x-tc-action');
      const timestamp = Number(header('x-tc-timestamp'));
      const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
        header('authorization'),
      );
      if (req.method !== 'POST' || req.url !== '/') return fail('UnsupportedProtocol', 'POST / only');
      if (!auth) return fail('AuthFailure.InvalidAuthorization', 'Authorization header is malformed');
      const [, secretId, date, service, signedHeaders, signature] = auth;
      if (secretId !== credentials.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
      if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return fail('AuthFailure.SignatureExpire', 'Signature expired');
      if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10) || service !== 'sms')
        return fail('AuthFailure.InvalidAuthorization', 'credential scope');
      const names = signedHeaders!.split(';');
      if (!names.includes('content-type') || !names.includes('host')) return fail('AuthFailure.InvalidAuthorization', 'content-type and host must be signed');
      const canonicalHeaders = names.map((n) => `${n}:${header(n).trim().toLowerCase()}\n`).join('');
      const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(raw)].join('\n');
      const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha256(canonical)].join('\n');
      const key = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date!), 'sms'), 'tc3_request');
      const expected = createHmac('sha256', key).update(toSign).digest('hex');
      const signatureOk = timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
      requests.push({ action, signatureOk, region: header('x-tc-region') });
      if (!signatureOk) return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
      if (header('x-tc-version') !== '2021-01-11') return fail('InvalidParameter', 'X-TC-Version');
      if (action !== 'SendSms' && action !== 'PullSmsSendStatusByPhoneNumber') return fail('InvalidAction', `${action} is not an action`);
      let body: {
        PhoneNumberSet?: string[];
        SmsSdkAppId?: string;
        SignName?: string;
        TemplateId?: string;
        TemplateParamSet?: string[];
        SessionContext?: string;
        PhoneNumber?: string;
        BeginTime?: number;
        EndTime?: number;
        Offset?: number;
        Limit?: number;
      };
      try {
        body = JSON.parse(raw.toString('utf8')) as typeof body;
      } catch {
        return fail('FailedOperation.JsonParseFail', 'body is not JSON');
      }
      if (body.SmsSdkAppId !== credentials.sdkAppId) return fail('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId');
      if (action === 'PullSmsSendStatusByPhoneNumber') {
        // Delivery receipts of one number between two moments (Unix seconds), paged by Offset and Limit (at most 100).
        const { PhoneNumber: number, BeginTime: begin, EndTime: end, Offset: offset = 0, Limit: limit = 0 } = body;
        if (!number || typeof begin !== 'number' || typeof end !== 'number' || !(limit >= 1 && limit <= 100))
          return fail('MissingParameter', 'PhoneNumber, BeginTime, EndTime, Limit');
        const rows = sent.filter((m) => `+86${m.phone}` === number && m.at >= begin && m.at <= end).slice(offset, offset + limit);
        return reply({
          PullSmsSendStatusSet: rows.map((m) => ({
            UserReceiveTime: m.at,
            CountryCode: '86',
            SubscriberNumber: m.phone,
            PhoneNumber: number,
            SerialNo: m.serialNo,
            ReportStatus: 'SUCCESS',
            Description: 'DELIVRD',
            SessionContext: m.sessionContext,
          })),
        });
      }
      if (!body.SignName || !body.TemplateId || !Array.isArray(body.PhoneNumberSet) || body.PhoneNumberSet.length !== 1)
        return fail('MissingParameter', 'SignName, TemplateId, PhoneNumberSet');
      const statuses = body.PhoneNumberSet.map((number) => {
        const phone = number.replace(/^\+86/, '');
        if (!/^\+861[3-9]\d{9}$/.test(number))
          return {
            Code: 'InvalidParameterValue.IncorrectPhoneNumber',
            Message: 'incorrect number',
            PhoneNumber: number,
            SerialNo: '',
            SessionContext: body.SessionContext ?? '',
          };
        const f = failing.get(phone);
        if (f && f.times > 0) {
          f.times -= 1;
          return { Code: f.code, Message: 'refused by the stub', PhoneNumber: number, SerialNo: '', SessionContext: body.SessionContext ?? '' };
        }
        const item: StubTencentSms = {
          phone,
          sdkAppId: body.SmsSdkAppId!,
          signName: body.SignName!,
          templateId: body.TemplateId!,
          params: body.TemplateParamSet ?? [],
          sessionContext: body.SessionContext ?? '',
          serialNo: `2433:${++seq}`,
          at: Math.floor(Date.now() / 1000),
        };
        sent.push(item);
        return {
          Code: 'Ok',
          Message: 'send success',
          PhoneNumber: number,
          SerialNo: item.serialNo,
          SessionContext: item.sessionContext,
          Fee: 1,
          IsoCode: 'CN',
        };
      });
      reply({ SendStatusSet: statuses });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    failNext(phone: string, times: number, code = 'LimitExceeded.PhoneNumberThirtySecondLimit') {
      failing.set(phone, { code, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
