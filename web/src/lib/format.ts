import type { ChannelKind } from './channel-kind';

export const CHANNEL_NAME: Record<ChannelKind, string> = { instagram: 'Instagram', whatsapp: 'WhatsApp' };

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A list row's time: the hour today, the date before today. */
export function shortTime(ms: number, now = new Date()): string {
  const date = new Date(ms);
  return sameDay(date, now) ? time.format(date) : day.format(date);
}

/** A message's time in the thread: the hour today, date and hour before. */
export function messageTime(ms: number, now = new Date()): string {
  const date = new Date(ms);
  return sameDay(date, now) ? time.format(date) : dayAndTime.format(date);
}

/** An exact time for tooltips and the reply window notice, with its zone so nobody has to guess. */
const withZone = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

export function fullTime(ms: number): string {
  return withZone.format(new Date(ms));
}

/** A username as shown: one "@" in front, whether or not Meta's value already starts with one. */
export function handleOf(username: string): string {
  return `@${username.replace(/^@+/, '')}`;
}
