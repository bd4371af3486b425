/**
 * The names an admin may type to confirm erasing a customer: the contact's name, or what the
 * inbox shows when it has none (a profile name, a handle, a phone number). Case, accents' absence
 * aside, outer and repeated spaces do not matter; a leading @ or + is optional.
 */
export function confirmsErasure(
  typed: string,
  contact: { name: string | null; phone: string | null },
  identities: { displayName: string | null; username: string | null; phone: string | null }[],
): boolean {
  const normal = (value: string) => value.trim().replace(/\s+/g, ' ').replace(/^[@+]/, '').toLowerCase();
  const wanted = normal(typed);
  if (!wanted) return false;
  const names = [contact.name, contact.phone, ...identities.flatMap((i) => [i.displayName, i.username, i.phone])];
  return names.some((name) => name !== null && normal(name) === wanted);
}
