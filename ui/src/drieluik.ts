// Pure helpers of the Drieluik screens (meetings, agenda, assessment, cases, actions),
// kept out of the components so they are tested without a browser: agenda order moves,
// the case transitions the server allows, due dates in Dutch calendar days, the
// assessment request body, participants per organisation and an agenda item's triage.
import { CASE_STATUSES, DECISION_KINDS, type Action, type CaseStatus, type Decision, type DecisionKind, type Outcome, type Participant } from './api/drieluik';

/// The agenda order (item ids) with `id` moved one place up (-1) or down (+1); null when
/// it cannot move that way (first item up, last item down, or not in the list).
export function moveInOrder(order: readonly number[], id: number, delta: -1 | 1): number[] | null {
  const i = order.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return null;
  const next = [...order];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/// The statuses a case may move to, as the server answered them (allowedTransitions),
/// in lifecycle order; codes the UI does not know are left out rather than guessed.
export function transitionChoices(allowed: readonly string[] | undefined): CaseStatus[] {
  return CASE_STATUSES.filter((s) => (allowed ?? []).includes(s));
}

/// Whether the transition to `to` needs a target case (merging).
export function transitionNeedsTarget(to: string): boolean {
  return to === 'merged';
}

/// Today's date in the Netherlands (YYYY-MM-DD), whatever the browser's zone.
export function dutchToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/// Whole calendar days from `from` to `to` (both YYYY-MM-DD); NaN for an unreadable date.
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/// The text of an action's due state: the server's dueState decides (its clock is the
/// one that counts); the number of days is counted from `today` for the wording.
/// Returns an i18n key and its parameters.
export function dueText(action: Pick<Action, 'dueDate' | 'dueState' | 'status'>, today: string): { key: string; params: Record<string, number> } {
  const days = daysBetween(today, action.dueDate);
  switch (action.dueState) {
    case 'overdue': {
      const late = Math.max(1, Number.isNaN(days) ? 1 : -days);
      return { key: late === 1 ? 'action.due.overdueOne' : 'action.due.overdue', params: { days: late } };
    }
    case 'due_today':
      return { key: 'action.due.today', params: {} };
    case 'due_soon':
      return { key: Number.isNaN(days) || days <= 0 ? 'action.due.soon' : days === 1 ? 'action.due.inOne' : 'action.due.inDays', params: { days } };
    case 'closed':
      return { key: `actionStatus.${action.status}`, params: {} };
    default:
      return { key: 'action.due.notDue', params: {} };
  }
}

/// What the assessment form holds: per decision kind whether it is chosen, its note and
/// (merging only) the target case.
export interface AssessmentForm {
  outcome: Outcome | '';
  reasoning: string;
  decisions: Partial<Record<DecisionKind, { note: string; caseId: string }>>;
}

/// The request body (AssessmentCreate) for the form, decisions in the order of
/// DECISION_KINDS; `index` gives each chosen kind's position in `decisions`, so the
/// server's pointers (/decisions/2/caseId) lead back to that kind's controls.
export function assessmentBody(form: AssessmentForm): { body: { outcome: string; reasoning: string; decisions: Decision[] }; index: Map<DecisionKind, number> } {
  const decisions: Decision[] = [];
  const index = new Map<DecisionKind, number>();
  for (const kind of DECISION_KINDS) {
    const d = form.decisions[kind];
    if (!d) continue;
    const out: Decision = { kind };
    if (d.note.trim()) out.note = d.note.trim();
    if (kind === 'merge_into_case' && d.caseId) out.caseId = Number(d.caseId);
    index.set(kind, decisions.length);
    decisions.push(out);
  }
  return { body: { outcome: form.outcome, reasoning: form.reasoning, decisions }, index };
}

/// Participants grouped per organisation, organisations in order of first appearance;
/// each participant keeps its index in the meeting's list (for the attendance form).
export function participantsByOrganisation<P extends Pick<Participant, 'organisation'>>(list: readonly P[]): { organisation: string; members: { index: number; participant: P }[] }[] {
  const groups: { organisation: string; members: { index: number; participant: P }[] }[] = [];
  list.forEach((participant, index) => {
    let g = groups.find((x) => x.organisation === participant.organisation);
    if (!g) {
      g = { organisation: participant.organisation, members: [] };
      groups.push(g);
    }
    g.members.push({ index, participant });
  });
  return groups;
}

/// An agenda item's care and police details ("route:zorgcoordinator", "group:minor") as
/// i18n keys: proposed routes and vulnerable groups. Unknown kinds stay as the raw text.
export function triageKeys(details: readonly string[] | undefined): { routes: string[]; groups: string[]; other: string[] } {
  const out = { routes: [] as string[], groups: [] as string[], other: [] as string[] };
  for (const d of details ?? []) {
    const [kind, code] = d.split(':', 2);
    if (kind === 'route' && code) out.routes.push(`route.${code}`);
    else if (kind === 'group' && code) out.groups.push(`vulnerable.${code}`);
    else out.other.push(d);
  }
  return out;
}
