// One case (GET /api/v1/cases/{id}): its lifecycle status with ONLY the transitions the
// server allows from it (allowedTransitions; when the server still refuses, its reason
// is shown), the participating organisations, the decision log, the linked signals and
// the case's actions. Every change sends the version read; a stale version (409) says
// so and loads the current case, so the choices offered are the current ones again.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api, ApiError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import { DECISION_KINDS, type Action, type Case, type CaseLogEntry } from '../api/drieluik';
import { ROLES, type Signal } from '../api/types';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { DueBadge, orgName, StatusBadge, useFormErrors, useLoad } from '../components/drieluik';
import { municipalityName } from '../components/SignalTable';
import { participantsByOrganisation, transitionChoices, transitionNeedsTarget } from '../drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading } from '../router';
import { useSession } from '../session';
import type { SignalPage } from '../api/types';

function useSignals(ids: number[] | undefined) {
  const [signals, setSignals] = useState<Record<number, Signal | null>>({});
  const key = (ids ?? []).join(',');
  useEffect(() => {
    let alive = true;
    for (const id of key ? key.split(',').map(Number) : []) {
      api<Signal>(`/signals/${id}`)
        .then((s) => alive && setSignals((m) => ({ ...m, [id]: s })))
        .catch(() => alive && setSignals((m) => ({ ...m, [id]: null })));
    }
    return () => {
      alive = false;
    };
  }, [key]);
  return signals;
}

export function CaseDetailPage({ id }: { id: number }) {
  const { t, dateTime } = useI18n();
  const { viewer } = useSession();
  const { ref } = useReference();
  const cs = useLoad<Case>(`/cases/${id}`);
  const actions = useLoad<{ items: Action[] }>(`/actions`, { caseId: id, limit: 200 });
  const editor = mayDo(viewer, 'case.update');
  const others = useLoad<{ items: Case[] }>(editor ? '/cases' : null, { limit: 200 });
  const recent = useLoad<SignalPage>(editor ? '/signals' : null, { limit: 100 });
  const signals = useSignals(cs.data?.signals);
  const [notice, setNotice] = useState<string | null>(null);

  const [move, setMove] = useState({ to: '', mergeInto: '', note: '' });
  const moveForm = useFormErrors();
  const [part, setPart] = useState({ organisation: '', role: '', note: '' });
  const partForm = useFormErrors();
  const [dec, setDec] = useState({ kind: '', note: '' });
  const decForm = useFormErrors();
  const [link, setLink] = useState({ signalId: '', note: '' });
  const linkForm = useFormErrors();

  if (cs.error) {
    return (
      <>
        <PageHeading>{t('case.heading')}</PageHeading>
        <Alert type="error"><Paragraph>{t(cs.error.status === 404 || cs.error.status === 403 ? 'case.notFound' : 'error.load')}</Paragraph></Alert>
      </>
    );
  }
  if (!cs.data) {
    return (
      <>
        <PageHeading>{t('case.heading')}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }
  const c = cs.data;

  // One change on the case: send it with the version read; on success show the notice
  // and load the case again; on a stale version load it too.
  const change = async (path: string, body: Record<string, unknown>, form: ReturnType<typeof useFormErrors>, done: string, reset: () => void) => {
    form.clear();
    try {
      await api<Case>(`/cases/${id}/${path}`, { method: 'POST', body: { version: c.version, ...body } });
      reset();
      setNotice(done);
      cs.reload();
      actions.reload();
    } catch (err) {
      form.fail(err);
      if (err instanceof ApiError && err.status === 409) cs.reload();
    }
  };

  const submitMove = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { to: move.to };
    if (transitionNeedsTarget(move.to) && move.mergeInto) body.mergeInto = Number(move.mergeInto);
    if (move.note.trim()) body.note = move.note.trim();
    void change('transitions', body, moveForm, t('case.moved', { status: t(`caseStatus.${move.to}`) }), () => setMove({ to: '', mergeInto: '', note: '' }));
  };
  const submitPart = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { organisation: part.organisation, role: part.role };
    if (part.note.trim()) body.note = part.note.trim();
    void change('participants', body, partForm, t('case.participantAdded'), () => setPart({ organisation: '', role: '', note: '' }));
  };
  const submitDec = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { kind: dec.kind };
    if (dec.note.trim()) body.note = dec.note.trim();
    void change('decisions', body, decForm, t('case.decisionAdded'), () => setDec({ kind: '', note: '' }));
  };
  const submitLink = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { signalId: link.signalId ? Number(link.signalId) : 0 };
    if (link.note.trim()) body.note = link.note.trim();
    void change('signals', body, linkForm, t('case.signalLinked'), () => setLink({ signalId: '', note: '' }));
  };

  const choices = transitionChoices(c.allowedTransitions);
  const logText = (e: CaseLogEntry) =>
    e.kind === 'decision' ? t(`decision.${e.key}`) : e.kind === 'assessment' ? t('caseLog.assessment', { outcome: t(`outcome.${e.key}`) }) : t(`caseLog.${e.key}`);
  const groups = participantsByOrganisation(c.participants);
  const terminal = c.status === 'closed' || c.status === 'merged';

  return (
    <>
      <PageHeading>{t('case.headingWith', { id: c.id, title: c.title })}</PageHeading>
      <dl className="dl">
        <div className="dl-row"><dt>{t('case.status')}</dt><dd><StatusBadge group="caseStatus" code={c.status} /></dd></div>
        <div className="dl-row"><dt>{t('case.municipality')}</dt><dd>{municipalityName(ref?.municipalities, c.municipality)}</dd></div>
        <div className="dl-row"><dt>{t('case.createdAt')}</dt><dd>{dateTime(c.createdAt)}</dd></div>
        {c.mergedInto ? <div className="dl-row"><dt>{t('case.mergedInto')}</dt><dd><AppLink to={`/casussen/${c.mergedInto}`}>{t('case.numberValue', { id: c.mergedInto })}</AppLink></dd></div> : null}
      </dl>
      {notice ? <Alert type="ok" role="status"><Paragraph>{notice}</Paragraph></Alert> : null}

      <section aria-labelledby="sec-status">
        <Heading2 id="sec-status">{t('case.statusTitle')}</Heading2>
        {choices.length === 0 ? (
          <Paragraph>{t('case.noTransitions')}</Paragraph>
        ) : (
          <Paragraph>{t('case.allowedNow', { list: choices.map((s) => t(`caseStatus.${s}`)).join(', ') })}</Paragraph>
        )}
        {editor && choices.length > 0 ? (
          <>
            <ErrorSummary id="transition-errors" fieldPrefix="c" errors={moveForm.errors} message={moveForm.message} focusKey={moveForm.focusKey} />
            <form onSubmit={submitMove} noValidate className="form" aria-labelledby="sec-status">
              <SelectField id="c-to" label={t('case.newStatus')} value={move.to} onChange={(v) => setMove({ ...move, to: v })} errors={errorsByField(moveForm.errors, 'c')} emptyLabel={t('edit.choose')} options={choices.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))} />
              {transitionNeedsTarget(move.to) ? (
                <SelectField id="c-mergeInto" label={t('case.mergeInto')} value={move.mergeInto} onChange={(v) => setMove({ ...move, mergeInto: v })} errors={errorsByField(moveForm.errors, 'c')} emptyLabel={t('edit.choose')} options={(others.data?.items ?? []).filter((o) => o.id !== c.id && o.status !== 'closed' && o.status !== 'merged').map((o) => ({ value: String(o.id), label: t('case.option', { id: o.id, title: o.title }) }))} />
              ) : null}
              <TextField id="c-note" label={t('case.note')} value={move.note} onChange={(v) => setMove({ ...move, note: v })} errors={errorsByField(moveForm.errors, 'c')} maxLength={2000} />
              <div className="button-row">
                <Button type="submit" appearance="primary-action-button">{t('case.changeStatus')}</Button>
              </div>
            </form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="sec-case-participants">
        <Heading2 id="sec-case-participants">{t('case.participants')}</Heading2>
        {groups.length === 0 ? (
          <Paragraph>{t('case.noParticipants')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table>
              <TableCaption className="visually-hidden">{t('case.participants')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('meeting.organisation')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meeting.role')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {groups.map((g) => (
                  <TableRow key={g.organisation}>
                    <TableCell>{orgName(ref?.organisations, g.organisation)}</TableCell>
                    <TableCell>{g.members.map((m) => t(`role.${m.participant.role}`)).join(', ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {editor && !terminal ? (
          <>
            <ErrorSummary id="participant-errors" fieldPrefix="cp" errors={partForm.errors} message={partForm.message} focusKey={partForm.focusKey} />
            <form onSubmit={submitPart} noValidate className="form" aria-label={t('case.addParticipant')}>
              <div className="filter-grid">
                <SelectField id="cp-organisation" label={t('meeting.organisation')} value={part.organisation} onChange={(v) => setPart({ ...part, organisation: v })} errors={errorsByField(partForm.errors, 'cp')} emptyLabel={t('edit.choose')} options={(ref?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
                <SelectField id="cp-role" label={t('meeting.role')} value={part.role} onChange={(v) => setPart({ ...part, role: v })} errors={errorsByField(partForm.errors, 'cp')} emptyLabel={t('edit.choose')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                <TextField id="cp-note" label={t('case.note')} value={part.note} onChange={(v) => setPart({ ...part, note: v })} errors={errorsByField(partForm.errors, 'cp')} maxLength={2000} />
              </div>
              <Button type="submit" appearance="secondary-action-button">{t('case.addParticipant')}</Button>
            </form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="sec-case-signals">
        <Heading2 id="sec-case-signals">{t('case.signals')}</Heading2>
        {c.signals.length === 0 ? (
          <Paragraph>{t('common.none')}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {c.signals.map((sid) => {
              const s = signals[sid];
              return (
                <li key={sid} className="utrecht-unordered-list__item">
                  {s ? (
                    <>
                      <AppLink to={`/meldingen/${sid}`}>{s.referenceCode}</AppLink> · {s.summary} · {t(`status.${s.status}`)}
                    </>
                  ) : s === null ? (
                    t('case.signalRestricted', { id: sid })
                  ) : (
                    t('common.loading')
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {editor && !terminal ? (
          <>
            <ErrorSummary id="link-errors" fieldPrefix="cs" errors={linkForm.errors} message={linkForm.message} focusKey={linkForm.focusKey} />
            <form onSubmit={submitLink} noValidate className="form" aria-label={t('case.linkSignal')}>
              <SelectField id="cs-signalId" label={t('case.signal')} value={link.signalId} onChange={(v) => setLink({ ...link, signalId: v })} errors={errorsByField(linkForm.errors, 'cs')} emptyLabel={t('edit.choose')} options={(recent.data?.items ?? []).filter((s) => !c.signals.includes(s.id)).map((s) => ({ value: String(s.id), label: `${s.referenceCode} — ${s.summary}` }))} />
              <TextField id="cs-note" label={t('case.note')} value={link.note} onChange={(v) => setLink({ ...link, note: v })} errors={errorsByField(linkForm.errors, 'cs')} maxLength={2000} />
              <Button type="submit" appearance="secondary-action-button">{t('case.linkSignal')}</Button>
            </form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="sec-case-actions">
        <Heading2 id="sec-case-actions">{t('case.actions')}</Heading2>
        {!actions.data ? (
          <Paragraph>{actions.error ? t('error.load') : t('common.loading')}</Paragraph>
        ) : actions.data.items.length === 0 ? (
          <Paragraph>{t('actions.empty')}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {actions.data.items.map((a) => (
              <li key={a.id} className="utrecht-unordered-list__item">
                <AppLink to={`/acties/${a.id}`}>{a.title}</AppLink> · {a.owner} · <DueBadge action={a} />
              </li>
            ))}
          </ul>
        )}
        {mayDo(viewer, 'action.create') && !terminal ? (
          <Paragraph>
            <AppLink to={`/acties/nieuw?casus=${c.id}`}>{t('case.addAction')}</AppLink>
          </Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="sec-case-log">
        <Heading2 id="sec-case-log">{t('case.log')}</Heading2>
        <ol className="utrecht-ordered-list history">
          {(c.log ?? []).map((e, i) => (
            <li key={i} className="utrecht-ordered-list__item">
              {dateTime(e.at)} · <strong>{logText(e)}</strong>
              {e.from && e.to ? ` (${t(`caseStatus.${e.from}`)} → ${t(`caseStatus.${e.to}`)})` : ''}
              {e.actor ? ` · ${e.actor}` : ''}
              {e.detail ? <span className="note"> · {e.detail}</span> : null}
            </li>
          ))}
        </ol>
        {editor && !terminal ? (
          <>
            <ErrorSummary id="decision-errors" fieldPrefix="cd" errors={decForm.errors} message={decForm.message} focusKey={decForm.focusKey} />
            <form onSubmit={submitDec} noValidate className="form" aria-label={t('case.addDecision')}>
              <SelectField id="cd-kind" label={t('case.decisionKind')} value={dec.kind} onChange={(v) => setDec({ ...dec, kind: v })} errors={errorsByField(decForm.errors, 'cd')} emptyLabel={t('edit.choose')} options={DECISION_KINDS.filter((k) => k !== 'open_case' && k !== 'merge_into_case' && k !== 'close').map((k) => ({ value: k, label: t(`decision.${k}`) }))} />
              <TextField id="cd-note" label={t('case.note')} value={dec.note} onChange={(v) => setDec({ ...dec, note: v })} errors={errorsByField(decForm.errors, 'cd')} maxLength={2000} />
              <Button type="submit" appearance="secondary-action-button">{t('case.addDecision')}</Button>
            </form>
          </>
        ) : null}
      </section>
    </>
  );
}
