// The worklist of actions (GET /api/v1/actions, the caller's scope: the region for the
// ZVHG roles, the own organisation for the others), by due date; "only overdue" asks the
// server (?overdue=true), whose clock decides. Overdue actions are marked in words and
// style, not colour alone.
import { useState } from 'react';
import { Alert, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useReference } from '../api/reference';
import { ACTION_STATUSES, type Action } from '../api/drieluik';
import { CheckboxField, SelectField } from '../components/forms';
import { DueBadge, orgName, StatusBadge, useLoad } from '../components/drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading, useRouter } from '../router';
import { useSession } from '../session';

export function ActionsPage() {
  const { t, date } = useI18n();
  const { viewer } = useSession();
  const { ref } = useReference();
  const { location, navigate } = useRouter();
  const params = new URLSearchParams(location.search);
  const overdue = params.get('verlopen') === '1';
  const [status, setStatus] = useState(overdue ? '' : 'open');
  const list = useLoad<{ items: Action[] }>('/actions', { overdue: overdue ? 'true' : undefined, status: status || undefined, limit: 500 });
  const items = list.data?.items ?? [];
  const overdueCount = items.filter((a) => a.overdue).length;
  return (
    <>
      <PageHeading>{overdue ? t('actions.titleOverdue') : t('actions.title')}</PageHeading>
      <Paragraph>{t('actions.intro')}</Paragraph>
      {mayDo(viewer, 'action.create') ? (
        <Paragraph>
          <AppLink to="/acties/nieuw">{t('actions.new')}</AppLink>
        </Paragraph>
      ) : null}
      <div className="form filters">
        <div className="filter-grid">
          <CheckboxField id="actions-overdue" label={t('actions.onlyOverdue')} checked={overdue} onChange={(v) => navigate(v ? '/acties?verlopen=1' : '/acties', { replace: true })} />
          <SelectField id="actions-status" label={t('actions.filterStatus')} value={status} onChange={setStatus} emptyLabel={t('actions.allStatuses')} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))} />
        </div>
      </div>
      {list.error ? (
        <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
      ) : !list.data ? (
        <Paragraph>{t('common.loading')}</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>{overdue ? t('actions.emptyOverdue') : t('actions.empty')}</Paragraph>
      ) : (
        <>
          {overdueCount > 0 ? <Paragraph><strong>{t('actions.overdueCount', { count: overdueCount })}</strong></Paragraph> : null}
          <div className="table-scroll">
            <Table>
              <TableCaption className="visually-hidden">{t('actions.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('action.titleField')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.owner')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.organisation')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.dueDate')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.dueState')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('action.case')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((a) => (
                  <TableRow key={a.id} className={a.overdue ? 'row-overdue' : undefined}>
                    <TableCell>
                      <AppLink to={`/acties/${a.id}`}>{a.title}</AppLink>
                    </TableCell>
                    <TableCell>{a.owner}</TableCell>
                    <TableCell>{orgName(ref?.organisations, a.organisation)}</TableCell>
                    <TableCell className="nowrap">{date(a.dueDate)}</TableCell>
                    <TableCell><DueBadge action={a} /></TableCell>
                    <TableCell><StatusBadge group="actionStatus" code={a.status} /></TableCell>
                    <TableCell>{a.caseId ? <AppLink to={`/casussen/${a.caseId}`}>{t('case.numberValue', { id: a.caseId })}</AppLink> : null}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </>
  );
}
