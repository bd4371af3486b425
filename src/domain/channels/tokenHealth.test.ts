import { describe, expect, it } from 'vitest';
import { isTokenProblem, tokenProblemReason } from './tokenHealth';

describe('isTokenProblem', () => {
  it('is true for expired, revoked and permission errors, and not for a closed window or throttling', () => {
    expect(isTokenProblem({ code: 190 })).toBe(true);
    expect(isTokenProblem({ code: 190, subcode: 463 })).toBe(true);
    expect(isTokenProblem({ code: 102 })).toBe(true);
    expect(isTokenProblem({ code: 200, subcode: 1349174 })).toBe(true);
    expect(isTokenProblem({ code: 10, subcode: 2534022 })).toBe(false);
    expect(isTokenProblem({ code: 4 })).toBe(false);
    expect(isTokenProblem({ code: 131047 })).toBe(false);
    expect(isTokenProblem({})).toBe(false);
  });

  it('tells the admin what happened and what to do', () => {
    expect(tokenProblemReason({ code: 190, subcode: 463, message: 'Session has expired.' })).toMatch(/^The access token has expired\. Replace the token/);
  });
});
