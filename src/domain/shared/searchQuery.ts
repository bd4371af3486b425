/**
 * The digits to look for in phone numbers, when a search query is a phone number ("+351 912",
 * "912-345"); null for anything else. A name with a digit in it ("Ana 2") is not a phone search,
 * or every number containing that digit would match.
 */
export function phoneDigitsOf(query: string | undefined): string | null {
  const q = query?.trim();
  if (!q || !/^\+?[\d\s().-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}
