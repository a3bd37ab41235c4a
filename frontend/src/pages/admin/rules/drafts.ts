/**
 * The rule editor's drafts: flat rows of strings that the form edits, converted to and from the
 * API's JSON (conditions combined with all/any, each optionally negated; a list of actions).
 * Conditions nested deeper than that are edited as JSON (see `isFlat`).
 */

export type Json = Record<string, unknown>;

export const CONDITION_TYPES = {
  keywords: 'Message contains any of',
  regex: 'Message matches pattern',
  channel: 'Channel is one of',
  campaign: 'Campaign is',
  contact_attribute: 'Contact attribute',
  priority: 'Priority',
  category: 'Category is one of',
  escalation_level: 'Escalation level',
  business_hours: 'Business hours',
} as const;
export type ConditionType = keyof typeof CONDITION_TYPES;

export const ACTION_TYPES = {
  escalate: 'Escalate into inbox',
  set_priority: 'Set priority',
  set_category: 'Set category',
  add_tag: 'Add tag',
  move_to_inbox: 'Move to inbox',
  notify: 'Notify',
  require_approval: 'Require approval',
  stop: 'Stop processing further rules',
} as const;
export type ActionType = keyof typeof ACTION_TYPES;

export const OPS = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;

export interface ConditionDraft {
  type: ConditionType;
  negate: boolean;
  /** keywords / channels / categories (comma-separated), pattern, campaign, calendar or value */
  text: string;
  key: string;
  op: string;
  within: boolean;
}

export interface ActionDraft {
  type: ActionType;
  /** inbox id, priority, category, tag, or the notify target's value */
  value: string;
  priority: string;
  note: string;
  allowLower: boolean;
  target: 'member' | 'role' | 'slack';
}

export function newCondition(type: ConditionType = 'keywords'): ConditionDraft {
  return { type, negate: false, text: '', key: '', op: type === 'contact_attribute' ? 'eq' : 'gte', within: true };
}

export function newAction(type: ActionType = 'add_tag'): ActionDraft {
  return { type, value: '', priority: '', note: '', allowLower: false, target: 'member' };
}

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** A typed attribute value: numbers and booleans as such, anything else a string. */
export function typedValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed.replace(/^"(.*)"$/, '$1');
}

export function conditionJson(draft: ConditionDraft): Json {
  const leaf = ((): Json => {
    switch (draft.type) {
      case 'keywords':
      case 'channel':
      case 'category':
        return { type: draft.type, any_of: list(draft.text) };
      case 'campaign':
        return { type: 'campaign', any_of: [draft.text] };
      case 'regex':
        return { type: 'regex', pattern: draft.text };
      case 'contact_attribute':
        return draft.op === 'exists' || draft.op === 'missing'
          ? { type: draft.type, key: draft.key.trim(), op: draft.op }
          : { type: draft.type, key: draft.key.trim(), op: draft.op, value: typedValue(draft.text) };
      case 'priority':
        return { type: 'priority', op: draft.op, value: draft.text || 'high' };
      case 'escalation_level':
        return { type: 'escalation_level', op: draft.op, value: Number(draft.text) || 1 };
      case 'business_hours':
        return { type: 'business_hours', calendar_id: draft.text, within: draft.within };
    }
  })();
  return draft.negate ? { type: 'not', condition: leaf } : leaf;
}

export function conditionsJson(mode: 'all' | 'any', drafts: ConditionDraft[]): Json {
  if (mode === 'any' && drafts.length === 0) return { type: 'all', conditions: [] };
  return { type: mode, conditions: drafts.map(conditionJson) };
}

const LEAVES = new Set(Object.keys(CONDITION_TYPES));

/** Whether the form can show these conditions as rows (else they are edited as JSON). */
export function isFlat(node: Json): boolean {
  if (node.type !== 'all' && node.type !== 'any') return false;
  return (node.conditions as Json[]).every((c) => {
    const leaf = c.type === 'not' ? (c.condition as Json) : c;
    return LEAVES.has(String(leaf.type));
  });
}

export function conditionDraft(node: Json): ConditionDraft {
  const negate = node.type === 'not';
  const leaf = negate ? (node.condition as Json) : node;
  const type = leaf.type as ConditionType;
  const draft = { ...newCondition(type), negate };
  const anyOf = (leaf.any_of as string[] | undefined) ?? [];
  switch (type) {
    case 'keywords':
    case 'channel':
    case 'category':
      return { ...draft, text: anyOf.join(', ') };
    case 'campaign':
      return { ...draft, text: anyOf[0] ?? '' };
    case 'regex':
      return { ...draft, text: String(leaf.pattern ?? '') };
    case 'contact_attribute':
      return { ...draft, key: String(leaf.key), op: String(leaf.op), text: leaf.value === undefined || leaf.value === null ? '' : String(leaf.value) };
    case 'priority':
    case 'escalation_level':
      return { ...draft, op: String(leaf.op), text: String(leaf.value) };
    case 'business_hours':
      return { ...draft, text: String(leaf.calendar_id), within: leaf.within !== false };
  }
}

export function actionJson(draft: ActionDraft): Json {
  switch (draft.type) {
    case 'escalate':
      return {
        type: 'escalate',
        inbox_id: draft.value,
        ...(draft.priority ? { priority: draft.priority } : {}),
        ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      };
    case 'set_priority':
      return { type: 'set_priority', priority: draft.value || 'high', allow_lower: draft.allowLower };
    case 'set_category':
      return { type: 'set_category', category: draft.value.trim() };
    case 'add_tag':
      return { type: 'add_tag', tag: draft.value.trim() };
    case 'move_to_inbox':
      return { type: 'move_to_inbox', inbox_id: draft.value };
    case 'notify': {
      const target =
        draft.target === 'member'
          ? { type: 'member', user_id: draft.value }
          : draft.target === 'role'
            ? { type: 'role', role: draft.value || 'supervisor' }
            : { type: 'slack', url: draft.value.trim() };
      return { type: 'notify', target, ...(draft.note.trim() ? { message: draft.note.trim() } : {}) };
    }
    case 'require_approval':
    case 'stop':
      return { type: draft.type };
  }
}

export function actionDraft(node: Json): ActionDraft {
  const type = node.type as ActionType;
  const draft = newAction(type);
  switch (type) {
    case 'escalate':
      return { ...draft, value: String(node.inbox_id), priority: String(node.priority ?? ''), note: String(node.note ?? '') };
    case 'set_priority':
      return { ...draft, value: String(node.priority), allowLower: Boolean(node.allow_lower) };
    case 'set_category':
      return { ...draft, value: String(node.category) };
    case 'add_tag':
      return { ...draft, value: String(node.tag) };
    case 'move_to_inbox':
      return { ...draft, value: String(node.inbox_id) };
    case 'notify': {
      const target = node.target as Json;
      const kind = target.type as ActionDraft['target'];
      const value = kind === 'member' ? target.user_id : kind === 'role' ? target.role : target.url;
      return { ...draft, target: kind, value: String(value), note: String(node.message ?? '') };
    }
    default:
      return draft;
  }
}

/** One line per condition and action, for the list. */
export function describeConditions(node: Json, names: Map<string, string> = new Map()): string {
  const type = String(node.type);
  if (type === 'all' || type === 'any') {
    const parts = (node.conditions as Json[]).map((c) => describeConditions(c, names));
    if (parts.length === 0) return 'Always';
    return parts.join(type === 'all' ? ' and ' : ' or ');
  }
  if (type === 'not') return `not (${describeConditions(node.condition as Json, names)})`;
  if (type === 'campaign') {
    return `campaign is ${((node.any_of as string[]) ?? []).map((id) => names.get(id) ?? id).join(', ')}`;
  }
  if (type === 'keywords') return `message mentions ${(node.any_of as string[]).map((k) => `“${k}”`).join(', ')}`;
  if (type === 'regex') return `message matches /${String(node.pattern)}/`;
  if (type === 'contact_attribute') {
    const op = OPS[node.op as keyof typeof OPS] ?? String(node.op);
    return node.value === undefined ? `contact ${String(node.key)} ${op}` : `contact ${String(node.key)} ${op} ${JSON.stringify(node.value)}`;
  }
  if (type === 'priority' || type === 'escalation_level') {
    return `${type.replace('_', ' ')} ${OPS[node.op as keyof typeof OPS]} ${String(node.value)}`;
  }
  if (type === 'business_hours') return node.within === false ? 'outside business hours' : 'within business hours';
  return `${type} is ${((node.any_of as string[]) ?? []).join(', ')}`;
}
