import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../lib/use-page-title';
import { cx } from '../ui/cx';

export interface Crumb {
  label: string;
  to: string;
}

export interface PageProps {
  title: string;
  /** The way up to this page, outermost first (the page itself is not repeated). */
  breadcrumbs?: Crumb[];
  /** Line under the heading. */
  description?: ReactNode;
  /** Shown before the heading, e.g. a Back button. */
  leading?: ReactNode;
  /** Buttons at the heading's end. */
  actions?: ReactNode;
  children?: ReactNode;
  width?: 'narrow' | 'wide' | 'full';
  className?: string;
}

/** A main-area page: its <h1> (focused after navigation, so keyboard and screen-reader users land on it) and content. */
export function Page({ title, breadcrumbs, description, leading, actions, children, width = 'narrow', className }: PageProps) {
  usePageTitle(title);
  return (
    <div className={cx('page', `page-${width}`, className)}>
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <ol>
            {breadcrumbs.map((crumb) => (
              <li key={crumb.to}>
                <Link to={crumb.to}>{crumb.label}</Link>
                <ChevronRight aria-hidden="true" size={14} />
              </li>
            ))}
          </ol>
        </nav>
      )}
      <header className="page-header">
        {leading && <div className="page-leading">{leading}</div>}
        <div className="page-heading">
          <h1 tabIndex={-1} data-page-heading="">
            {title}
          </h1>
          {description && <p className="page-description">{description}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </div>
  );
}
