// The agenda of one meeting (GET /api/v1/meetings/{id}/agenda), as the server shows it to
// the caller: items whose subject the caller may not read come back restricted (no
// summary), care and police details only for who may read those compartments — this page
// shows exactly that and adds nothing. Each item: its one-line summary, urgency and the
// triage details the caller may see (proposed routes, vulnerable groups), kind, status
// and, once assessed, the outcome. The chair builds the agenda (new signals, overdue and
// due actions, carried-over items, running cases), moves items with buttons (up/down, so
// it works with a keyboard; PUT .../agenda/order), adds a signal or a case and postpones
// an item; participants who may assess open an item's assessment.
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { api } from '../api/client';
import { errorsByField } from '../api/fields';
import type { Agenda, AgendaItem, Case, Meeting } from '../api/drieluik';
import type { SignalPage } from '../api/types';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { StatusBadge, useFormErrors, useLoad, refusalText } from '../components/drieluik';
import { UrgencyBadge } from '../components/SignalTable';
import { moveInOrder, triageKeys } from '../drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading } from '../router';
import { useSession } from '../session';

export function AgendaPage({ id }: { id: number }) {
  const { t, lang, dateTime } = useI18n();
  const { viewer } = useSession();
  const meeting = useLoad<Meeting>(`/meetings/${id}`);
  const agenda = useLoad<Agenda>(`/meetings/${id}/agenda`);
  const chair = mayDo(viewer, 'meeting.update');
  const assessor = mayDo(viewer, 'meeting.assess');
  const signals = useLoad<SignalPage>(chair ? '/signals' : null, { limit: 100 });
  const cases = useLoad<{ items: Case[] }>(chair && mayDo(viewer, 'case.list') ? '/cases' : null, { limit: 200 });
  const [override, setOverride] = useState<Agenda | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const actionErrorRef = useRef<HTMLDivElement>(null);
  const [add, setAdd] = useState({ signalId: '', caseId: '', summary: '' });
  const addForm = useFormErrors();

  const shown = override ?? agenda.data;

  const refuse = (e: unknown) => {
    setNotice(null);
    setActionError(refusalText(lang, e));
    setTimeout(() => actionErrorRef.current?.focus(), 0);
  };

  const build = async () => {
    setActionError(null);
    try {
      const a = await api<Agenda>(`/meetings/${id}/agenda/build`, { method: 'POST' });
      setOverride(a);
      setNotice(t('agenda.built', { count: a.items.length }));
    } catch (e) {
      refuse(e);
    }
  };

  const move = async (item: AgendaItem, delta: -1 | 1, label: string) => {
    if (!shown) return;
    const order = moveInOrder(shown.items.map((i) => i.id), item.id, delta);
    if (!order) return;
    setActionError(null);
    try {
      const a = await api<Agenda>(`/meetings/${id}/agenda/order`, { method: 'PUT', body: { order } });
      setOverride(a);
      setNotice(t(delta < 0 ? 'agenda.movedUp' : 'agenda.movedDown', { item: label }));
      // Keep the keyboard where it was: on the same button of the moved item, if it still exists.
      setTimeout(() => {
        const el = document.getElementById(`move-${delta < 0 ? 'up' : 'down'}-${item.id}`) as HTMLButtonElement | null;
        if (el && !el.disabled) el.focus();
        else document.getElementById(`agenda-item-${item.id}`)?.focus();
      }, 0);
    } catch (e) {
      refuse(e);
    }
  };

  const postpone = async (item: AgendaItem, label: string) => {
    setActionError(null);
    try {
      await api<AgendaItem>(`/meetings/${id}/agenda/items/${item.id}/postpone`, { method: 'POST' });
      const a = await api<Agenda>(`/meetings/${id}/agenda`);
      setOverride(a);
      setNotice(t('agenda.postponed', { item: label }));
    } catch (e) {
      refuse(e);
    }
  };

  const submitAdd = async (e: FormEvent) => {
    e.preventDefault();
    addForm.clear();
    const body: Record<string, unknown> = {};
    if (add.signalId) body.signalId = Number(add.signalId);
    if (add.caseId) body.caseId = Number(add.caseId);
    if (add.summary.trim()) body.summary = add.summary.trim();
    try {
      await api<AgendaItem>(`/meetings/${id}/agenda/items`, { method: 'POST', body });
      const a = await api<Agenda>(`/meetings/${id}/agenda`);
      setOverride(a);
      setAdd({ signalId: '', caseId: '', summary: '' });
      setNotice(t('agenda.added'));
    } catch (err) {
      addForm.fail(err);
    }
  };

  const title = meeting.data ? t('agenda.titleFor', { title: meeting.data.title }) : t('agenda.title');
  if (agenda.error) {
    return (
      <>
        <PageHeading>{t('agenda.title')}</PageHeading>
        <Alert type="error"><Paragraph>{t(agenda.error.status === 404 || agenda.error.status === 403 ? 'meeting.notFound' : 'error.load')}</Paragraph></Alert>
      </>
    );
  }
  const items = shown?.items ?? [];
  const itemLabel = (i: AgendaItem, n: number) => t('agenda.itemLabel', { n, summary: i.restricted ? t('agenda.restrictedShort') : (i.summary ?? '') });
  return (
    <>
      <PageHeading>{title}</PageHeading>
      {meeting.data ? (
        <Paragraph>
          {dateTime(meeting.data.scheduledAt)} · <StatusBadge group="meetingStatus" code={meeting.data.status} /> · <AppLink to={`/overleggen/${id}`}>{t('agenda.toMeeting')}</AppLink>
        </Paragraph>
      ) : null}
      <Paragraph>{t('agenda.intro')}</Paragraph>
      <div aria-live="polite" className="live">
        {notice ? <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert> : null}
      </div>
      {actionError ? (
        <div ref={actionErrorRef} tabIndex={-1} className="error-summary" role="alert" id="agenda-refusal">
          <Paragraph>{actionError}</Paragraph>
        </div>
      ) : null}
      {chair ? (
        <div className="button-row">
          <Button type="button" appearance="primary-action-button" onClick={() => void build()}>
            {t('agenda.build')}
          </Button>
        </div>
      ) : null}

      {!shown ? (
        <Paragraph>{t('common.loading')}</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>{t('agenda.empty')}</Paragraph>
      ) : (
        <ol className="agenda" aria-label={t('agenda.listLabel')}>
          {items.map((i, idx) => {
            const label = itemLabel(i, idx + 1);
            const care = triageKeys(i.care);
            const police = triageKeys(i.police);
            return (
              <li key={i.id} className={`agenda-item agenda-item--${i.status} agenda-item--${i.kind}`} id={`agenda-item-${i.id}`} tabIndex={-1} aria-labelledby={`agenda-item-${i.id}-title`}>
                <Heading3 id={`agenda-item-${i.id}-title`}>
                  <span className="agenda-pos">{idx + 1}.</span> {i.restricted ? t('agenda.restricted') : i.summary}
                </Heading3>
                <div className="agenda-meta">
                  <span className="kind">{t(`agendaKind.${i.kind}`)}</span> · <StatusBadge group="agendaStatus" code={i.status} />
                  {i.urgency ? <> · <UrgencyBadge level={i.urgency} /></> : null}
                </div>
                {!i.restricted && (care.routes.length || police.routes.length || care.groups.length) ? (
                  <dl className="dl compact">
                    {police.routes.length || care.routes.length ? (
                      <div className="dl-row"><dt>{t('agenda.routes')}</dt><dd>{[...care.routes, ...police.routes].map((k) => t(k)).join(', ')}</dd></div>
                    ) : null}
                    {care.groups.length ? (
                      <div className="dl-row"><dt>{t('agenda.groups')}</dt><dd>{care.groups.map((k) => t(k)).join(', ')}</dd></div>
                    ) : null}
                  </dl>
                ) : null}
                {!i.restricted ? (
                  <Paragraph className="agenda-links">
                    {i.signalId ? <AppLink to={`/meldingen/${i.signalId}`}>{t('agenda.toSignal', { id: i.signalId })}</AppLink> : null}
                    {i.caseId ? <> <AppLink to={`/casussen/${i.caseId}`}>{t('agenda.toCase', { id: i.caseId })}</AppLink></> : null}
                    {i.actionId ? <> <AppLink to={`/acties/${i.actionId}`}>{t('agenda.toAction', { id: i.actionId })}</AppLink></> : null}
                  </Paragraph>
                ) : null}
                {i.assessment ? (
                  <Paragraph>
                    <strong>{t('agenda.assessed')}:</strong> {t(`outcome.${i.assessment.outcome}`)}
                    {i.assessment.decisions.length ? ` · ${i.assessment.decisions.map((d) => t(`decision.${d.kind}`)).join(', ')}` : ''}
                  </Paragraph>
                ) : null}
                <div className="button-row compact">
                  {chair ? (
                    <>
                      <Button type="button" appearance="subtle-button" id={`move-up-${i.id}`} disabled={idx === 0} onClick={() => void move(i, -1, label)} aria-label={t('agenda.moveUpFor', { item: label })}>
                        {t('agenda.moveUp')}
                      </Button>
                      <Button type="button" appearance="subtle-button" id={`move-down-${i.id}`} disabled={idx === items.length - 1} onClick={() => void move(i, 1, label)} aria-label={t('agenda.moveDownFor', { item: label })}>
                        {t('agenda.moveDown')}
                      </Button>
                      {i.status === 'open' ? (
                        <Button type="button" appearance="subtle-button" onClick={() => void postpone(i, label)} aria-label={t('agenda.postponeFor', { item: label })}>
                          {t('agenda.postpone')}
                        </Button>
                      ) : null}
                    </>
                  ) : null}
                  {assessor && i.status === 'open' && !i.restricted ? (
                    <AppLink to={`/overleggen/${id}/agenda/${i.id}`} aria-label={t('agenda.assessFor', { item: label })}>
                      {t('agenda.assess')}
                    </AppLink>
                  ) : null}
                  {i.assessment ? (
                    <AppLink to={`/overleggen/${id}/agenda/${i.id}`} aria-label={t('agenda.viewAssessmentFor', { item: label })}>
                      {t('agenda.viewAssessment')}
                    </AppLink>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}

      {chair ? (
        <section aria-labelledby="add-title" className="card">
          <Heading2 id="add-title">{t('agenda.addTitle')}</Heading2>
          <Paragraph>{t('agenda.addHelp')}</Paragraph>
          <ErrorSummary id="add-item-errors" fieldPrefix="ai" errors={addForm.errors} message={addForm.message} focusKey={addForm.focusKey} />
          <form onSubmit={submitAdd} noValidate className="form" aria-labelledby="add-title">
            <SelectField id="ai-signalId" label={t('agenda.addSignal')} value={add.signalId} onChange={(v) => setAdd({ ...add, signalId: v })} errors={errorsByField(addForm.errors, 'ai')} emptyLabel={t('edit.none')} options={(signals.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.referenceCode} — ${s.summary}` }))} />
            {cases.data ? (
              <SelectField id="ai-caseId" label={t('agenda.addCase')} value={add.caseId} onChange={(v) => setAdd({ ...add, caseId: v })} errors={errorsByField(addForm.errors, 'ai')} emptyLabel={t('edit.none')} options={cases.data.items.filter((c) => c.status !== 'closed' && c.status !== 'merged').map((c) => ({ value: String(c.id), label: t('case.option', { id: c.id, title: c.title }) }))} />
            ) : null}
            <TextField id="ai-summary" label={t('agenda.addSummary')} description={t('agenda.addSummaryHelp')} value={add.summary} onChange={(v) => setAdd({ ...add, summary: v })} errors={errorsByField(addForm.errors, 'ai')} maxLength={300} />
            <div className="button-row">
              <Button type="submit" appearance="primary-action-button">{t('agenda.addSubmit')}</Button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
