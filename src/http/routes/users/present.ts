import type { User } from '../../../store/repositories/users';

export function presentUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    workspaceId: user.workspaceId,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
  };
}
