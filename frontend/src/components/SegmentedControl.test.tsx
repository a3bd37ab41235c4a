import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SegmentedControl } from './SegmentedControl';

const LABELS = { all: 'All', open: 'Open', closed: 'Closed' } as const;

describe('SegmentedControl', () => {
  it('renders a named radio group with the selected segment marked', () => {
    render(
      <SegmentedControl
        legend="State"
        name="state"
        options={['all', 'open', 'closed'] as const}
        value="open"
        onChange={() => {}}
        label={(value) => LABELS[value]}
      />,
    );
    const group = screen.getByRole('group', { name: 'State' });
    expect(group).toHaveClass('segmented');
    expect(group).not.toHaveAttribute('aria-describedby');
    const open = screen.getByRole('radio', { name: 'Open' });
    expect(open).toBeChecked();
    expect(open).toHaveAttribute('name', 'state');
    expect(open).toHaveAttribute('value', 'open');
    expect(open.closest('label')).toHaveClass('segment', 'selected');
    expect(screen.getByRole('radio', { name: 'All' }).closest('label')).toHaveAttribute('class', 'segment');
    expect(screen.getAllByRole('radio')).toHaveLength(3);
  });

  it('reports the picked value, and shows extra label content and a description', async () => {
    const onChange = vi.fn();
    render(
      <>
        <SegmentedControl
          legend="State"
          name="state"
          options={['all', 'open'] as const}
          value="all"
          onChange={onChange}
          label={(value) => (
            <>
              {LABELS[value]}
              <span className="segment-count"> (3)</span>
            </>
          )}
          aria-describedby="state-counts"
        />
        <p id="state-counts">3 open</p>
      </>,
    );
    expect(screen.getByRole('group', { name: 'State' })).toHaveAccessibleDescription('3 open');
    const open = screen.getByRole('radio', { name: /^Open/ });
    expect(open.closest('label')).toHaveTextContent('Open (3)');
    await userEvent.setup().click(open);
    expect(onChange).toHaveBeenCalledWith('open');
  });
});

describe('SegmentedControl with numbers and a class of its own', () => {
  it('keeps `segmented` beside the extra class and hands back numbers', async () => {
    const onChange = vi.fn();
    render(
      <SegmentedControl
        className="period-picker"
        legend="Period"
        name="days"
        options={[7, 30] as const}
        value={7}
        onChange={onChange}
        label={(n) => `${n} days`}
      />,
    );
    expect(screen.getByRole('group', { name: 'Period' })).toHaveAttribute('class', 'segmented period-picker');
    await userEvent.setup().click(screen.getByRole('radio', { name: '30 days' }));
    expect(onChange).toHaveBeenCalledWith(30);
  });
});
