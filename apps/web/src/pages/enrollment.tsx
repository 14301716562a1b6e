import { useApi } from '../components/use-api';
import type { words } from '../i18n';

interface Progress {
  enrollmentId: string;
  status: string;
  cohortCode: string;
  milestones: Record<string, { at: string; statementId: string }>;
  certifiedAt: string | null;
  statements: { id: string; verb?: { id: string }; object?: { id?: string }; timestamp?: string }[];
}

/** One learner's seat: each milestone and the statement behind it. */
export function EnrollmentPage(props: { t: ReturnType<typeof words>; enrollmentId: string }) {
  const { t } = props;
  const progress = useApi<Progress>(`/api/v1/enrollments/${props.enrollmentId}/progress`);
  const p = progress.data;
  return (
    <>
      <p>
        <button type="button" onClick={() => history.back()}>
          ← {t.back}
        </button>
      </p>
      <h1>
        {t.milestones} ({p?.cohortCode ?? ''})
      </h1>
      {progress.error && (
        <p role="alert" className="error">
          {progress.error}
        </p>
      )}
      {p && (
        <>
          <dl className="milestones">
            {Object.entries(p.milestones).map(([name, m]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  {m.at} <code>{m.statementId}</code>
                </dd>
              </div>
            ))}
            {p.certifiedAt && (
              <div>
                <dt>{t.certified}</dt>
                <dd>{p.certifiedAt}</dd>
              </div>
            )}
          </dl>
          <h2>{t.statements}</h2>
          <table className="statements">
            <thead>
              <tr>
                <th scope="col">timestamp</th>
                <th scope="col">verb</th>
                <th scope="col">object</th>
                <th scope="col">id</th>
              </tr>
            </thead>
            <tbody>
              {p.statements.map((s) => (
                <tr key={s.id}>
                  <td>{s.timestamp}</td>
                  <td>{s.verb?.id.split('/').pop()}</td>
                  <td>{s.object?.id}</td>
                  <td>
                    <code>{s.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
