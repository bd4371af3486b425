import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { Switch } from '../../../components/ui/switch';
import { errorMessage } from '../../../lib/api';
import { useUpdateUser } from '../api/update-user';
import type { WorkspaceUser } from '../types';
import '../users.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The workspace's people, with a switch to let each one sign in or not. */
export function AgentList({
  users,
  currentUserId,
  canManage,
}: {
  users: WorkspaceUser[];
  currentUserId: string;
  /** Admins get the switches; everyone else sees the list only. */
  canManage: boolean;
}) {
  const [disabling, setDisabling] = useState<WorkspaceUser | null>(null);
  const updateUser = useUpdateUser();
  const notify = useNotify();

  const setActive = async (user: WorkspaceUser, active: boolean) => {
    await updateUser.mutateAsync({ id: user.id, changes: { disabled: !active } });
    notify({ tone: 'success', message: active ? `${user.name} can sign in again.` : `${user.name} can no longer sign in.` });
  };

  const sorted = [...users].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <ul className="people-list" aria-label="People in this workspace">
        {sorted.map((user) => {
          const isSelf = user.id === currentUserId;
          const active = !user.disabledAt;
          return (
            <li key={user.id} className={active ? 'person' : 'person person-disabled'}>
              <div className="person-main">
                <p className="person-name">
                  {user.name}
                  {isSelf && <span className="muted"> (you)</span>}
                </p>
                <p className="person-email">{user.email}</p>
                <p className="person-meta">
                  <span className={user.role === 'admin' ? 'badge badge-strong' : 'badge'}>
                    {user.role === 'admin' ? 'Admin' : 'Agent'}
                  </span>
                  {!active && <span className="badge badge-warning">Disabled</span>}
                  <span className="muted small">Added {dateFormat.format(user.createdAt)}</span>
                </p>
              </div>
              {canManage && (
                <Switch
                  className="person-switch"
                  label={
                    <>
                      Active<span className="visually-hidden"> for {user.name}</span>
                    </>
                  }
                  checked={active}
                  disabled={isSelf}
                  onCheckedChange={(next) => {
                    if (next) {
                      setActive(user, true).catch((error: unknown) => notify({ tone: 'error', message: errorMessage(error) }));
                    } else {
                      setDisabling(user);
                    }
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(open) => !open && setDisabling(null)}
        title={disabling ? `Disable ${disabling.name}?` : 'Disable'}
        description="They are signed out everywhere and cannot sign in until you turn them back on. Their conversations and history stay."
        tone="danger"
        onConfirm={() => (disabling ? setActive(disabling, false) : undefined)}
      />
    </>
  );
}
