import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import { fullTime } from '../../../lib/format';
import { useAdvanceTime, useSandboxClock } from '../api/advance-time';

/**
 * **Advance time** by hours or days: Braid's clock and the simulated platform's move together, so
 * a 24-hour window or Instagram's 7 days for human agents can be shown closing in a demo.
 */
export function AdvanceTimePanel() {
  const clock = useSandboxClock();
  const advance = useAdvanceTime();
  const notify = useNotify();
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<'hours' | 'days'>('days');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(amount);
    if (!Number.isInteger(value) || value < 1) {
      setError('Give a whole number of hours or days, 1 or more.');
      return;
    }
    setError(null);
    advance.mutate(
      { [unit]: value },
      {
        onSuccess: (data) => notify({ message: `Time advanced by ${value} ${value === 1 ? unit.slice(0, -1) : unit}: it is now ${fullTime(data.now)}.` }),
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  return (
    <section className="sbx-network" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Time</h2>
      <p className="sbx-muted">{clock.data ? `Now: ${fullTime(clock.data.now)}` : 'Reading the clock…'}</p>
      <form className="sbx-failures" onSubmit={submit} aria-label="Advance time">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-amount`}>
            Advance by
          </label>
          <input id={`${id}-amount`} className="field-input" type="number" min={1} step={1} value={amount} onChange={(event) => setAmount(event.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-unit`}>
            Unit
          </label>
          <select id={`${id}-unit`} className="field-input" value={unit} onChange={(event) => setUnit(event.target.value as 'hours' | 'days')}>
            <option value="hours">Hours</option>
            <option value="days">Days</option>
          </select>
        </div>
        <Button type="submit" variant="secondary" pending={advance.isPending}>
          Advance time
        </Button>
      </form>
      <FormError>{error}</FormError>
    </section>
  );
}
