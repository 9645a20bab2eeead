import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMainlandMobile, isValidNationalId, nationalIdCheckDigit } from './identity.ts';

/** 17 leading digits with a real birth date, as the issuing office would produce them. */
const first17 = fc
  .record({
    region: fc.integer({ min: 110000, max: 829999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, sequence }) => {
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    return `${region}${ymd}${String(sequence).padStart(3, '0')}`;
  });

describe('nationalIdCheckDigit', () => {
  it('matches the examples published with GB 11643', () => {
    expect(nationalIdCheckDigit('11010519491231002')).toBe('X');
    expect(nationalIdCheckDigit('44052418800101001')).toBe('4');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => nationalIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => nationalIdCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('isValidNationalId', () => {
  it('accepts well-formed numbers, with X in either case', () => {
    expect(isValidNationalId('11010519491231002X')).toBe(true);
    expect(isValidNationalId('11010519491231002x')).toBe(true);
    expect(isValidNationalId('440524188001010014')).toBe(false); // born 1880: before 1900
  });

  it('rejects a wrong check character, wrong length, bad dates and a zero region', () => {
    expect(isValidNationalId('110105194912310021')).toBe(false);
    expect(isValidNationalId('11010519491231002')).toBe(false);
    expect(isValidNationalId('11010519491231002X0')).toBe(false);
    const feb30 = `31010419900230123`;
    expect(isValidNationalId(feb30 + nationalIdCheckDigit(feb30))).toBe(false);
    const zeroRegion = `01010419900101123`;
    expect(isValidNationalId(zeroRegion + nationalIdCheckDigit(zeroRegion))).toBe(false);
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '31010420000229123';
    const common = '31010419000229123';
    expect(isValidNationalId(leap + nationalIdCheckDigit(leap))).toBe(true);
    expect(isValidNationalId(common + nationalIdCheckDigit(common))).toBe(false);
  });

  it('property: completing 17 digits with the check digit gives a valid number, and any one-digit typo breaks it', () => {
    fc.assert(
      fc.property(first17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (digits, at, shift) => {
        const id = digits + nationalIdCheckDigit(digits);
        expect(isValidNationalId(id)).toBe(true);
        const typo = (Number(id.charAt(at)) + shift) % 10;
        const mistyped = `${id.slice(0, at)}${typo}${id.slice(at + 1)}`;
        expect(isValidNationalId(mistyped)).toBe(false);
      }),
    );
  });
});

describe('isValidMainlandMobile', () => {
  it('accepts 11-digit numbers on networks 13–19', () => {
    expect(isValidMainlandMobile('13812345678')).toBe(true);
    expect(isValidMainlandMobile('19912345678')).toBe(true);
  });

  it('rejects other prefixes, lengths and formatting', () => {
    expect(isValidMainlandMobile('12812345678')).toBe(false);
    expect(isValidMainlandMobile('1381234567')).toBe(false);
    expect(isValidMainlandMobile('+8613812345678')).toBe(false);
    expect(isValidMainlandMobile('138 1234 5678')).toBe(false);
  });
});
