// Screens that only say something: loading, not allowed for this role, not yet
// available (a later part of drieluik), not found, and a welcome for roles without a
// worklist. No fake content.
import { Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading } from '../router';

export function MessagePage({ kind, sectionLabelKey }: { kind: 'loading' | 'forbidden' | 'notAvailable' | 'notFound' | 'welcome'; sectionLabelKey?: string }) {
  const { t } = useI18n();
  const section = sectionLabelKey ? t(sectionLabelKey) : '';
  return (
    <>
      <PageHeading>{t(`message.${kind}.title`, { section })}</PageHeading>
      <Paragraph>{t(`message.${kind}.text`, { section })}</Paragraph>
      {kind !== 'loading' ? (
        <Paragraph>
          <AppLink to="/">{t('message.home')}</AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}
