import { describe, expect, it } from 'vitest';
import { ifMatch, versionOf } from './versions';

describe('versionOf', () => {
  it('is the microseconds since the epoch in hex, as the API computes it', () => {
    // 2026-12-04T21:47:58.195587Z = 1796420878.195587 s (Python: round(ts * 1e6) -> hex)
    expect(versionOf('2026-12-04T21:47:58.195587Z')).toBe((1796420878195587n).toString(16));
  });

  it('keeps every microsecond, which a JavaScript Date would lose', () => {
    const a = versionOf('2026-01-01T00:00:00.000001Z');
    const b = versionOf('2026-01-01T00:00:00.000002Z');
    expect(BigInt(`0x${b}`) - BigInt(`0x${a}`)).toBe(1n);
  });

  it('reads offsets and missing fractions', () => {
    expect(versionOf('2026-01-01T01:00:00+01:00')).toBe(versionOf('2026-01-01T00:00:00.000000Z'));
  });
});

describe('ifMatch', () => {
  it('quotes the version; a never-saved document is "0"', () => {
    expect(ifMatch('2026-01-01T00:00:00Z')).toEqual({ 'if-match': `"${versionOf('2026-01-01T00:00:00Z')}"` });
    expect(ifMatch(null)).toEqual({ 'if-match': '"0"' });
  });
});
