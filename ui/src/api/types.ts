// The shapes of the API's JSON (docs/api/openapi.json), as the UI uses them.

export const STATUSES = ['new', 'in_intake', 'for_drieluik', 'assessed', 'linked_to_case', 'closed'] as const;
export const CHANNELS = ['public_form', 'professional', 'partner', 'phone', 'integral_control', 'import'] as const;
export const VULNERABLE_GROUPS = [
  'minor', 'lvb', 'labour_migrant', 'sex_worker', 'amv', 'runaway_minor', 'undocumented', 'asylum_seeker', 'male_victim',
] as const;
export const PERSON_ROLES = ['possible_victim', 'possible_perpetrator', 'other'] as const;
export const GENDERS = ['unknown', 'female', 'male', 'other'] as const;
export const ROLES = [
  'aandachtsfunctionaris', 'zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving', 'beleid', 'privacy_officer', 'beheerder',
] as const;

export type Status = (typeof STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];
export type Role = (typeof ROLES)[number];

export interface Pair { nl: string; en: string }
export interface Municipality { code: string; name: string; province?: string }
export interface Organisation { id: string; name: string; kind?: string; municipality?: string | null }
export interface ExploitationForm { code: string; nl: string; en: string; intakeOnly?: boolean }
export interface Indicator { code: string; nl: string; en: string; forms?: string[]; elements?: string[] }
export interface IndicatorGroup { code: string; nl: string; en: string; indicators: Indicator[] }
export interface IndicatorList { code: string; nl: string; en: string; source?: string; groups: IndicatorGroup[] }
export interface IndicatorCatalog { version: string; lists: IndicatorList[] }

export interface Reporter { anonymous?: boolean; name?: string; organisation?: string; phone?: string; email?: string; professional?: boolean }
export interface Person { role: string; name?: string; dateOfBirth?: string; estimatedAge?: number; gender?: string; nationality?: string; description?: string }
export interface Address { street?: string; houseNumber?: string; postcode?: string; city?: string; description?: string }
export interface Business { name?: string; kvkNumber?: string; sector?: string }
export interface PhoneNumber { number: string; description?: string }
export interface Vehicle { licensePlate: string; description?: string }
export interface IndicatorRef { code: string; note?: string }
export interface Reason { key: string; nl: string; en: string }

export interface Triage {
  urgency?: { level: 'low' | 'normal' | 'high' | 'acute'; score?: number; reasons?: Reason[] };
  elements?: Record<'act' | 'means' | 'purpose', { status: string; reasons?: Reason[] }>;
  routes?: { route: string; reason?: Reason }[];
  summary?: Pair;
}

export interface Signal {
  id: number;
  referenceCode: string;
  version: number;
  status: Status;
  channel: Channel;
  receivedAt: string;
  organisation?: string;
  createdAt?: string;
  updatedAt?: string;
  observedAt?: string;
  municipality: string;
  reporter?: Reporter;
  summary: string;
  description: string;
  location?: string;
  forms?: string[];
  indicators?: IndicatorRef[];
  vulnerableGroups?: VulnerableGroup[];
  acuteDanger?: boolean;
  persons?: Person[];
  addresses?: Address[];
  businesses?: Business[];
  phoneNumbers?: PhoneNumber[];
  vehicles?: Vehicle[];
  triage?: Triage;
  additions?: { at: string; text: string }[];
  history?: { at: string; action: string; actor?: string; fields?: string[] }[];
}

export interface SignalSummary {
  id: number;
  referenceCode: string;
  version: number;
  status: Status;
  receivedAt: string;
  municipality: string;
  organisation?: string;
  summary: string;
  forms?: string[];
  vulnerableGroups?: VulnerableGroup[];
  acuteDanger?: boolean;
  urgency?: string;
}

export interface SignalPage { items: SignalSummary[]; nextCursor?: string | null }

export interface SignalLink {
  signalId: number;
  referenceCode: string;
  status: string;
  receivedAt: string;
  municipality: string;
  summary: string;
  forms?: string[];
  reasons?: { kind: string; value?: string; nl: string; en: string }[];
}

export interface PublicReceipt { referenceCode: string; secret: string; message?: Pair }

export interface User {
  id: number | string;
  username: string;
  display_name?: string;
  role: Role | string;
  organisation?: string | null;
  municipality?: string | null;
  disabled?: boolean;
  must_change_password?: boolean;
  totp_enrolled?: boolean;
}

export interface SessionInfo { user: User; csrf_token: string }
export interface TotpChallenge { totp_required: true; challenge: string }
