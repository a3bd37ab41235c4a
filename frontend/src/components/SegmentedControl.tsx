import type { ReactNode } from 'react';

interface Props<T extends string | number> {
  legend: string;
  /** The radio group's `name`. */
  name: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** What a segment shows; may include extra content such as a count. */
  label: (value: T) => ReactNode;
  'aria-describedby'?: string;
  /** Extra classes beside `segmented`, for a placement of its own. */
  className?: string;
}

/** A filter picked from a few choices: radio buttons styled as one row of segments. */
export function SegmentedControl<T extends string | number>({
  legend,
  name,
  options,
  value,
  onChange,
  label,
  'aria-describedby': describedBy,
  className,
}: Props<T>) {
  return (
    <fieldset className={className ? `segmented ${className}` : 'segmented'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {options.map((option) => {
        const selected = option === value;
        return (
          <label key={option} className={selected ? 'segment selected' : 'segment'}>
            <input type="radio" name={name} value={option} checked={selected} onChange={() => onChange(option)} />
            {label(option)}
          </label>
        );
      })}
    </fieldset>
  );
}
