// The worklist (werkvoorraad) of a signed-in role: new signals for the user's
// organisation or municipality (the server scopes the list by role; a user with a
// municipality sees that municipality's), signals in intake, and actions due and
// overdue once the actions API exists (until then it answers 404 and the section is
// left out: nothing is invented).
import { useEffect, useState } from 'react';
import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { api, ApiError } from '../api/client';
import { useReference } from '../api/reference';
import type { SignalPage } from '../api/types';
import { SignalTable } from '../components/SignalTable';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading } from '../router';
import { useSession } from '../session';
import { mayCreateSignal } from '../nav';

interface ActionItem { id: number | string; title?: string; due?: string; dueDate?: string; status?: string; overdue?: boolean }

function useList(query: Record<string, string | undefined>) {
  const [page, setPage] = useState<SignalPage | null>(null);
  const [error, setError] = useState(false);
  const key = JSON.stringify(query);
  useEffect(() => {
    let alive = true;
    api<SignalPage>('/signals', { query: JSON.parse(key) })
      .then((p) => alive && setPage(p))
      .catch(() => alive && setError(true));
    return () => {
      alive = false;
    };
  }, [key]);
  return { page, error };
}

export function WorklistPage() {
  const { t, date } = useI18n();
  const { state, viewer } = useSession();
  const { ref } = useReference();
  const municipality = state.status === 'signed_in' ? (state.user.municipality ?? undefined) : undefined;
  const fresh = useList({ status: 'new', municipality, limit: '25' });
  const intake = useList({ status: 'in_intake', municipality, limit: '25' });
  const [actions, setActions] = useState<ActionItem[] | null | 'absent'>(null);

  useEffect(() => {
    let alive = true;
    api<{ items: ActionItem[] }>('/actions', { query: { status: 'open', limit: 50 } })
      .then((r) => alive && setActions(r.items))
      .catch((e) => {
        if (!alive) return;
        setActions(e instanceof ApiError && (e.status === 404 || e.status === 405) ? 'absent' : []);
      });
    return () => {
      alive = false;
    };
  }, []);

  const section = (id: string, title: string, list: ReturnType<typeof useList>, empty: string) => (
    <section aria-labelledby={id} className="worklist-section">
      <Heading2 id={id}>
        {title} {list.page ? <span className="count">({list.page.items.length}{list.page.nextCursor ? '+' : ''})</span> : null}
      </Heading2>
      {list.error ? (
        <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
      ) : !list.page ? (
        <Paragraph>{t('common.loading')}</Paragraph>
      ) : list.page.items.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <SignalTable items={list.page.items} caption={title} municipalities={ref?.municipalities} captionHidden />
      )}
    </section>
  );

  return (
    <>
      <PageHeading>{t('worklist.title')}</PageHeading>
      <Paragraph>{municipality ? t('worklist.introMunicipality', { municipality: ref?.municipalities.find((m) => m.code === municipality)?.name ?? municipality }) : t('worklist.intro')}</Paragraph>
      {mayCreateSignal(viewer) ? (
        <Paragraph>
          <AppLink to="/meldingen/nieuw">{t('worklist.newSignal')}</AppLink>
        </Paragraph>
      ) : null}
      {section('wl-new', t('worklist.new'), fresh, t('worklist.newEmpty'))}
      {section('wl-intake', t('worklist.intake'), intake, t('worklist.intakeEmpty'))}
      {actions !== 'absent' && actions !== null ? (
        <section aria-labelledby="wl-actions" className="worklist-section">
          <Heading2 id="wl-actions">{t('worklist.actions')}</Heading2>
          {actions.length === 0 ? (
            <Paragraph>{t('worklist.actionsEmpty')}</Paragraph>
          ) : (
            <ul className="utrecht-unordered-list">
              {actions.map((a) => (
                <li key={a.id} className="utrecht-unordered-list__item">
                  {a.title ?? a.id} · {date(a.due ?? a.dueDate)} {a.overdue ? <strong>({t('worklist.overdue')})</strong> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
