// A table of signal summaries (worklist sections and search results): reference code
// (link to the signal), received, summary, municipality, status and urgency.
import { Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { Municipality, SignalSummary } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { AppLink } from '../router';

export function municipalityName(list: Municipality[] | undefined, code: string | undefined | null): string {
  if (!code) return '';
  return list?.find((m) => m.code === code)?.name ?? code;
}

export function UrgencyBadge({ level, acute }: { level?: string; acute?: boolean }) {
  const { t } = useI18n();
  const l = acute ? 'acute' : level;
  if (!l) return null;
  return <span className={`urgency urgency--${l}`}>{t(`urgency.${l}`)}</span>;
}

export function SignalTable({ items, caption, municipalities, captionHidden }: { items: SignalSummary[]; caption: string; municipalities?: Municipality[]; captionHidden?: boolean }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-scroll">
      <Table>
        <TableCaption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('signal.referenceCode')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.receivedAt')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.summary')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.municipality')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signal.urgency')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((s) => (
            <TableRow key={s.id}>
              <TableCell className="nowrap">
                <AppLink to={`/meldingen/${s.id}`}>{s.referenceCode}</AppLink>
              </TableCell>
              <TableCell className="nowrap">{dateTime(s.receivedAt)}</TableCell>
              <TableCell>{s.summary}</TableCell>
              <TableCell>{municipalityName(municipalities, s.municipality)}</TableCell>
              <TableCell>{t(`status.${s.status}`)}</TableCell>
              <TableCell>
                <UrgencyBadge level={s.urgency} acute={s.acuteDanger} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
