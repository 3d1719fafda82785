// The assessment of one agenda item (POST /api/v1/meetings/{id}/agenda/items/{itemId}/
// assessment): the outcome (no indication / more information needed / suspicion, follow
// up), the reasoning, and the decisions — referrals (police, Nederlandse
// Arbeidsinspectie, Veilig Thuis, CoMensha, RIEC), a municipal measure, a care
// trajectory, open a case, merge into an existing case, close — each with an optional
// note. The server checks the combination (a suspicion needs a follow-up, closing
// excludes a case, merging needs the case) and its errors land at their controls. Once
// assessed, the page shows the assessment and the case it opened or joined.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api } from '../api/client';
import { errorsByField } from '../api/fields';
import { DECISION_KINDS, OUTCOMES, type Agenda, type Assessment, type Case, type DecisionKind } from '../api/drieluik';
import { CheckboxField, ErrorSummary, FieldErrors, RadioGroup, SelectField, TextField } from '../components/forms';
import { useFormErrors, useLoad } from '../components/drieluik';
import { assessmentBody, type AssessmentForm } from '../drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading } from '../router';
import { useSession } from '../session';

export function AssessmentPage({ meetingId, itemId }: { meetingId: number; itemId: number }) {
  const { t, dateTime } = useI18n();
  const { viewer } = useSession();
  const agenda = useLoad<Agenda>(`/meetings/${meetingId}/agenda`);
  const cases = useLoad<{ items: Case[] }>(mayDo(viewer, 'case.list') ? '/cases' : null, { limit: 200 });
  const [form, setForm] = useState<AssessmentForm>({ outcome: '', reasoning: '', decisions: {} });
  const [done, setDone] = useState<Assessment | null>(null);
  const errs = useFormErrors();

  const item = agenda.data?.items.find((i) => i.id === itemId);
  if (agenda.error || (agenda.data && !item)) {
    return (
      <>
        <PageHeading>{t('assessment.title')}</PageHeading>
        <Alert type="error"><Paragraph>{t('assessment.notFound')}</Paragraph></Alert>
        <Paragraph><AppLink to={`/overleggen/${meetingId}/agenda`}>{t('assessment.backToAgenda')}</AppLink></Paragraph>
      </>
    );
  }
  if (!item) {
    return (
      <>
        <PageHeading>{t('assessment.title')}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }

  const { index } = assessmentBody(form);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errs.clear();
    try {
      const a = await api<Assessment>(`/meetings/${meetingId}/agenda/items/${itemId}/assessment`, { method: 'POST', body: assessmentBody(form).body });
      setDone(a);
      agenda.reload();
    } catch (err) {
      errs.fail(err);
    }
  };

  const assessed = done ?? item.assessment ?? null;
  const byField = errorsByField(errs.errors, 'as');
  const toggle = (kind: DecisionKind, on: boolean) => {
    const next = { ...form.decisions };
    if (on) next[kind] = next[kind] ?? { note: '', caseId: '' };
    else delete next[kind];
    setForm({ ...form, decisions: next });
  };
  const setDecision = (kind: DecisionKind, patch: Partial<{ note: string; caseId: string }>) =>
    setForm({ ...form, decisions: { ...form.decisions, [kind]: { ...(form.decisions[kind] ?? { note: '', caseId: '' }), ...patch } } });
  const openCases = (cases.data?.items ?? []).filter((c) => c.status !== 'closed' && c.status !== 'merged');

  return (
    <>
      <PageHeading>{t('assessment.titleFor', { summary: item.restricted ? t('agenda.restrictedShort') : (item.summary ?? '') })}</PageHeading>
      <Paragraph>
        <AppLink to={`/overleggen/${meetingId}/agenda`}>{t('assessment.backToAgenda')}</AppLink>
        {item.signalId ? <> · <AppLink to={`/meldingen/${item.signalId}`}>{t('agenda.toSignal', { id: item.signalId })}</AppLink></> : null}
        {item.caseId ? <> · <AppLink to={`/casussen/${item.caseId}`}>{t('agenda.toCase', { id: item.caseId })}</AppLink></> : null}
      </Paragraph>

      {assessed ? (
        <section aria-labelledby="sec-assessed" className="card" id="assessment-result">
          <Heading2 id="sec-assessed">{t('assessment.result')}</Heading2>
          {done ? <Alert type="ok" role="status"><Paragraph>{t('assessment.saved')}</Paragraph></Alert> : null}
          <dl className="dl">
            <div className="dl-row"><dt>{t('assessment.outcome')}</dt><dd>{t(`outcome.${assessed.outcome}`)}</dd></div>
            <div className="dl-row"><dt>{t('assessment.reasoning')}</dt><dd className="prewrap">{assessed.reasoning}</dd></div>
            {assessed.assessedAt ? <div className="dl-row"><dt>{t('assessment.assessedAt')}</dt><dd>{dateTime(assessed.assessedAt)}{assessed.assessedBy ? ` · ${assessed.assessedBy}` : ''}</dd></div> : null}
          </dl>
          {assessed.decisions.length ? (
            <UnorderedList>
              {assessed.decisions.map((d, i) => (
                <UnorderedListItem key={i}>
                  {t(`decision.${d.kind}`)}
                  {d.caseId ? ` (${t('agenda.toCase', { id: d.caseId })})` : ''}
                  {d.note ? `: ${d.note}` : ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : null}
          {assessed.caseId ? (
            <Paragraph>
              <AppLink to={`/casussen/${assessed.caseId}`}>{t('assessment.toCase', { id: assessed.caseId })}</AppLink>
            </Paragraph>
          ) : null}
        </section>
      ) : !mayDo(viewer, 'meeting.assess') ? (
        <Paragraph>{t('assessment.notYet')}</Paragraph>
      ) : (
        <>
          <ErrorSummary id="assessment-errors" fieldPrefix="as" errors={errs.errors} message={errs.message} focusKey={errs.focusKey} />
          <form onSubmit={submit} noValidate className="form" aria-label={t('assessment.title')}>
            <RadioGroup id="as-outcome" legend={t('assessment.outcome')} required value={form.outcome} onChange={(v) => setForm({ ...form, outcome: v as AssessmentForm['outcome'] })} errors={byField} options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
            <TextField id="as-reasoning" multiline label={t('assessment.reasoning')} description={t('assessment.reasoningHelp')} value={form.reasoning} onChange={(v) => setForm({ ...form, reasoning: v })} errors={byField} required maxLength={4000} />
            <fieldset className="utrecht-form-fieldset" id="as-decisions" tabIndex={-1} aria-describedby={byField.get('as-decisions') ? 'as-decisions-description as-decisions-error' : 'as-decisions-description'}>
              <legend className="utrecht-form-fieldset__legend">{t('assessment.decisions')}</legend>
              <p className="utrecht-form-field-description" id="as-decisions-description">{t('assessment.decisionsHelp')}</p>
              <FieldErrors id="as-decisions" errors={byField.get('as-decisions')} />
              {DECISION_KINDS.map((kind) => {
                const chosen = form.decisions[kind];
                const at = index.get(kind);
                return (
                  <div key={kind} className="decision" id={at !== undefined ? `as-decisions-${at}` : undefined} tabIndex={at !== undefined ? -1 : undefined}>
                    <CheckboxField id={`as-decision-${kind}`} label={t(`decision.${kind}`)} checked={!!chosen} onChange={(v) => toggle(kind, v)} errors={at !== undefined ? new Map([[`as-decision-${kind}`, byField.get(`as-decisions-${at}`) ?? []]]) : undefined} />
                    {chosen && at !== undefined ? (
                      <div className="decision-details">
                        {kind === 'merge_into_case' ? (
                          <SelectField id={`as-decisions-${at}-caseId`} label={t('assessment.mergeCase')} value={chosen.caseId} onChange={(v) => setDecision(kind, { caseId: v })} errors={byField} emptyLabel={t('edit.choose')} options={openCases.map((c) => ({ value: String(c.id), label: t('case.option', { id: c.id, title: c.title }) }))} />
                        ) : null}
                        <TextField id={`as-decisions-${at}-note`} label={t('assessment.noteFor', { decision: t(`decision.${kind}`) })} value={chosen.note} onChange={(v) => setDecision(kind, { note: v })} errors={byField} maxLength={1000} />
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
            <div className="button-row">
              <Button type="submit" appearance="primary-action-button">{t('assessment.submit')}</Button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
