import { addressBucket, paceSpacing } from './login-throttle';

describe('addressBucket', () => {
  it('keeps an IPv4 address whole, and reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const bucket = '2001:db8:85a3:1::/64';
    expect(addressBucket('2001:db8:85a3:1::1')).toBe(bucket);
    expect(addressBucket('2001:0db8:85a3:0001:ffff:ffff:ffff:fffe')).toBe(bucket);
    expect(addressBucket('2001:DB8:85A3:1:0:0:0:2')).toBe(bucket);
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('paceSpacing', () => {
  it('paces from ten failures, doubling every ten, up to 4 s', () => {
    expect([9, 10, 19, 20, 30, 40, 500].map(paceSpacing)).toEqual([0, 500, 500, 1000, 2000, 4000, 4000]);
  });
});
