import { Table, Title } from '@mantine/core';
import { useCourses, useGet, type Enrollment, type Progress, type Statement } from '../client';
import { ErrorText } from '../components/ui';
import { useApp } from '../context';
import { formatDateTime } from '../format';
import type { Language } from '../i18n';
import { learnerStatus } from '../learner-status';
import { errorText } from '../messages';

/** The verbs platforms send, for statements that carry no display name in the reader's language. */
const VERBS: Record<string, { vi: string; en: string }> = {
  launched: { vi: 'mở khóa học', en: 'launched' },
  initialized: { vi: 'bắt đầu phiên học', en: 'initialized' },
  attempted: { vi: 'làm bài', en: 'attempted' },
  experienced: { vi: 'xem', en: 'experienced' },
  progressed: { vi: 'học tiếp', en: 'progressed' },
  completed: { vi: 'hoàn thành', en: 'completed' },
  passed: { vi: 'đạt', en: 'passed' },
  failed: { vi: 'không đạt', en: 'failed' },
  satisfied: { vi: 'đáp ứng yêu cầu', en: 'satisfied' },
  terminated: { vi: 'kết thúc phiên học', en: 'terminated' },
  registered: { vi: 'đăng ký', en: 'registered' },
  answered: { vi: 'trả lời', en: 'answered' },
  scored: { vi: 'được chấm điểm', en: 'scored' },
};

/** A language map's entry for the reader: their language first, then any. */
function display(map: Record<string, string> | undefined, language: Language): string | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map);
  const mine = keys.find((k) => k.toLowerCase().startsWith(language));
  return map[mine ?? keys[0]];
}

function verbText(s: Statement, language: Language): string {
  const last = s.verb?.id.split('/').pop() ?? '';
  const known = VERBS[last]?.[language];
  const given = display(s.verb?.display, language);
  // A display in the reader's language wins; else the known word; else whatever the platform sent.
  const inMine =
    s.verb?.display && Object.keys(s.verb.display).some((k) => k.toLowerCase().startsWith(language));
  return (inMine ? given : (known ?? given)) ?? last;
}

/**
 * One learner's seat, for staff: their name as the title, each milestone in words with its local
 * date and time, the statements as people read them, and each raw statement one click away.
 */
export function EnrollmentPage(props: { enrollmentId: string; cohortId?: string }) {
  const { t, language } = useApp();
  const progress = useGet<Progress>(`/api/v1/enrollments/${props.enrollmentId}/progress`);
  const seats = useGet<Enrollment[]>(props.cohortId && `/api/v1/cohorts/${props.cohortId}/enrollments`);
  const courses = useCourses();
  const activity = (s: Statement) =>
    display(s.object?.definition?.name, language) ??
    courses.data?.find((c) => c.activityId === s.object?.id)?.title ??
    s.object?.id;
  const seat = props.cohortId ? seats.data?.find((e) => e.id === props.enrollmentId) : undefined;
  const p = progress.data;
  const byId = new Map(p?.statements.map((s) => [s.id, s]));
  return (
    <>
      <p>
        <a href={props.cohortId ? `#/cohort/${props.cohortId}` : '#/'}>← {t.back}</a>
      </p>
      <Title order={1}>{seat?.learner.fullName ?? t.learners}</Title>
      {seat && (
        <p className="cohort-facts">
          {t.cohort}: {p?.cohortCode} · {t.unit}: {seat.unit ?? '—'} · {t.status}:{' '}
          <strong>{t.learnerStatuses[learnerStatus(seat)]}</strong>
        </p>
      )}
      <ErrorText>{errorText(progress.error, language)}</ErrorText>
      {p && (
        <>
          <Title order={2} size="h3">
            {t.milestones}
          </Title>
          <dl className="milestones">
            {Object.entries(p.milestones)
              .sort((a, b) => a[1].at.localeCompare(b[1].at))
              .map(([name, m]) => {
                const s = byId.get(m.statementId);
                return (
                  <div key={name}>
                    <dt>{t.milestoneNames[name] ?? name}</dt>
                    <dd>
                      {formatDateTime(m.at)}
                      {s && ` · ${verbText(s, language)}`}
                    </dd>
                  </div>
                );
              })}
            {p.certifiedAt && (
              <div>
                <dt>{t.milestoneNames.certified}</dt>
                <dd>{formatDateTime(p.certifiedAt)}</dd>
              </div>
            )}
          </dl>
          <Title order={2} size="h3">
            {t.statements}
          </Title>
          <Table.ScrollContainer minWidth={500}>
            <Table className="statements" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t.time}</Table.Th>
                  <Table.Th scope="col">{t.verb}</Table.Th>
                  <Table.Th scope="col">{t.activity}</Table.Th>
                  <Table.Th scope="col">{t.platform}</Table.Th>
                  <Table.Th scope="col">{t.raw}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...p.statements]
                  .sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''))
                  .map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatDateTime(s.timestamp)}</Table.Td>
                      <Table.Td data-verb={s.verb?.id.split('/').pop()}>{verbText(s, language)}</Table.Td>
                      <Table.Td>{activity(s)}</Table.Td>
                      <Table.Td>{s.context?.platform ?? ''}</Table.Td>
                      <Table.Td>
                        <details>
                          <summary>JSON</summary>
                          <pre className="raw" tabIndex={0}>
                            {JSON.stringify(s, null, 2)}
                          </pre>
                        </details>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
