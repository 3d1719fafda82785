// The cases (casussen, GET /api/v1/cases), newest first, filtered by status: number,
// title, status, municipality, number of signals and last change.
import { useState } from 'react';
import { Alert, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useReference } from '../api/reference';
import { CASE_STATUSES, type Case } from '../api/drieluik';
import { SelectField } from '../components/forms';
import { StatusBadge, useLoad } from '../components/drieluik';
import { municipalityName } from '../components/SignalTable';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading } from '../router';

export function CasesPage() {
  const { t, dateTime } = useI18n();
  const { ref } = useReference();
  const [status, setStatus] = useState('');
  const list = useLoad<{ items: Case[] }>('/cases', { status: status || undefined, limit: 200 });
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeading>{t('cases.title')}</PageHeading>
      <Paragraph>{t('cases.intro')}</Paragraph>
      <div className="form narrow">
        <SelectField id="cases-status" label={t('cases.filterStatus')} value={status} onChange={setStatus} emptyLabel={t('cases.allStatuses')} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))} />
      </div>
      {list.error ? (
        <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
      ) : !list.data ? (
        <Paragraph>{t('common.loading')}</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>{t('cases.empty')}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table>
            <TableCaption className="visually-hidden">{t('cases.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('case.number')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('case.titleField')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('case.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('case.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('case.signalCount')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('case.updatedAt')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="nowrap">
                    <AppLink to={`/casussen/${c.id}`}>{t('case.numberValue', { id: c.id })}</AppLink>
                  </TableCell>
                  <TableCell>{c.title}</TableCell>
                  <TableCell><StatusBadge group="caseStatus" code={c.status} /></TableCell>
                  <TableCell>{municipalityName(ref?.municipalities, c.municipality)}</TableCell>
                  <TableCell>{c.signals.length}</TableCell>
                  <TableCell className="nowrap">{dateTime(c.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
