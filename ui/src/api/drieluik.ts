// The shapes of the Drieluik part of the API (docs/api/openapi.json: meetings, agenda,
// assessments, cases, actions, feedback) as the UI uses them, with the enum values of
// the document. The server decides what each caller sees; these are only its answers.

export const MEETING_TYPES = ['drieluik', 'tvo'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const AGENDA_KINDS = ['new_signal', 'overdue_action', 'deadline', 'case_follow_up', 'carried_over', 'added'] as const;
export const AGENDA_STATUSES = ['open', 'assessed', 'postponed'] as const;
export const OUTCOMES = ['no_indication', 'more_information_needed', 'suspicion_follow_up'] as const;
export const DECISION_KINDS = [
  'refer_politie', 'refer_arbeidsinspectie', 'refer_veilig_thuis', 'refer_comensha', 'refer_riec',
  'municipal_measure', 'care_trajectory', 'open_case', 'merge_into_case', 'close',
] as const;
export const CASE_STATUSES = ['open', 'in_followup', 'monitoring', 'closed', 'merged'] as const;
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export const DUE_STATES = ['not_due', 'due_soon', 'due_today', 'overdue', 'closed'] as const;

export type MeetingType = (typeof MEETING_TYPES)[number];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type DueState = (typeof DUE_STATES)[number];

export interface Participant { organisation: string; role: string; name?: string; attended?: boolean | null }

export interface Meeting {
  id: number;
  type: string;
  title: string;
  scheduledAt: string;
  status: MeetingStatus;
  participants: Participant[];
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface Decision { kind: DecisionKind; caseId?: number | null; note?: string }

export interface Assessment {
  id: number;
  itemId: number;
  meetingId: number;
  signalId?: number | null;
  caseId?: number | null;
  outcome: Outcome;
  reasoning: string;
  decisions: Decision[];
  assessedBy?: string;
  assessedAt?: string;
}

export interface AgendaItem {
  id: number;
  meetingId: number;
  position: number;
  kind: (typeof AGENDA_KINDS)[number];
  signalId?: number | null;
  caseId?: number | null;
  actionId?: number | null;
  summary?: string | null;
  urgency?: string | null;
  status: (typeof AGENDA_STATUSES)[number];
  carriedFrom?: number | null;
  restricted?: boolean;
  care?: string[];
  police?: string[];
  assessment?: Assessment | null;
}

export interface Agenda { meetingId: number; items: AgendaItem[] }

export interface CaseLogEntry { at: string; actor?: string; kind: string; key: string; detail?: string; from?: string; to?: string }

export interface Case {
  id: number;
  title: string;
  status: CaseStatus;
  allowedTransitions: string[];
  municipality?: string;
  mergedInto?: number | null;
  signals: number[];
  participants: { organisation: string; role: string }[];
  version: number;
  createdAt?: string;
  updatedAt?: string;
  log?: CaseLogEntry[];
}

export interface Action {
  id: number;
  caseId?: number | null;
  meetingId?: number | null;
  title: string;
  owner: string;
  organisation: string;
  dueDate: string;
  status: ActionStatus;
  dueState: DueState;
  overdue: boolean;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  completedAt?: string | null;
}

export interface Feedback { assessed: boolean; outcome?: string | null; outcomeLabel?: { nl: string; en: string } | null; assessedAt?: string | null }
