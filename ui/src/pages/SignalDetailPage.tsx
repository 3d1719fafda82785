// One signal: every field, the triage with its explanation (urgency, the three
// elements act/means/purpose, proposed routes with their reasons), the indicators by
// name, involved parties, signals linked to it (GET /signals/{id}/links) with why,
// later additions from the reporter and the history; from the Drieluik, where the API
// gives them to the caller: the assessment's outcome category (GET /signals/{id}/feedback,
// what the reporter may know) and the cases the signal belongs to (GET /cases?signalId=).
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiError } from '../api/client';
import { useReference, type Reference } from '../api/reference';
import type { Signal, SignalLink } from '../api/types';
import type { Case, Feedback } from '../api/drieluik';
import { StatusBadge } from '../components/drieluik';
import { municipalityName, UrgencyBadge } from '../components/SignalTable';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading } from '../router';

export function indicatorLabel(ref: Reference | null, code: string, lang: 'nl' | 'en'): string {
  for (const l of ref?.catalog?.lists ?? [])
    for (const g of l.groups) for (const i of g.indicators) if (i.code === code) return lang === 'en' ? i.en : i.nl;
  return '';
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SignalDetailPage({ id }: { id: number }) {
  const { t, lang, pick, dateTime, date, number } = useI18n();
  const { ref } = useReference();
  const [signal, setSignal] = useState<Signal | null>(null);
  const [links, setLinks] = useState<SignalLink[] | null>(null);
  const [error, setError] = useState<'notFound' | 'load' | null>(null);
  // null while loading; 'absent' when the API does not give it to this caller.
  const [feedback, setFeedback] = useState<Feedback | 'absent' | null>(null);
  const [cases, setCases] = useState<Case[] | 'absent' | null>(null);

  useEffect(() => {
    let alive = true;
    api<Signal>(`/signals/${id}`)
      .then((s) => alive && setSignal(s))
      .catch((e) => alive && setError(e instanceof ApiError && (e.status === 404 || e.status === 403) ? 'notFound' : 'load'));
    api<{ items: SignalLink[] }>(`/signals/${id}/links`)
      .then((r) => alive && setLinks(r.items))
      .catch(() => alive && setLinks([]));
    api<Feedback>(`/signals/${id}/feedback`)
      .then((f) => alive && setFeedback(f))
      .catch(() => alive && setFeedback('absent'));
    api<{ items: Case[] }>('/cases', { query: { signalId: id } })
      .then((r) => alive && setCases(r.items))
      .catch(() => alive && setCases('absent'));
    return () => {
      alive = false;
    };
  }, [id]);

  if (error) {
    return (
      <>
        <PageHeading>{t('signal.title')}</PageHeading>
        <Alert type="error"><Paragraph>{t(error === 'notFound' ? 'signal.notFound' : 'error.load')}</Paragraph></Alert>
      </>
    );
  }
  if (!signal) {
    return (
      <>
        <PageHeading>{t('signal.title')}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }
  const s = signal;
  const formLabel = (code: string) => {
    const f = ref?.forms.find((x) => x.code === code);
    return f ? (lang === 'en' ? f.en : f.nl) : code;
  };
  const orgName = (oid?: string) => ref?.organisations.find((o) => o.id === oid)?.name ?? oid ?? '';
  const triage = s.triage;

  return (
    <>
      <PageHeading>
        {t('signal.titleWith', { reference: s.referenceCode })}
      </PageHeading>
      <Paragraph className="lead">{s.summary}</Paragraph>
      <div className="signal-meta">
        <span className="status-badge">{t(`status.${s.status}`)}</span> <UrgencyBadge level={triage?.urgency?.level} acute={s.acuteDanger} />
      </div>
      <Paragraph>
        <AppLink to={`/meldingen/${s.id}/bewerken`}>{t('signal.edit')}</AppLink>
      </Paragraph>

      {triage ? (
        <section aria-labelledby="sec-triage" className="card">
          <Heading2 id="sec-triage">{t('triage.title')}</Heading2>
          {triage.summary ? <Paragraph>{pick(triage.summary)}</Paragraph> : null}
          {triage.urgency ? (
            <>
              <Heading3>
                {t('triage.urgency')}: {t(`urgency.${triage.urgency.level}`)}
                {triage.urgency.score !== undefined ? ` (${t('triage.score', { score: number(triage.urgency.score) })})` : ''}
              </Heading3>
              {triage.urgency.reasons?.length ? (
                <UnorderedList>
                  {triage.urgency.reasons.map((r, i) => (
                    <UnorderedListItem key={i}>{pick(r)}</UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : null}
            </>
          ) : null}
          {triage.elements ? (
            <>
              <Heading3>{t('triage.elements')}</Heading3>
              <dl className="dl">
                {(['act', 'means', 'purpose'] as const).map((k) => {
                  const el = triage.elements?.[k];
                  if (!el) return null;
                  return (
                    <div className="dl-row" key={k}>
                      <dt>
                        {t(`element.${k}`)}: <span className={`element element--${el.status}`}>{t(`elementStatus.${el.status}`)}</span>
                      </dt>
                      <dd>{el.reasons?.map((r) => pick(r)).join(' ')}</dd>
                    </div>
                  );
                })}
              </dl>
            </>
          ) : null}
          <Heading3>{t('triage.routes')}</Heading3>
          {triage.routes?.length ? (
            <UnorderedList>
              {triage.routes.map((r, i) => (
                <UnorderedListItem key={i}>
                  <strong>{t(`route.${r.route}`)}</strong>
                  {r.reason ? `: ${pick(r.reason)}` : ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>{t('triage.noRoutes')}</Paragraph>
          )}
        </section>
      ) : null}

      {feedback && feedback !== 'absent' ? (
        <section aria-labelledby="sec-feedback">
          <Heading2 id="sec-feedback">{t('signal.feedback')}</Heading2>
          {feedback.assessed ? (
            <Paragraph>
              {feedback.outcomeLabel ? pick(feedback.outcomeLabel) : feedback.outcome ? t(`outcome.${feedback.outcome}`) : ''}
              {feedback.assessedAt ? ` (${dateTime(feedback.assessedAt)})` : ''}
            </Paragraph>
          ) : (
            <Paragraph>{t('signal.notAssessed')}</Paragraph>
          )}
        </section>
      ) : null}

      {cases && cases !== 'absent' ? (
        <section aria-labelledby="sec-cases">
          <Heading2 id="sec-cases">{t('signal.cases')}</Heading2>
          {cases.length === 0 ? (
            <Paragraph>{t('signal.noCases')}</Paragraph>
          ) : (
            <UnorderedList>
              {cases.map((c) => (
                <UnorderedListItem key={c.id}>
                  <AppLink to={`/casussen/${c.id}`}>{t('case.headingWith', { id: c.id, title: c.title })}</AppLink> · <StatusBadge group="caseStatus" code={c.status} />
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </section>
      ) : null}

      <section aria-labelledby="sec-details">
        <Heading2 id="sec-details">{t('signal.details')}</Heading2>
        <dl className="dl">
          <Field label={t('signal.referenceCode')}>{s.referenceCode}</Field>
          <Field label={t('signal.status')}>{t(`status.${s.status}`)}</Field>
          <Field label={t('signal.channel')}>{t(`channel.${s.channel}`)}</Field>
          <Field label={t('signal.receivedAt')}>{dateTime(s.receivedAt)}</Field>
          <Field label={t('signal.observedAt')}>{dateTime(s.observedAt)}</Field>
          <Field label={t('signal.municipality')}>{municipalityName(ref?.municipalities, s.municipality)}</Field>
          <Field label={t('signal.organisation')}>{orgName(s.organisation)}</Field>
          <Field label={t('signal.location')}>{s.location}</Field>
          <Field label={t('signal.forms')}>{(s.forms ?? []).map(formLabel).join(', ')}</Field>
          <Field label={t('signal.vulnerableGroups')}>{(s.vulnerableGroups ?? []).map((g) => t(`vulnerable.${g}`)).join(', ')}</Field>
          <Field label={t('signal.acuteDanger')}>{s.acuteDanger ? t('common.yes') : t('common.no')}</Field>
          <Field label={t('signal.version')}>{String(s.version)}</Field>
        </dl>
        <Heading3>{t('signal.description')}</Heading3>
        <Paragraph className="prewrap">{s.description}</Paragraph>
        <Heading3>{t('signal.reporter')}</Heading3>
        {!s.reporter || s.reporter.anonymous !== false ? (
          <Paragraph>{t('signal.reporterAnonymous')}</Paragraph>
        ) : (
          <dl className="dl">
            <Field label={t('reporter.name')}>{s.reporter.name}</Field>
            <Field label={t('reporter.organisation')}>{s.reporter.organisation}</Field>
            <Field label={t('reporter.phone')}>{s.reporter.phone}</Field>
            <Field label={t('reporter.email')}>{s.reporter.email}</Field>
            <Field label={t('reporter.professional')}>{s.reporter.professional ? t('common.yes') : t('common.no')}</Field>
          </dl>
        )}
      </section>

      <section aria-labelledby="sec-indicators">
        <Heading2 id="sec-indicators">{t('signal.indicators')}</Heading2>
        {s.indicators?.length ? (
          <UnorderedList>
            {s.indicators.map((i) => (
              <UnorderedListItem key={i.code}>
                <strong>{i.code}</strong> {indicatorLabel(ref, i.code, lang)}
                {i.note ? <span className="note"> · {i.note}</span> : null}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : (
          <Paragraph>{t('common.none')}</Paragraph>
        )}
      </section>

      <section aria-labelledby="sec-involved">
        <Heading2 id="sec-involved">{t('signal.involved')}</Heading2>
        {s.persons?.length ? (
          <>
            <Heading3>{t('signal.persons')}</Heading3>
            <UnorderedList>
              {s.persons.map((p, i) => (
                <UnorderedListItem key={i}>
                  <strong>{t(`personRole.${p.role}`)}</strong>: {[p.name, p.dateOfBirth ? date(p.dateOfBirth) : '', p.estimatedAge !== undefined ? t('person.age', { age: p.estimatedAge }) : '', p.gender ? t(`gender.${p.gender}`) : '', p.nationality, p.description].filter(Boolean).join(' · ')}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
        {s.addresses?.length ? (
          <>
            <Heading3>{t('signal.addresses')}</Heading3>
            <UnorderedList>
              {s.addresses.map((a, i) => (
                <UnorderedListItem key={i}>{[`${a.street ?? ''} ${a.houseNumber ?? ''}`.trim(), `${a.postcode ?? ''} ${a.city ?? ''}`.trim(), a.description].filter(Boolean).join(', ')}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
        {s.businesses?.length ? (
          <>
            <Heading3>{t('signal.businesses')}</Heading3>
            <UnorderedList>
              {s.businesses.map((b, i) => (
                <UnorderedListItem key={i}>{[b.name, b.kvkNumber ? t('business.kvk', { kvk: b.kvkNumber }) : '', b.sector].filter(Boolean).join(' · ')}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
        {s.phoneNumbers?.length ? (
          <>
            <Heading3>{t('signal.phoneNumbers')}</Heading3>
            <UnorderedList>
              {s.phoneNumbers.map((p, i) => (
                <UnorderedListItem key={i}>{[p.number, p.description].filter(Boolean).join(' · ')}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
        {s.vehicles?.length ? (
          <>
            <Heading3>{t('signal.vehicles')}</Heading3>
            <UnorderedList>
              {s.vehicles.map((v, i) => (
                <UnorderedListItem key={i}>{[v.licensePlate, v.description].filter(Boolean).join(' · ')}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
        {!s.persons?.length && !s.addresses?.length && !s.businesses?.length && !s.phoneNumbers?.length && !s.vehicles?.length ? <Paragraph>{t('common.none')}</Paragraph> : null}
      </section>

      <section aria-labelledby="sec-links">
        <Heading2 id="sec-links">{t('signal.links')}</Heading2>
        {links === null ? (
          <Paragraph>{t('common.loading')}</Paragraph>
        ) : links.length === 0 ? (
          <Paragraph>{t('signal.noLinks')}</Paragraph>
        ) : (
          <UnorderedList>
            {links.map((l) => (
              <UnorderedListItem key={l.signalId}>
                <AppLink to={`/meldingen/${l.signalId}`}>{l.referenceCode}</AppLink> · {dateTime(l.receivedAt)} · {l.summary} · {t(`status.${l.status}`)}
                <div className="note">{(l.reasons ?? []).map((r) => pick(r)).join('; ')}</div>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>

      {s.additions?.length ? (
        <section aria-labelledby="sec-additions">
          <Heading2 id="sec-additions">{t('signal.additions')}</Heading2>
          <UnorderedList>
            {s.additions.map((a, i) => (
              <UnorderedListItem key={i}>
                {dateTime(a.at)}: <span className="prewrap">{a.text}</span>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}

      <section aria-labelledby="sec-history">
        <Heading2 id="sec-history">{t('signal.history')}</Heading2>
        <ol className="utrecht-ordered-list history">
          {(s.history ?? []).map((h, i) => (
            <li key={i} className="utrecht-ordered-list__item">
              {dateTime(h.at)} · {t(`history.${h.action}`)}
              {h.actor ? ` · ${h.actor}` : ''}
              {h.fields?.length ? ` · ${h.fields.map((f) => t(`field.${f}`)).join(', ')}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
