import * as RadioGroupPrimitive from '@radix-ui/react-radio-group';
import { useId, type ReactNode } from 'react';
import { cx } from './cx';

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
}

export interface RadioGroupProps<V extends string> {
  /** The group's accessible name, shown as its legend. */
  label: string;
  value: V;
  onValueChange: (value: V) => void;
  options: ReadonlyArray<RadioOption<V>>;
  orientation?: 'horizontal' | 'vertical';
  disabled?: boolean;
  error?: string;
  className?: string;
}

/** A single choice among a few options (`role="radiogroup"` of `role="radio"`), arrow keys move between them. */
export function RadioGroup<V extends string>({
  label,
  value,
  onValueChange,
  options,
  orientation = 'horizontal',
  disabled,
  error,
  className,
}: RadioGroupProps<V>) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <RadioGroupPrimitive.Root
        className={cx('radio-group', `radio-group-${orientation}`)}
        value={value}
        onValueChange={(next) => onValueChange(next as V)}
        orientation={orientation}
        disabled={disabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={errorId}
      >
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const descriptionId = option.description ? `${optionId}-description` : undefined;
          return (
            <div className="radio-option" key={option.value}>
              <RadioGroupPrimitive.Item
                className="radio"
                value={option.value}
                id={optionId}
                aria-describedby={descriptionId}
              >
                <RadioGroupPrimitive.Indicator className="radio-indicator" />
              </RadioGroupPrimitive.Item>
              <div className="radio-text">
                <label className="radio-label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.description && (
                  <span className="radio-description" id={descriptionId}>
                    {option.description}
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </RadioGroupPrimitive.Root>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
