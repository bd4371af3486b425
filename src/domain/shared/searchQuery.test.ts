import { describe, expect, it } from 'vitest';
import { phoneDigitsOf } from './searchQuery';

describe('phoneDigitsOf', () => {
  it('reads phone-like queries as digits', () => {
    expect(phoneDigitsOf('+351 912-345')).toBe('351912345');
    expect(phoneDigitsOf('(912) 345')).toBe('912345');
  });

  it('does not read names, handles or short numbers as phones', () => {
    expect(phoneDigitsOf('Kenji Nakamura mwywjvs6')).toBeNull();
    expect(phoneDigitsOf('ana_2')).toBeNull();
    expect(phoneDigitsOf('12')).toBeNull();
    expect(phoneDigitsOf('')).toBeNull();
    expect(phoneDigitsOf(undefined)).toBeNull();
  });
});
