import { ChevronRight } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import '../settings.css';

export interface SettingsLinkItem {
  to: string;
  /** The link's whole accessible name. */
  label: string;
  description: string;
  icon: ReactNode;
  badge?: string;
}

/** A list of settings sections; each row is one link named only by its label, described by its line of text. */
export function SettingsLinks({ items, label }: { items: SettingsLinkItem[]; label: string }) {
  const baseId = useId();
  return (
    <ul className="settings-links" aria-label={label}>
      {items.map((item, index) => {
        const descriptionId = `${baseId}-${index}`;
        return (
          <li key={item.to} className="settings-link">
            <span className="settings-link-icon">{item.icon}</span>
            <span className="settings-link-text">
              <Link to={item.to} aria-describedby={descriptionId} className="settings-link-anchor">
                {item.label}
              </Link>
              <span className="settings-link-description" id={descriptionId}>
                {item.description}
              </span>
            </span>
            {item.badge && <span className="badge">{item.badge}</span>}
            <ChevronRight className="settings-link-chevron" aria-hidden="true" size={18} />
          </li>
        );
      })}
    </ul>
  );
}
