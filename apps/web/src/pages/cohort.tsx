import { useState, type FormEvent } from 'react';
import { call, download, type Session } from '../api';
import { follow, type Job } from '../components/jobs';
import { useApi } from '../components/use-api';
import { MILESTONES, type Language, type words } from '../i18n';

interface Enrollment {
  id: string;
  status: string;
  unit: string | null;
  learner: { fullName: string; account: { name: string } | null };
  milestones: Record<'activatedAt' | 'startedAt' | 'completedAt' | 'passedAt' | 'certifiedAt', string | null>;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** One cohort: its learners and their milestones; for coordinators, the upload and the certificates. */
export function CohortPage(props: {
  t: ReturnType<typeof words>;
  language: Language;
  cohortId: string;
  role: Session['role'];
}) {
  const { t, cohortId } = props;
  const cohort = useApi<{ code: string; title: string; provinceName?: string }>(
    `/api/v1/cohorts/${cohortId}`,
  );
  const enrollments = useApi<Enrollment[]>(`/api/v1/cohorts/${cohortId}/enrollments`);
  const editor = props.role !== 'national-viewer';
  const notActivated =
    enrollments.data?.filter((e) => e.status === 'active' && !e.milestones.activatedAt) ?? [];
  return (
    <>
      <p>
        <a href="#/">← {t.dashboard}</a>
      </p>
      <h1>{cohort.data ? `${cohort.data.title} (${cohort.data.code})` : t.cohort}</h1>
      {cohort.error && (
        <p role="alert" className="error">
          {cohort.error}
        </p>
      )}
      {editor && <Upload t={t} cohortId={cohortId} onDone={enrollments.reload} />}
      {editor && <Certificates t={t} cohortId={cohortId} />}
      <h2>{t.learners}</h2>
      <table className="learners">
        <thead>
          <tr>
            <th scope="col">{t.learners}</th>
            <th scope="col">{t.unit}</th>
            <th scope="col">{t.status}</th>
            {MILESTONES.slice(1).map((m) => (
              <th scope="col" key={m}>
                {t[m]}
              </th>
            ))}
            {editor && <th scope="col">{t.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {enrollments.data?.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <a href={`#/enrollment/${e.id}`}>{e.learner.fullName}</a>
              </th>
              <td>{e.unit}</td>
              <td>{t.statuses[e.status] ?? e.status}</td>
              <td>{day(e.milestones.activatedAt)}</td>
              <td>{day(e.milestones.startedAt)}</td>
              <td>{day(e.milestones.completedAt)}</td>
              <td>{day(e.milestones.passedAt)}</td>
              <td>{day(e.milestones.certifiedAt)}</td>
              {editor && (
                <td>
                  <SeatActions t={t} enrollment={e} onDone={enrollments.reload} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        {t.chase} ({notActivated.length})
      </h2>
      <ul className="chase">
        {notActivated.map((e) => (
          <li key={e.id}>{e.learner.fullName}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * A seat's changes: a deduction (with its reason and the day it takes effect) or a replacement by
 * another learner, and taking either back. Each is audited by the API.
 */
function SeatActions(props: { t: ReturnType<typeof words>; enrollment: Enrollment; onDone: () => void }) {
  const { t, enrollment: e } = props;
  const [open, setOpen] = useState<'deduct' | 'replace'>();
  const [error, setError] = useState<string>();
  const act = (method: string, path: string, body?: unknown) => {
    setError(undefined);
    call(method, path, body).then(
      () => {
        setOpen(undefined);
        props.onDone();
      },
      (err: Error) => setError(err.message),
    );
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (open === 'deduct')
      act('POST', `/api/v1/enrollments/${e.id}/deduction`, {
        reason: form.get('reason'),
        effectiveOn: form.get('effectiveOn'),
      });
    else
      act('POST', `/api/v1/enrollments/${e.id}/replacement`, {
        learner: { fullName: form.get('fullName'), nationalId: form.get('nationalId') || undefined },
      });
  };
  if (e.status === 'deducted')
    return (
      <button type="button" onClick={() => act('DELETE', `/api/v1/enrollments/${e.id}/deduction`)}>
        {t.undoDeduction}
      </button>
    );
  if (e.status === 'replaced')
    return (
      <button type="button" onClick={() => act('DELETE', `/api/v1/enrollments/${e.id}/replacement`)}>
        {t.undoReplacement}
      </button>
    );
  return (
    <>
      <button type="button" onClick={() => setOpen(open === 'deduct' ? undefined : 'deduct')}>
        {t.deduct}
      </button>{' '}
      <button type="button" onClick={() => setOpen(open === 'replace' ? undefined : 'replace')}>
        {t.replace}
      </button>
      {open && (
        <form className="seat-form" onSubmit={submit}>
          {open === 'deduct' ? (
            <>
              <label>
                {t.reason}
                <input name="reason" required minLength={3} />
              </label>
              <label>
                {t.effectiveOn}
                <input name="effectiveOn" type="date" required />
              </label>
            </>
          ) : (
            <>
              <label>
                {t.newLearner}
                <input name="fullName" required />
              </label>
              <label>
                CCCD
                <input name="nationalId" inputMode="numeric" pattern="\d{12}" />
              </label>
            </>
          )}
          <button type="submit">{t.save}</button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

/** The enrollment file: a dry run first (what would change, which rows are wrong), then for real. */
function Upload(props: { t: ReturnType<typeof words>; cohortId: string; onDone: () => void }) {
  const { t } = props;
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dryRun = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'dry';
    form.set('dryRun', String(dryRun));
    setError(undefined);
    setJob(undefined);
    call<{ jobId: string }>('POST', `/api/v1/cohorts/${props.cohortId}/enrollments/import`, form)
      .then(({ jobId }) => follow(jobId, setJob))
      .then(() => !dryRun && props.onDone())
      .catch((e: Error) => setError(e.message));
  };
  const errors = job?.result?.errors ?? [];
  const notices = job?.result?.notices ?? [];
  return (
    <section aria-labelledby="upload-title" className="panel">
      <h2 id="upload-title">{t.upload}</h2>
      <form onSubmit={submit}>
        <label>
          {t.file}
          <input name="file" type="file" accept=".xlsx,.csv" required />
        </label>
        <button type="submit" value="dry">
          {t.dryRun}
        </button>
        <button type="submit" value="apply">
          {t.apply}
        </button>
      </form>
      {job && job.state !== 'completed' && job.state !== 'failed' && (
        <progress max={100} value={job.progress ?? 0} aria-label={t.loading} />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {job?.state === 'failed' && (
        <p role="alert" className="error">
          {job.error}
        </p>
      )}
      {job?.state === 'completed' && (
        <p role="status" data-testid="import-result">
          {t.resultText(job.result?.created ?? 0, job.result?.updated ?? 0, errors.length)}
        </p>
      )}
      {errors.length > 0 && <RowTable t={t} kind="errors" caption={t.errors} rows={errors} />}
      {notices.length > 0 && <RowTable t={t} kind="notices" caption={t.notices} rows={notices} />}
    </section>
  );
}

/** Rows of a file with a field and a message each: errors, or notices. */
function RowTable(props: {
  t: ReturnType<typeof words>;
  kind: 'errors' | 'notices';
  caption: string;
  rows: { row: number; field: string; message: string }[];
}) {
  const { t } = props;
  return (
    <table className={props.kind}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.row}</th>
          <th scope="col">{t.field}</th>
          <th scope="col">{t.message}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((e, i) => (
          <tr key={i}>
            <td>{e.row}</td>
            <td>{e.field}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Certificates for everyone who qualifies, then the cohort's ZIP, each a job with its progress. */
function Certificates(props: { t: ReturnType<typeof words>; cohortId: string }) {
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  const run = (path: string, then?: (job: Job) => Promise<void>) => {
    setError(undefined);
    call<{ jobId: string }>('POST', path)
      .then(({ jobId }) => follow(jobId, setJob))
      .then((done) => then?.(done))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <section className="panel">
      <button type="button" onClick={() => run(`/api/v1/cohorts/${props.cohortId}/certificates`)}>
        {props.t.issueCertificates}
      </button>
      <button
        type="button"
        onClick={() =>
          run(`/api/v1/cohorts/${props.cohortId}/certificates.zip`, (done) =>
            download(`/api/v1/cohorts/${props.cohortId}/certificates.zip?jobId=${done.id}`),
          )
        }
      >
        ZIP
      </button>
      <button
        type="button"
        onClick={() => void download(`/api/v1/cohorts/${props.cohortId}/certificates.xlsx`)}
      >
        {props.t.export} XLSX
      </button>
      {job && job.state !== 'completed' && job.state !== 'failed' && (
        <progress max={100} value={job.progress ?? 0} />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
