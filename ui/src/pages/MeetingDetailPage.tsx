// One meeting (GET /api/v1/meetings/{id}): when, what, its status, the participants per
// organisation with their attendance, the way to the agenda, and the minutes as PDF and
// DOCX (GET .../minutes?format=). The chair records attendance, adds a participant and
// sets the status in one form (PATCH with the version read; a stale version says so and
// loads the current one, keeping nothing stale on screen).
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api, ApiError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import { MEETING_STATUSES, type Meeting, type Participant } from '../api/drieluik';
import { ROLES } from '../api/types';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../components/forms';
import { orgName, StatusBadge, useFormErrors, useLoad } from '../components/drieluik';
import { participantsByOrganisation } from '../drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading } from '../router';
import { useSession } from '../session';

export function MeetingDetailPage({ id }: { id: number }) {
  const { t, dateTime } = useI18n();
  const { viewer } = useSession();
  const { ref } = useReference();
  const meeting = useLoad<Meeting>(`/meetings/${id}`);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [status, setStatus] = useState('planned');
  const [added, setAdded] = useState({ organisation: '', role: '', name: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormErrors();
  const chair = mayDo(viewer, 'meeting.update');

  useEffect(() => {
    if (!meeting.data) return;
    setParticipants(meeting.data.participants.map((p) => ({ ...p })));
    setStatus(meeting.data.status);
  }, [meeting.data]);

  if (meeting.error) {
    return (
      <>
        <PageHeading>{t('meeting.heading')}</PageHeading>
        <Alert type="error"><Paragraph>{t(meeting.error.status === 404 || meeting.error.status === 403 ? 'meeting.notFound' : 'error.load')}</Paragraph></Alert>
      </>
    );
  }
  if (!meeting.data) {
    return (
      <>
        <PageHeading>{t('meeting.heading')}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }
  const m = meeting.data;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const list = [...participants];
    if (added.organisation || added.role || added.name) list.push({ organisation: added.organisation, role: added.role, ...(added.name ? { name: added.name } : {}) });
    try {
      await api<Meeting>(`/meetings/${id}`, { method: 'PATCH', body: { version: m.version, status, participants: list } });
      setAdded({ organisation: '', role: '', name: '' });
      setNotice(t('meeting.saved'));
      meeting.reload();
    } catch (err) {
      form.fail(err);
      if (err instanceof ApiError && err.status === 409) meeting.reload();
    }
  };

  const groups = participantsByOrganisation(participants);
  const byField = errorsByField(form.errors, 'mt');
  const attendance = (p: Participant) => (p.attended === true ? t('meeting.attended') : p.attended === false ? t('meeting.absent') : t('meeting.attendanceUnknown'));
  return (
    <>
      <PageHeading>{m.title}</PageHeading>
      <dl className="dl">
        <div className="dl-row"><dt>{t('meeting.type')}</dt><dd>{t(`meetingType.${m.type}`)}</dd></div>
        <div className="dl-row"><dt>{t('meeting.scheduledAt')}</dt><dd>{dateTime(m.scheduledAt)}</dd></div>
        <div className="dl-row"><dt>{t('meeting.status')}</dt><dd><StatusBadge group="meetingStatus" code={m.status} /></dd></div>
      </dl>
      <Paragraph>
        <AppLink to={`/overleggen/${id}/agenda`}>{chair ? t('meeting.toAgendaChair') : t('meeting.toAgenda')}</AppLink>
      </Paragraph>
      {notice ? (
        <Alert type="ok" role="status"><Paragraph>{notice}</Paragraph></Alert>
      ) : null}

      {mayDo(viewer, 'meeting.export') ? (
        <section aria-labelledby="sec-minutes">
          <Heading2 id="sec-minutes">{t('meeting.minutes')}</Heading2>
          <Paragraph>{t('meeting.minutesHelp')}</Paragraph>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={`/api/v1/meetings/${id}/minutes?format=pdf`} download>{t('meeting.minutesPdf')}</a>
            </li>
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={`/api/v1/meetings/${id}/minutes?format=docx`} download>{t('meeting.minutesDocx')}</a>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="sec-participants">
        <Heading2 id="sec-participants">{t('meeting.participants')}</Heading2>
        {chair ? <ErrorSummary id="attendance-errors" fieldPrefix="mt" errors={form.errors} message={form.message} focusKey={form.focusKey} /> : null}
        <form onSubmit={save} noValidate className="form wide" aria-labelledby="sec-participants">
          {groups.length === 0 ? <Paragraph>{t('meeting.noParticipants')}</Paragraph> : null}
          {groups.map((g) => (
            <div key={g.organisation} className="table-scroll">
              <Table>
                <TableCaption>{orgName(ref?.organisations, g.organisation)}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('meeting.role')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('meeting.name')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('meeting.attendance')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {g.members.map(({ index, participant: p }) => (
                    <TableRow key={index}>
                      <TableCell>{t(`role.${p.role}`)}</TableCell>
                      <TableCell>{p.name}</TableCell>
                      <TableCell>
                        {chair ? (
                          <CheckboxField
                            id={`mt-participants-${index}-attended`}
                            label={t('meeting.attendedFor', { role: t(`role.${p.role}`), organisation: orgName(ref?.organisations, p.organisation) })}
                            checked={p.attended === true}
                            onChange={(v) => setParticipants(participants.map((x, i) => (i === index ? { ...x, attended: v } : x)))}
                            errors={byField}
                          />
                        ) : (
                          attendance(p)
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ))}
          {chair ? (
            <>
              <Heading3>{t('meeting.addParticipant')}</Heading3>
              <div className="filter-grid">
                <SelectField id={`mt-participants-${participants.length}-organisation`} label={t('meeting.organisation')} value={added.organisation} onChange={(v) => setAdded({ ...added, organisation: v })} errors={byField} emptyLabel={t('edit.none')} options={(ref?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
                <SelectField id={`mt-participants-${participants.length}-role`} label={t('meeting.role')} value={added.role} onChange={(v) => setAdded({ ...added, role: v })} errors={byField} emptyLabel={t('edit.none')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                <TextField id={`mt-participants-${participants.length}-name`} label={t('meeting.name')} value={added.name} onChange={(v) => setAdded({ ...added, name: v })} errors={byField} maxLength={200} />
              </div>
              <SelectField id="mt-status" label={t('meeting.status')} value={status} onChange={setStatus} errors={byField} options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetingStatus.${s}`) }))} />
              <div className="button-row">
                <Button type="submit" appearance="primary-action-button">{t('meeting.save')}</Button>
              </div>
            </>
          ) : null}
        </form>
      </section>
    </>
  );
}
