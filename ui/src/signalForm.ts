// The signal form's state and its conversion to the API's bodies: POST for a new
// signal (only filled-in fields), and a JSON merge patch (RFC 7396) for an edit that
// carries the version read and only the fields the user changed against the signal as
// loaded (`base`), so saving again after someone else's change (409, "keep mine") does
// not undo their edits to other fields. An emptied optional text becomes null, which
// removes it. Inputs are kept as typed (an age stays a string
// until sent), so a rejected save shows exactly what the user entered.
import type { Signal } from './api/types';
import { instantToLocal, localToInstant } from './util';

export interface PersonDraft { role: string; name: string; dateOfBirth: string; estimatedAge: string; gender: string; nationality: string; description: string }
export interface AddressDraft { street: string; houseNumber: string; postcode: string; city: string; description: string }
export interface BusinessDraft { name: string; kvkNumber: string; sector: string }
export interface PhoneDraft { number: string; description: string }
export interface VehicleDraft { licensePlate: string; description: string }

export interface SignalDraft {
  version: number | null;
  /// The signal's values as loaded (edit only): the patch sends what differs from them.
  base?: SignalDraft | null;
  status: string;
  channel: string;
  municipality: string;
  organisation: string;
  summary: string;
  description: string;
  location: string;
  observedAt: string;
  forms: string[];
  indicators: { code: string; note: string }[];
  vulnerableGroups: string[];
  acuteDanger: boolean;
  reporter: { anonymous: boolean; name: string; organisation: string; phone: string; email: string; professional: boolean };
  persons: PersonDraft[];
  addresses: AddressDraft[];
  businesses: BusinessDraft[];
  phoneNumbers: PhoneDraft[];
  vehicles: VehicleDraft[];
}

export const EMPTY_PERSON: PersonDraft = { role: 'possible_victim', name: '', dateOfBirth: '', estimatedAge: '', gender: '', nationality: '', description: '' };
export const EMPTY_ADDRESS: AddressDraft = { street: '', houseNumber: '', postcode: '', city: '', description: '' };
export const EMPTY_BUSINESS: BusinessDraft = { name: '', kvkNumber: '', sector: '' };
export const EMPTY_PHONE: PhoneDraft = { number: '', description: '' };
export const EMPTY_VEHICLE: VehicleDraft = { licensePlate: '', description: '' };

export function emptyDraft(defaults: { municipality?: string | null; organisation?: string | null } = {}): SignalDraft {
  return {
    version: null,
    status: 'new',
    channel: 'professional',
    municipality: defaults.municipality ?? '',
    organisation: defaults.organisation ?? '',
    summary: '',
    description: '',
    location: '',
    observedAt: '',
    forms: [],
    indicators: [],
    vulnerableGroups: [],
    acuteDanger: false,
    reporter: { anonymous: true, name: '', organisation: '', phone: '', email: '', professional: false },
    persons: [],
    addresses: [],
    businesses: [],
    phoneNumbers: [],
    vehicles: [],
  };
}

const s = (v: string | undefined | null) => v ?? '';

export function draftFromSignal(sig: Signal): SignalDraft {
  return { ...valuesFromSignal(sig), base: valuesFromSignal(sig) };
}

function valuesFromSignal(sig: Signal): SignalDraft {
  return {
    version: sig.version,
    status: sig.status,
    channel: sig.channel,
    municipality: sig.municipality,
    organisation: s(sig.organisation),
    summary: sig.summary,
    description: sig.description,
    location: s(sig.location),
    observedAt: instantToLocal(sig.observedAt),
    forms: sig.forms ?? [],
    indicators: (sig.indicators ?? []).map((i) => ({ code: i.code, note: s(i.note) })),
    vulnerableGroups: sig.vulnerableGroups ?? [],
    acuteDanger: !!sig.acuteDanger,
    reporter: {
      anonymous: sig.reporter?.anonymous !== false,
      name: s(sig.reporter?.name),
      organisation: s(sig.reporter?.organisation),
      phone: s(sig.reporter?.phone),
      email: s(sig.reporter?.email),
      professional: !!sig.reporter?.professional,
    },
    persons: (sig.persons ?? []).map((p) => ({
      role: p.role,
      name: s(p.name),
      dateOfBirth: s(p.dateOfBirth),
      estimatedAge: p.estimatedAge === undefined || p.estimatedAge === null ? '' : String(p.estimatedAge),
      gender: s(p.gender),
      nationality: s(p.nationality),
      description: s(p.description),
    })),
    addresses: (sig.addresses ?? []).map((a) => ({ street: s(a.street), houseNumber: s(a.houseNumber), postcode: s(a.postcode), city: s(a.city), description: s(a.description) })),
    businesses: (sig.businesses ?? []).map((b) => ({ name: s(b.name), kvkNumber: s(b.kvkNumber), sector: s(b.sector) })),
    phoneNumbers: (sig.phoneNumbers ?? []).map((p) => ({ number: p.number, description: s(p.description) })),
    vehicles: (sig.vehicles ?? []).map((v) => ({ licensePlate: v.licensePlate, description: s(v.description) })),
  };
}

/// Keeps the non-empty members of an entry (the API treats absent and empty alike).
function compact<T extends object>(entry: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (v !== '' && v !== undefined && v !== null) out[k] = v;
  return out;
}

function personBody(p: PersonDraft): Record<string, unknown> {
  const out = compact({ ...p, estimatedAge: '' });
  const age = p.estimatedAge.trim();
  if (age !== '') out.estimatedAge = /^\d+$/.test(age) ? Number(age) : age;
  return out;
}

function reporterBody(r: SignalDraft['reporter']): Record<string, unknown> {
  if (r.anonymous) return { anonymous: true };
  return { ...compact({ name: r.name, organisation: r.organisation, phone: r.phone, email: r.email }), anonymous: false, professional: r.professional };
}

function common(d: SignalDraft): Record<string, unknown> {
  return {
    channel: d.channel,
    municipality: d.municipality,
    summary: d.summary,
    description: d.description,
    forms: d.forms,
    indicators: d.indicators.map((i) => compact(i)),
    vulnerableGroups: d.vulnerableGroups,
    acuteDanger: d.acuteDanger,
    reporter: reporterBody(d.reporter),
    persons: d.persons.map(personBody),
    addresses: d.addresses.map((a) => compact(a)),
    businesses: d.businesses.map((b) => compact(b)),
    phoneNumbers: d.phoneNumbers.map((p) => compact(p)),
    vehicles: d.vehicles.map((v) => compact(v)),
  };
}

export function createBody(d: SignalDraft): Record<string, unknown> {
  const body = common(d);
  if (d.organisation) body.organisation = d.organisation;
  if (d.location.trim()) body.location = d.location;
  if (d.observedAt) body.observedAt = localToInstant(d.observedAt);
  if (!d.municipality) delete body.municipality;
  if (d.forms.length === 0) delete body.forms;
  return body;
}

function allFields(d: SignalDraft): Record<string, unknown> {
  const body = common(d);
  body.status = d.status;
  body.organisation = d.organisation || null;
  body.location = d.location.trim() ? d.location : null;
  body.observedAt = d.observedAt ? localToInstant(d.observedAt) : null;
  return body;
}

/// The merge patch: the version read plus every field that differs from `base` (all
/// writable fields when there is no base).
export function patchBody(d: SignalDraft): Record<string, unknown> {
  const mine = allFields(d);
  const before = d.base ? allFields(d.base) : null;
  const body: Record<string, unknown> = { version: d.version };
  for (const [k, v] of Object.entries(mine)) {
    if (!before || JSON.stringify(before[k]) !== JSON.stringify(v)) body[k] = v;
  }
  return body;
}
