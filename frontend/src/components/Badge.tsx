import type { ReactNode } from 'react';

type Tone = 'neutral' | 'info' | 'warn' | 'ok' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const CHANNEL_LABELS: Record<string, string> = {
  sms: 'SMS',
  email: 'Email',
  chat: 'Chat',
  whatsapp: 'WhatsApp',
  voice: 'Voice',
  social: 'Social',
  other: 'Other',
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}
