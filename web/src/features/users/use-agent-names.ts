import { useMemo } from 'react';
import { useUsers } from './api/list-users';

/** Agent names by id, for "Assigned by …" and "merged by …"; empty until the team has loaded. */
export function useAgentNames(): Map<string, string> {
  const users = useUsers();
  return useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
}
