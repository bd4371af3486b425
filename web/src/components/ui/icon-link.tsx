import type { LucideIcon } from 'lucide-react';
import { NavLink } from 'react-router-dom';
import { cx } from './cx';

export interface IconLinkProps {
  to: string;
  /** The accessible name, also shown as a tooltip and, where there is room, as a caption. */
  label: string;
  icon: LucideIcon;
  className?: string;
}

/** A navigation link drawn as an icon; marks itself `aria-current="page"` when its section is open. */
export function IconLink({ to, label, icon: Icon, className }: IconLinkProps) {
  return (
    <NavLink to={to} aria-label={label} title={label} className={({ isActive }) => cx('icon-link', isActive && 'is-active', className)}>
      <Icon aria-hidden="true" focusable="false" size={22} strokeWidth={1.8} />
      <span className="icon-link-caption" aria-hidden="true">
        {label}
      </span>
    </NavLink>
  );
}
