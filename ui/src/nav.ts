// The application's navigation, designed for every part of drieluik (issue 4 and the
// later issues): each section names the roles that may use it, mirroring
// docs/security/authorization.csv (the server decides; this only hides what a role
// cannot use). Sections whose screens do not exist yet are `available: false`: they are
// left out of the navigation and their routes show "not yet available".
import type { Role } from './api/types';

export interface NavSection {
  id: string;
  path: string;
  labelKey: string;
  roles: readonly Role[];
  available: boolean;
}

const SIGNAL_ROLES: readonly Role[] = ['aandachtsfunctionaris', 'zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving'];
const AGGREGATE_ROLES: readonly Role[] = [
  'aandachtsfunctionaris', 'zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving', 'beleid', 'privacy_officer',
];

export const SECTIONS: readonly NavSection[] = [
  { id: 'worklist', path: '/', labelKey: 'nav.worklist', roles: SIGNAL_ROLES, available: true },
  { id: 'signals', path: '/meldingen', labelKey: 'nav.signals', roles: SIGNAL_ROLES, available: true },
  { id: 'meetings', path: '/overleggen', labelKey: 'nav.meetings', roles: ['zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving'], available: true },
  { id: 'cases', path: '/casussen', labelKey: 'nav.cases', roles: ['zorgcoordinator', 'ketenregisseur', 'politie'], available: true },
  { id: 'actions', path: '/acties', labelKey: 'nav.actions', roles: ['zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving'], available: true },
  { id: 'care', path: '/zorg', labelKey: 'nav.care', roles: ['zorgcoordinator', 'ketenregisseur'], available: false },
  { id: 'measures', path: '/maatregelen', labelKey: 'nav.measures', roles: ['aandachtsfunctionaris', 'handhaving', 'ketenregisseur', 'politie'], available: false },
  { id: 'monitor', path: '/monitor', labelKey: 'nav.monitor', roles: AGGREGATE_ROLES, available: false },
  { id: 'admin', path: '/beheer/gebruikers', labelKey: 'nav.admin', roles: ['beheerder'], available: true },
];

/// Who is looking: a signed-in role, 'open' when the server has no session API yet and
/// serves the signal routes to loopback callers, or null (nobody signed in).
export type Viewer = Role | 'open' | null;

/// The sections to show in the navigation for viewer: available and allowed.
export function navFor(viewer: Viewer): NavSection[] {
  if (viewer === null) return [];
  if (viewer === 'open') return SECTIONS.filter((s) => s.available && s.id !== 'admin');
  return SECTIONS.filter((s) => s.available && s.roles.includes(viewer));
}

/// Whether viewer may open the section with this id (also for sections not available yet).
export function mayUse(viewer: Viewer, id: string): boolean {
  const s = SECTIONS.find((x) => x.id === id);
  if (!s || viewer === null) return false;
  if (viewer === 'open') return id !== 'admin';
  return s.roles.includes(viewer);
}

/// Roles that may register a signal (signal,create in the policy table).
export function mayCreateSignal(viewer: Viewer): boolean {
  return viewer === 'open' || (viewer !== null && SIGNAL_ROLES.includes(viewer));
}

/// What a role may do in the Drieluik screens beyond reading: the (resource, action) rows
/// of docs/security/authorization.csv for meetings, cases and actions. The server refuses
/// the rest; this only leaves out buttons and forms a role cannot use.
export const DRIELUIK_ABILITIES: Record<string, readonly Role[]> = {
  'meeting.create': ['zorgcoordinator', 'ketenregisseur'],
  'meeting.update': ['zorgcoordinator', 'ketenregisseur'],
  'meeting.assess': ['zorgcoordinator', 'ketenregisseur', 'politie'],
  'meeting.export': ['zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving'],
  'case.list': ['zorgcoordinator', 'ketenregisseur', 'politie'],
  'case.update': ['zorgcoordinator', 'ketenregisseur'],
  'action.create': ['zorgcoordinator', 'ketenregisseur', 'politie'],
  'action.update': ['zorgcoordinator', 'ketenregisseur', 'politie', 'handhaving'],
};

/// Whether viewer may do ability ("meeting.update", "case.update", ...); 'open' (no
/// session API) may try everything and the server answers.
export function mayDo(viewer: Viewer, ability: string): boolean {
  if (viewer === null) return false;
  if (viewer === 'open') return true;
  return DRIELUIK_ABILITIES[ability]?.includes(viewer) ?? false;
}
