import { createHmac } from 'node:crypto';
import http from 'node:http';

// A local stand-in for Alibaba Cloud SMS (dysmsapi, API version 2017-05-25), written from the
// provider's documentation rather than from our adapter: it recomputes the RPC signature (v1.0,
// HMAC-SHA1 over "POST&%2F&" + the encoded, sorted parameters, keyed with the secret and "&"),
// refuses stale timestamps and reused nonces, and answers SendSms and QuerySendDetails.

export interface StubSms {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
  bizId: string;
  at: Date;
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
}

export async function startAliyunSmsStub(credentials: { accessKeyId: string; accessKeySecret: string }) {
  const sent: StubSms[] = [];
  const requests: { action: string; signatureOk: boolean }[] = [];
  const nonces = new Set<string>();
  /** Phones whose next SendSms calls answer a throttling error, and how many. */
  const transient = new Map<string, number>();
  /** Called once a message is accepted and before the answer leaves (a test may kill the caller here). */
  let onAccepted: ((sms: StubSms) => Promise<void> | void) | null = null;
  let seq = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (body: Record<string, unknown>, status = 200) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ RequestId: `req-${++seq}`, ...body }));
      };
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const params = Object.fromEntries(form.entries());
      const { Signature: signature, ...rest } = params;
      const canonical = Object.keys(rest)
        .sort()
        .map((k) => `${encode(k)}=${encode(rest[k]!)}`)
        .join('&');
      const expected = createHmac('sha1', `${credentials.accessKeySecret}&`)
        .update(`POST&${encode('/')}&${encode(canonical)}`)
        .digest('base64');
      const signatureOk = signature === expected;
      requests.push({ action: params.Action ?? '', signatureOk });
      if (params.AccessKeyId !== credentials.accessKeyId)
        return reply({ Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' }, 404);
      if (!signatureOk) return reply({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' }, 400);
      const age = Math.abs(Date.now() - Date.parse(params.Timestamp ?? ''));
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? '') || !(age < 15 * 60_000))
        return reply({ Code: 'InvalidTimeStamp.Expired', Message: 'Timestamp expired' }, 400);
      if (!params.SignatureNonce || nonces.has(params.SignatureNonce)) return reply({ Code: 'SignatureNonceUsed', Message: 'Nonce used' }, 400);
      nonces.add(params.SignatureNonce);
      if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0' || params.Version !== '2017-05-25' || params.Format !== 'JSON') {
        return reply({ Code: 'MissingParameter', Message: 'common parameters' }, 400);
      }
      if (params.Action === 'SendSms') {
        const phone = params.PhoneNumbers ?? '';
        if (!/^1[3-9]\d{9}$/.test(phone)) return reply({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
        const left = transient.get(phone) ?? 0;
        if (left > 0) {
          transient.set(phone, left - 1);
          return reply({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' });
        }
        let templateParams: Record<string, string>;
        try {
          templateParams = JSON.parse(params.TemplateParam ?? '{}') as Record<string, string>;
        } catch {
          return reply({ Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法' });
        }
        const sms: StubSms = {
          phone,
          signName: params.SignName ?? '',
          templateCode: params.TemplateCode ?? '',
          params: templateParams,
          outId: params.OutId ?? '',
          bizId: `biz-${++seq}`,
          at: new Date(),
        };
        sent.push(sms);
        if (onAccepted) await onAccepted(sms);
        return reply({ Code: 'OK', Message: 'OK', BizId: sms.bizId });
      }
      if (params.Action === 'QuerySendDetails') {
        const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
        const rows = sent.filter((s) => s.phone === params.PhoneNumber && day(s.at) === params.SendDate);
        const size = Number(params.PageSize ?? 10);
        const page = rows.slice((Number(params.CurrentPage ?? 1) - 1) * size, Number(params.CurrentPage ?? 1) * size);
        return reply({
          Code: 'OK',
          Message: 'OK',
          TotalCount: rows.length,
          SmsSendDetailDTOs: {
            SmsSendDetailDTO: page.map((s) => ({
              PhoneNum: s.phone,
              SendStatus: 3,
              ErrCode: 'DELIVERED',
              TemplateCode: s.templateCode,
              OutId: s.outId,
              SendDate: s.at.toISOString(),
            })),
          },
        });
      }
      return reply({ Code: 'InvalidAction.NotFound', Message: 'Specified api is not found' }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    failNext(phone: string, times: number) {
      transient.set(phone, times);
    },
    onAccepted(hook: ((sms: StubSms) => Promise<void> | void) | null) {
      onAccepted = hook;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
