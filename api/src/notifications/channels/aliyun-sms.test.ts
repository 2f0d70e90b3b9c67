import { describe, expect, it } from 'vitest';
import { mainlandMobile, percentEncode, signRpc } from './aliyun-sms.js';

describe('Alibaba Cloud RPC signature', () => {
  it('encodes as RFC 3986 wants', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('湖')).toBe('%E6%B9%96');
  });

  // The worked example of Alibaba Cloud's signature documentation (DescribeRegions, secret "testsecret").
  it('matches the documented example', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(signRpc('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('reads mainland mobile numbers', () => {
    expect(mainlandMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(mainlandMobile('8613800138000')).toBe('13800138000');
    expect(mainlandMobile('010-12345678')).toBeNull();
  });
});
