// The meetings (GET /api/v1/meetings): the Drieluik every two weeks, the TVO and the rest,
// by date; for the chair and the zorgcoördinatoren two forms: plan the recurring series
// (POST /meetings/plan: type, a first date, how many) and plan one meeting (POST
// /meetings: type, date and time, title). Each form has its own error summary.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api } from '../api/client';
import { errorsByField } from '../api/fields';
import { MEETING_TYPES, type Meeting } from '../api/drieluik';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { StatusBadge, useFormErrors, useLoad } from '../components/drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading, useRouter } from '../router';
import { useSession } from '../session';
import { dutchToday } from '../drieluik';
import { localToInstant } from '../util';

export function MeetingsPage() {
  const { t, dateTime } = useI18n();
  const { viewer } = useSession();
  const { navigate } = useRouter();
  const [past, setPast] = useState(false);
  const today = dutchToday();
  const list = useLoad<{ items: Meeting[] }>('/meetings', past ? { limit: 200 } : { from: today, limit: 200 });
  const [notice, setNotice] = useState<string | null>(null);

  const [plan, setPlan] = useState({ type: 'drieluik', anchor: today, count: '4' });
  const planForm = useFormErrors();
  const [one, setOne] = useState({ type: 'drieluik', scheduledAt: '', title: '' });
  const oneForm = useFormErrors();

  const submitPlan = async (e: FormEvent) => {
    e.preventDefault();
    planForm.clear();
    try {
      const r = await api<{ items: Meeting[] }>('/meetings/plan', { method: 'POST', body: { type: plan.type, anchor: plan.anchor, count: Number(plan.count) || 0 } });
      setNotice(t('meetings.planned', { count: r.items.length }));
      list.reload();
    } catch (err) {
      planForm.fail(err);
    }
  };

  const submitOne = async (e: FormEvent) => {
    e.preventDefault();
    oneForm.clear();
    const body: Record<string, unknown> = { type: one.type, scheduledAt: localToInstant(one.scheduledAt) };
    if (one.title.trim()) body.title = one.title.trim();
    try {
      const m = await api<Meeting>('/meetings', { method: 'POST', body });
      navigate(`/overleggen/${m.id}`);
    } catch (err) {
      oneForm.fail(err);
    }
  };

  const typeOptions = MEETING_TYPES.map((x) => ({ value: x, label: t(`meetingType.${x}`) }));
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeading>{t('meetings.title')}</PageHeading>
      <Paragraph>{t('meetings.intro')}</Paragraph>
      {notice ? (
        <Alert type="ok" role="status">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="meetings-list">
        <Heading2 id="meetings-list">{past ? t('meetings.all') : t('meetings.upcoming')}</Heading2>
        <div className="button-row">
          <Button type="button" appearance="subtle-button" aria-pressed={past} onClick={() => setPast(!past)}>
            {t('meetings.showPast')}
          </Button>
        </div>
        {list.error ? (
          <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
        ) : !list.data ? (
          <Paragraph>{t('common.loading')}</Paragraph>
        ) : items.length === 0 ? (
          <Paragraph>{t('meetings.empty')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table>
              <TableCaption className="visually-hidden">{t('meetings.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('meeting.scheduledAt')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meeting.title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meeting.type')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meeting.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('meeting.agenda')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell className="nowrap">{dateTime(m.scheduledAt)}</TableCell>
                    <TableCell>
                      <AppLink to={`/overleggen/${m.id}`}>{m.title}</AppLink>
                    </TableCell>
                    <TableCell>{t(`meetingType.${m.type}`)}</TableCell>
                    <TableCell>
                      <StatusBadge group="meetingStatus" code={m.status} />
                    </TableCell>
                    <TableCell>
                      <AppLink to={`/overleggen/${m.id}/agenda`} aria-label={t('meetings.agendaOf', { title: m.title })}>
                        {t('meeting.agenda')}
                      </AppLink>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      {mayDo(viewer, 'meeting.create') ? (
        <>
          <section aria-labelledby="plan-title" className="card">
            <Heading2 id="plan-title">{t('meetings.planTitle')}</Heading2>
            <Paragraph>{t('meetings.planHelp')}</Paragraph>
            <ErrorSummary id="plan-errors" fieldPrefix="p" errors={planForm.errors} message={planForm.message} focusKey={planForm.focusKey} />
            <form onSubmit={submitPlan} noValidate className="form" aria-labelledby="plan-title">
              <SelectField id="p-type" label={t('meeting.type')} value={plan.type} onChange={(v) => setPlan({ ...plan, type: v })} errors={errorsByField(planForm.errors, 'p')} options={typeOptions} />
              <TextField id="p-anchor" type="date" label={t('meetings.anchor')} description={t('meetings.anchorHelp')} value={plan.anchor} onChange={(v) => setPlan({ ...plan, anchor: v })} errors={errorsByField(planForm.errors, 'p')} required />
              <TextField id="p-count" type="number" label={t('meetings.count')} value={plan.count} onChange={(v) => setPlan({ ...plan, count: v })} errors={errorsByField(planForm.errors, 'p')} required />
              <div className="button-row">
                <Button type="submit" appearance="primary-action-button">{t('meetings.planSubmit')}</Button>
              </div>
            </form>
          </section>
          <section aria-labelledby="one-title" className="card">
            <Heading2 id="one-title">{t('meetings.oneTitle')}</Heading2>
            <ErrorSummary id="meeting-errors" fieldPrefix="m" errors={oneForm.errors} message={oneForm.message} focusKey={oneForm.focusKey} />
            <form onSubmit={submitOne} noValidate className="form" aria-labelledby="one-title">
              <SelectField id="m-type" label={t('meeting.type')} value={one.type} onChange={(v) => setOne({ ...one, type: v })} errors={errorsByField(oneForm.errors, 'm')} options={typeOptions} />
              <TextField id="m-scheduledAt" type="datetime-local" label={t('meeting.scheduledAt')} value={one.scheduledAt} onChange={(v) => setOne({ ...one, scheduledAt: v })} errors={errorsByField(oneForm.errors, 'm')} required />
              <TextField id="m-title" label={t('meeting.title')} description={t('meetings.titleHelp')} value={one.title} onChange={(v) => setOne({ ...one, title: v })} errors={errorsByField(oneForm.errors, 'm')} maxLength={200} />
              <div className="button-row">
                <Button type="submit" appearance="primary-action-button">{t('meetings.oneSubmit')}</Button>
              </div>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
}
