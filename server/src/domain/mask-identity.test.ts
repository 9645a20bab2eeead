import { nationalIdCheckDigit } from '@lastmeter/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, maskNationalId, maskPhone } from './mask-identity.ts';

const nationalIds = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, birth, seq]) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + nationalIdCheckDigit(first17);
  });

describe('maskNationalId', () => {
  it('shows the example from the brief', () => {
    expect(maskNationalId('31010419600101123X')).toBe('3101**********123X');
  });

  it('never shows a birth-date digit and keeps at most 4 characters each side', () => {
    fc.assert(
      fc.property(nationalIds, (id) => {
        const masked = maskNationalId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.replaceAll('*', '').length).toBeLessThanOrEqual(8);
      }),
    );
  });
});

describe('maskPhone and maskName', () => {
  it('masks the middle of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('keeps the first and last character of a name', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('*');
  });

  it('never returns a name of three or more characters unchanged', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3, maxLength: 10 }), (name) => {
        const masked = Array.from(maskName(name));
        expect(masked.slice(1, -1).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});
