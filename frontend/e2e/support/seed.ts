/**
 * The data every flow starts from, made through the API with unique names per run (so runs never
 * collide): an organisation with three inboxes, a calendar, two SLA policies, two campaigns, four
 * people and the conversations and escalations each flow works on; and, for the reports, an
 * organisation of its own with a one-minute first-response target.
 */
import { account, contactEmail, HANDOFF, must, type Json, type Person } from './api';

export interface Seed {
  run: string;
  org: Json;
  reports: { person: Person; org: Json; inbox: Json; late: { name: string; conversation: Json; escalation: Json }[]; seededAt: number };
  people: { olivia: Person; oscar: Person; adam: Person; sam: Person };
  campaigns: { renewals: Json; billingQuestions: Json };
  inboxes: { serviceDesk: Json; billing: Json; returns: Json };
  calendar: Json;
  conversations: { grace: Json; alan: Json };
  claimable: { name: string; escalation: Json; conversation: Json }[];
  returned: { name: string; conversation: Json }[];
}

export async function seed(): Promise<Seed> {
  const run = Date.now().toString(36);
  const password = 'e2e-password-2026';
  const olivia = await account(`olivia.${run}@e2e.example.com`, password, 'Olivia Owner');
  const oscar = await account(`oscar.${run}@e2e.example.com`, password, 'Oscar Owner');
  const adam = await account(`adam.${run}@e2e.example.com`, password, 'Adam Agent');
  // Signs in nowhere: the new-user flow adds him to a second organisation (the others must keep exactly one).
  const sam = await account(`sam.${run}@e2e.example.com`, password, 'Sam Supervisor');
  const T = { token: olivia.token };
  const org = await must('POST', '/orgs', { ...T, json: { name: `E2E Support ${run}` } });
  const o = `/orgs/${org.id}`;
  for (const person of [oscar, adam]) {
    await must('POST', `${o}/members`, { ...T, json: { email: person.email, role: 'agent' } });
  }
  await must('POST', `${o}/members`, { ...T, json: { email: sam.email, role: 'supervisor' } });
  const renewals = await must('POST', `${o}/campaigns`, { ...T, json: { name: 'Winter renewals' } });
  const billingQuestions = await must('POST', `${o}/campaigns`, { ...T, json: { name: 'Billing questions' } });

  const calendar = await must('POST', `${o}/calendars`, {
    ...T,
    json: {
      name: 'London office',
      time_zone: 'Europe/London',
      intervals: [
        ...[0, 1, 2, 3].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })),
        { weekday: 4, start: '09:00', end: '13:00' },
        { weekday: 4, start: '14:00', end: '17:30' },
        { weekday: 4, start: '22:00', end: '02:00' },
      ],
      holidays: [{ date: '2026-12-24', name: 'Office closed' }],
      holiday_country: 'GB',
      holiday_subdivision: 'ENG',
    },
  });
  const standard = await must('POST', `${o}/sla-policies`, {
    ...T,
    json: {
      name: 'Standard',
      calendar_id: calendar.id,
      targets: {
        normal: { first_response_minutes: 240, resolution_minutes: 2880 },
        high: { first_response_minutes: 60, resolution_minutes: 960 },
        urgent: { first_response_minutes: 30, resolution_minutes: 480 },
        critical: { first_response_minutes: 15, resolution_minutes: 240 },
      },
      warnings_minutes: [30, 5],
      pause_while_awaiting_contact: true,
      is_default: true,
    },
  });
  await must('POST', `${o}/sla-policies`, {
    ...T,
    json: {
      name: 'Around the clock',
      calendar_id: null,
      targets: { critical: { first_response_minutes: 10, resolution_minutes: 120 } },
    },
  });

  const inbox = (name: string, owners: Person[], extra: Record<string, unknown> = {}) =>
    must('POST', `${o}/inboxes`, {
      ...T,
      json: { name, owner_ids: owners.map((p) => p.id), assignment_duration_minutes: 30, ...extra },
    });
  const serviceDesk = await inbox('Service desk', [olivia, oscar], {
    description: 'Service problems the agents cannot solve alone',
    batch_size: 2,
    default_priority: 'high',
    sla_policy_id: standard.id,
  });
  const billing = await inbox('Billing', [olivia], { batch_size: 5 });
  const returns = await inbox('Returns', [olivia], { batch_size: 5 });

  const start = (campaign: Json, name: string, body: string, assignee?: Person) =>
    must('POST', `${o}/conversations`, {
      ...T,
      json: {
        campaign_id: campaign.id,
        contact: { name, email: contactEmail(name) },
        channel: 'email',
        ...(assignee ? { assignee_id: assignee.id } : {}),
        message: { body },
      },
    });
  const escalate = (conversation: Json, into: Json, priority: string, reason: string, category = 'service') =>
    must('POST', `${o}/conversations/${conversation.id}/escalate`, {
      ...T,
      json: { inbox_id: into.id, priority, category, handoff: HANDOFF(reason) },
    });

  // The escalate flow: Adam's queue is Grace (older) then Alan.
  const grace = await start(renewals, 'Grace Hopper', 'My renewal price went up by 40% without notice. Why?', adam);
  const alan = await start(renewals, 'Alan Turing', 'Can I move my renewal date to January?', adam);
  const katherine = await start(billingQuestions, 'Katherine Johnson', 'Where is my refund?', adam);
  await must('POST', `${o}/conversations/${katherine.id}/messages`, {
    token: adam.token,
    json: { body: 'It was sent yesterday; it takes three working days.', direction: 'outbound' },
  });

  // The claims flow: four escalations in Service desk, one of each priority.
  const claimable: Seed['claimable'] = [];
  for (const [name, priority] of [
    ['Ada Lovelace', 'critical'],
    ['Barbara Liskov', 'urgent'],
    ['Edsger Dijkstra', 'high'],
    ['Margaret Hamilton', 'normal'],
  ]) {
    const conversation = await start(renewals, name, `${name}: the renewal failed twice.`);
    const { escalation } = await escalate(conversation, serviceDesk, priority, `${name} cannot renew; the payment fails.`);
    claimable.push({ name, escalation, conversation });
  }

  // The delete-inbox flow: three escalations in Returns, from "Billing questions".
  const returned: Seed['returned'] = [];
  for (const name of ['Dorothy Vaughan', 'Mary Jackson', 'Annie Easley']) {
    const conversation = await start(billingQuestions, name, `${name}: I want to return my order.`);
    await escalate(conversation, returns, 'normal', `${name} wants to return an order past the deadline.`, 'accounting');
    returned.push({ name, conversation });
  }

  // The reports: an organisation of its own (so no other flow sees its notifications) with a
  // one-minute first-response target, so that by the reports flow both escalations are late.
  const rita = await account(`rita.${run}@e2e.example.com`, password, 'Rita Reports');
  const R = { token: rita.token };
  const reportsOrg = await must('POST', '/orgs', { ...R, json: { name: `E2E Reports ${run}` } });
  const r = `/orgs/${reportsOrg.id}`;
  const offers = await must('POST', `${r}/campaigns`, { ...R, json: { name: 'Spring offers' } });
  const oneMinute = await must('POST', `${r}/sla-policies`, {
    ...R,
    json: {
      name: 'One minute',
      calendar_id: null,
      targets: {
        normal: { first_response_minutes: 1, resolution_minutes: 600 },
        high: { first_response_minutes: 1, resolution_minutes: 600 },
      },
      is_default: true,
    },
  });
  const lateDesk = await must('POST', `${r}/inboxes`, {
    ...R,
    json: { name: 'Late desk', owner_ids: [rita.id], sla_policy_id: oneMinute.id },
  });
  const late: Seed['reports']['late'] = [];
  for (const [name, priority] of [
    ['Lise Meitner', 'normal'],
    ['Emmy Noether', 'high'],
  ]) {
    const conversation = await must('POST', `${r}/conversations`, {
      ...R,
      json: {
        campaign_id: offers.id,
        contact: { name, email: contactEmail(name) },
        channel: 'email',
        message: { body: `${name}: the offer code does not work.` },
      },
    });
    const { escalation } = await must('POST', `${r}/conversations/${conversation.id}/escalate`, {
      ...R,
      json: { inbox_id: lateDesk.id, priority, category: 'service', handoff: HANDOFF(`${name} cannot use the offer code.`) },
    });
    late.push({ name, conversation, escalation });
  }

  return {
    run,
    org,
    reports: { person: rita, org: reportsOrg, inbox: lateDesk, late, seededAt: Date.now() },
    people: { olivia, oscar, adam, sam },
    campaigns: { renewals, billingQuestions },
    inboxes: { serviceDesk, billing, returns },
    calendar,
    conversations: { grace, alan },
    claimable,
    returned,
  };
}
