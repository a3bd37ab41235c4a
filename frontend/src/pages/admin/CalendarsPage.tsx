import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCalendars, useDeadline, useDeleteCalendar, useSaveCalendar } from '../../api/queries/sla';
import { errorMessage, fieldErrors } from '../../api/problem';
import type { Calendar, CalendarCreate, Interval } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { SelectField, TextField } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/time';
import { EditorForm } from '../../components/EditorForm';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Ends at or before its start (and not at 24:00): the interval runs past midnight. */
export function isOvernight(interval: Pick<Interval, 'start' | 'end'>): boolean {
  return interval.end !== '24:00' && interval.end <= interval.start;
}

/** "Mon–Fri 09:00–17:00; Sat 10:00–14:00" — days with the same hours run together. */
export function summariseIntervals(intervals: Interval[]): string {
  const byDay = WEEKDAYS.map((_, day) =>
    intervals
      .filter((i) => i.weekday === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((i) => `${i.start}–${i.end}${isOvernight(i) ? ' (overnight)' : ''}`)
      .join(', '),
  );
  const parts: string[] = [];
  let day = 0;
  while (day < 7) {
    if (!byDay[day]) {
      day += 1;
      continue;
    }
    let last = day;
    while (last + 1 < 7 && byDay[last + 1] === byDay[day]) last += 1;
    parts.push(`${SHORT_DAYS[day]}${last > day ? `–${SHORT_DAYS[last]}` : ''} ${byDay[day]}`);
    day = last + 1;
  }
  return parts.join('; ') || 'Never open';
}

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** Admin → Calendars: business hours per time zone, holidays, and a deadline calculator. */
export function CalendarsPage() {
  const { orgId, org } = useOrg();
  const calendars = useCalendars(orgId);
  const remove = useDeleteCalendar(orgId);
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
  const items = calendars.data ?? [];

  return (
    <section aria-labelledby="calendars-heading">
      <div className="section-head">
        <h2 id="calendars-heading">Business calendars</h2>
        {editing !== 'new' ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New calendar
          </button>
        ) : null}
      </div>
      <p className="muted">
        SLA deadlines count business minutes: time inside the opening hours, in the calendar’s time zone, on days that
        are not holidays.
      </p>
      {editing ? (
        <CalendarForm
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setRowError(null);
            setStatus(created ? `Calendar “${saved.name}” created.` : `Calendar “${saved.name}” saved.`);
          }}
        />
      ) : null}
      <LiveStatus message={status} />
      {rowError ? <ProblemMessage error={rowError} /> : null}
      {calendars.data ? null : <LoadState query={calendars} label="Loading calendars…" />}
      {calendars.data && calendars.error ? <ProblemMessage error={calendars.error} /> : null}
      {calendars.data && items.length === 0 ? (
        <EmptyState title="No calendars yet">
          <p>Without one, SLA policies run around the clock.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Business calendars of {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Calendar</th>
                <th scope="col">Opening hours</th>
                <th scope="col" className="hide-narrow">
                  Holidays
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((calendar) => (
                <tr key={calendar.id}>
                  <th scope="row">
                    <span className="member-name">{calendar.name}</span>
                    <span className="member-email">{calendar.time_zone}</span>
                  </th>
                  <td>{summariseIntervals(calendar.intervals)}</td>
                  <td className="hide-narrow">
                    {calendar.holiday_country
                      ? `Public holidays of ${calendar.holiday_country}${calendar.holiday_subdivision ? `-${calendar.holiday_subdivision}` : ''}`
                      : 'No public holidays'}
                    {calendar.holidays.length ? `, plus ${calendar.holidays.length} own` : ''}
                  </td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      <button type="button" className="button secondary small" onClick={() => setEditing(calendar)}>
                        Edit{' '}<span className="visually-hidden">{calendar.name}</span>
                      </button>
                      <ConfirmButton
                        label="Delete"
                        question={`Delete the calendar “${calendar.name}”?`}
                        confirmLabel="Delete calendar"
                        busy={remove.isPending && remove.variables?.calendarId === calendar.id}
                        onConfirm={() =>
                          remove.mutate({ calendarId: calendar.id, version: calendar.updated_at }, {
                            onSuccess: () => {
                              setRowError(null);
                              setStatus(`Calendar “${calendar.name}” deleted.`);
                            },
                            onError: (error) => {
                              setStatus(`Could not delete “${calendar.name}”: ${errorMessage(error)}`);
                              setRowError(error);
                            },
                          })
                        }
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items.length > 0 ? <DeadlineCalculator calendars={items} /> : null}
    </section>
  );
}

interface IntervalRow extends Interval {
  key: number;
}

interface HolidayRow {
  key: number;
  date: string;
  name: string;
}

let rowKey = 0;
const nextKey = () => (rowKey += 1);

function CalendarForm({
  calendar,
  onCancel,
  onSaved,
}: {
  calendar: Calendar | undefined;
  onCancel: () => void;
  onSaved: (calendar: Calendar, created: boolean) => void;
}) {
  const { orgId } = useOrg();
  const save = useSaveCalendar(orgId);
  const formRef = useRef<HTMLFormElement>(null);
  const zonesId = useId();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const [intervals, setIntervals] = useState<IntervalRow[]>(() =>
    calendar
      ? calendar.intervals.map((i) => ({ ...i, key: nextKey() }))
      : [0, 1, 2, 3, 4].map((weekday) => ({ key: nextKey(), weekday, start: '09:00', end: '17:00' })),
  );
  const [holidays, setHolidays] = useState<HolidayRow[]>(() =>
    (calendar?.holidays ?? []).map((h) => ({ key: nextKey(), date: h.date, name: h.name ?? '' })),
  );
  const [country, setCountry] = useState(calendar?.holiday_country ?? '');
  const [subdivision, setSubdivision] = useState(calendar?.holiday_subdivision ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const server = fieldErrors(save.error);
  const errorsFor = (key: string) => localErrors[key] ?? server[key];
  const headingId = useId();

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const updateInterval = (key: number, change: Partial<Interval>) =>
    setIntervals((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const copyMondayToWeekdays = () =>
    setIntervals((rows) => {
      const monday = rows.filter((r) => r.weekday === 0);
      const rest = rows.filter((r) => r.weekday > 4);
      const copies = [1, 2, 3, 4].flatMap((weekday) => monday.map((r) => ({ ...r, weekday, key: nextKey() })));
      return [...monday, ...copies, ...rest];
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!name.trim()) errors.name = ['Give the calendar a name.'];
    if (!timeZone.trim()) errors.time_zone = ['Choose a time zone, e.g. Europe/London.'];
    if (intervals.length === 0) errors.intervals = ['Add at least one opening interval.'];
    intervals.forEach((row) => {
      if (!CLOCK.test(row.start)) errors[`interval-${row.key}-start`] = ['HH:MM, 00:00–23:59'];
      if (!END_CLOCK.test(row.end)) errors[`interval-${row.key}-end`] = ['HH:MM, 00:00–24:00'];
    });
    holidays.forEach((row) => {
      if (!row.date) errors[`holiday-${row.key}`] = ['Choose the date.'];
    });
    if (country && !/^[A-Z]{2}$/.test(country)) errors.holiday_country = ['Two capital letters, e.g. GB or US.'];
    if (subdivision && !country) errors.holiday_subdivision = ['Needs a country.'];
    else if (subdivision && !/^[A-Z0-9]{1,5}$/.test(subdivision)) errors.holiday_subdivision = ['Up to 5 letters or digits, e.g. ENG or CA.'];
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      save.reset();
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const body: CalendarCreate = {
      name: name.trim(),
      time_zone: timeZone.trim(),
      intervals: [...intervals]
        .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
        .map(({ weekday, start, end }) => ({ weekday, start, end })),
      holidays: holidays.map((h) => ({ date: h.date, ...(h.name.trim() ? { name: h.name.trim() } : {}) })),
      holiday_country: country || null,
      holiday_subdivision: subdivision || null,
    };
    save.mutate(calendar ? { calendarId: calendar.id, version: calendar.updated_at, body } : { body }, { onSuccess: (saved) => onSaved(saved, !calendar) });
  };

  const zones = timeZones();

  return (
    <EditorForm
      ref={formRef}
      headingId={headingId}
      heading={calendar ? `Edit “${calendar.name}”` : 'New calendar'}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField label="Name" name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} errors={errorsFor('name')} />
        <TextField
          label="Time zone"
          name="time_zone"
          required
          list={zonesId}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          hint="An IANA name such as Europe/London or America/New_York; summer time is followed."
          errors={errorsFor('time_zone')}
        />
        <datalist id={zonesId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>

      <fieldset className="week-editor">
        <legend>Opening hours</legend>
        <p className="field-hint">
          Several intervals a day are fine. An interval that ends at or before its start runs overnight into the next
          day; 24:00 ends at midnight.
        </p>
        {errorsFor('intervals') ? <p className="field-error">{errorsFor('intervals')!.join(' ')}</p> : null}
        <div className="week-grid">
          {WEEKDAYS.map((day, weekday) => {
            const rows = intervals.filter((r) => r.weekday === weekday);
            return (
              <div key={day} className="week-day" role="group" aria-label={day}>
                <p className="week-day-name">{day}</p>
                <div className="week-day-intervals">
                  {rows.length === 0 ? <span className="muted">Closed</span> : null}
                  {rows.map((row) => {
                    const startErr = localErrors[`interval-${row.key}-start`];
                    const endErr = localErrors[`interval-${row.key}-end`];
                    const overnight = CLOCK.test(row.start) && END_CLOCK.test(row.end) && isOvernight(row);
                    return (
                      <div key={row.key} className="interval-row">
                        <label className="visually-hidden" htmlFor={`start-${row.key}`}>
                          {day} opens at
                        </label>
                        <input
                          id={`start-${row.key}`}
                          className="clock-input"
                          value={row.start}
                          inputMode="numeric"
                          placeholder="09:00"
                          maxLength={5}
                          aria-invalid={startErr ? true : undefined}
                          onChange={(e) => updateInterval(row.key, { start: e.target.value })}
                        />
                        <span aria-hidden="true">–</span>
                        <label className="visually-hidden" htmlFor={`end-${row.key}`}>
                          {day} closes at
                        </label>
                        <input
                          id={`end-${row.key}`}
                          className="clock-input"
                          value={row.end}
                          inputMode="numeric"
                          placeholder="17:00"
                          maxLength={5}
                          aria-invalid={endErr ? true : undefined}
                          aria-describedby={overnight ? `overnight-${row.key}` : undefined}
                          onChange={(e) => updateInterval(row.key, { end: e.target.value })}
                        />
                        {overnight ? (
                          <span id={`overnight-${row.key}`} className="badge badge-info">
                            overnight, until {row.end} on {WEEKDAYS[(weekday + 1) % 7]}
                          </span>
                        ) : null}
                        {startErr || endErr ? <span className="field-error">{[...(startErr ?? []), ...(endErr ?? [])].join('; ')}</span> : null}
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => setIntervals((all) => all.filter((r) => r.key !== row.key))}
                        >
                          Remove{' '}<span className="visually-hidden">{day} {row.start}–{row.end}</span>
                        </button>
                      </div>
                    );
                  })}
                </div>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => setIntervals((all) => [...all, { key: nextKey(), weekday, start: '09:00', end: '17:00' }])}
                >
                  Add interval{' '}<span className="visually-hidden">on {day}</span>
                </button>
              </div>
            );
          })}
        </div>
        <button type="button" className="button secondary small" onClick={copyMondayToWeekdays}>
          Copy Monday to Tuesday–Friday
        </button>
      </fieldset>

      <fieldset className="holiday-editor">
        <legend>Holidays</legend>
        <p className="field-hint">A holiday closes its whole date. Add your own, and/or follow a country’s public holidays.</p>
        <div className="form-grid">
          <TextField
            label="Public holidays of country (optional)"
            name="holiday_country"
            maxLength={2}
            placeholder="GB"
            value={country}
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
            hint="ISO 3166 code, e.g. GB, US, DE."
            errors={errorsFor('holiday_country')}
          />
          <TextField
            label="Subdivision (optional)"
            name="holiday_subdivision"
            maxLength={5}
            placeholder="ENG"
            value={subdivision}
            onChange={(e) => setSubdivision(e.target.value.toUpperCase())}
            hint="e.g. ENG, SCT, CA, NY."
            errors={errorsFor('holiday_subdivision')}
          />
        </div>
        {holidays.length ? (
          <ul className="holiday-list">
            {holidays.map((row) => (
              <li key={row.key} className="interval-row">
                <label htmlFor={`holiday-date-${row.key}`} className="visually-hidden">
                  Holiday date
                </label>
                <input
                  id={`holiday-date-${row.key}`}
                  type="date"
                  value={row.date}
                  aria-invalid={localErrors[`holiday-${row.key}`] ? true : undefined}
                  onChange={(e) => setHolidays((all) => all.map((h) => (h.key === row.key ? { ...h, date: e.target.value } : h)))}
                />
                <label htmlFor={`holiday-name-${row.key}`} className="visually-hidden">
                  Holiday name
                </label>
                <input
                  id={`holiday-name-${row.key}`}
                  placeholder="Name (optional)"
                  maxLength={200}
                  value={row.name}
                  onChange={(e) => setHolidays((all) => all.map((h) => (h.key === row.key ? { ...h, name: e.target.value } : h)))}
                />
                {localErrors[`holiday-${row.key}`] ? <span className="field-error">Choose the date.</span> : null}
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => setHolidays((all) => all.filter((h) => h.key !== row.key))}
                >
                  Remove{' '}<span className="visually-hidden">holiday {row.date}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button
          type="button"
          className="button secondary small"
          onClick={() => setHolidays((all) => [...all, { key: nextKey(), date: '', name: '' }])}
        >
          Add holiday
        </button>
      </fieldset>

      {Object.keys(localErrors).length ? (
        <p className="problem" role="alert">
          Please correct the highlighted fields.
        </p>
      ) : null}
      <ProblemMessage error={save.error} fields={['name', 'time_zone', 'holiday_country', 'holiday_subdivision']} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : calendar ? 'Save calendar' : 'Create calendar'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </EditorForm>
  );
}

/** "2026-12-01T09:30" in the browser's zone (what datetime-local inputs hold). */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function inZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return formatDateTime(iso);
  }
}

/** GET …/calendars/{id}/deadline: when N business minutes after a start will have passed. */
function DeadlineCalculator({ calendars }: { calendars: Calendar[] }) {
  const { orgId } = useOrg();
  const deadline = useDeadline(orgId);
  const [calendarId, setCalendarId] = useState(calendars[0]?.id ?? '');
  const [start, setStart] = useState(() => localInputValue(new Date()));
  const [minutes, setMinutes] = useState('240');
  const [localError, setLocalError] = useState<Record<string, string[]>>({});
  const calendar = calendars.find((c) => c.id === calendarId) ?? calendars[0];
  const server = fieldErrors(deadline.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    const when = new Date(start);
    if (!start || Number.isNaN(when.getTime())) errors.start = ['Choose a start date and time.'];
    if (!/^\d+(\.\d+)?$/.test(minutes.trim())) errors.minutes = ['A number of minutes, 0 or more.'];
    setLocalError(errors);
    if (Object.keys(errors).length || !calendar) return;
    deadline.mutate({ calendarId: calendar.id, start: when.toISOString(), minutes: Number(minutes) });
  };

  const result = deadline.data;
  const resultCalendar = calendars.find((c) => c.id === deadline.variables?.calendarId);
  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="deadline-heading">
      <h3 id="deadline-heading">Deadline calculator</h3>
      <p className="muted">When will a number of business minutes have passed?</p>
      <div className="inline-form">
        <SelectField label="Calendar" name="calendar" value={calendar?.id ?? ''} onChange={(e) => setCalendarId(e.target.value)}>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Start (your time)"
          name="start"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          errors={localError.start ?? server.start}
        />
        <TextField
          label="Business minutes"
          name="minutes"
          type="number"
          min={0}
          inputMode="numeric"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          errors={localError.minutes ?? server.minutes}
        />
        <button type="submit" className="button primary" disabled={deadline.isPending}>
          {deadline.isPending ? 'Calculating…' : 'Calculate'}
        </button>
      </div>
      <ProblemMessage error={deadline.error} fields={['start', 'minutes']} />
      <LiveStatus
        className="deadline-result"
        message={
          result && resultCalendar
            ? `${result.minutes} business minutes after ${formatDateTime(result.start)} on “${resultCalendar.name}”: due ${formatDateTime(result.due_at)} your time (${inZone(result.due_at, resultCalendar.time_zone)} in ${resultCalendar.time_zone}).`
            : ''
        }
      />
    </form>
  );
}
