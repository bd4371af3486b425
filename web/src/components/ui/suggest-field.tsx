import { useId, type ComponentProps } from 'react';
import { cx } from './cx';

export interface SuggestFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'list'> {
  label: string;
  /** Offered as the person types; any other value can still be typed. */
  suggestions: string[];
}

/**
 * A text field that suggests values (the browser's own list, `role="combobox"`): free text with
 * the known values a keystroke away, usable by keyboard and screen reader without extra code.
 */
export function SuggestField({ label, suggestions, className, ...rest }: SuggestFieldProps) {
  const id = useId();
  const listId = `${id}-suggestions`;
  return (
    <div className={cx('field', className)}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input {...rest} id={id} type="text" list={listId} className="field-input" autoComplete="off" />
      <datalist id={listId}>
        {suggestions.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
    </div>
  );
}
