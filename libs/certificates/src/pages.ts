import { LABELS } from '@hocba/spreadsheets';
import { viDate } from '@hocba/units';
import type { PublicCertificate } from './certificates.service';
import type { LearnerOverview } from './learner-links.service';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Dates in Vietnam time: a certificate issued at 04:34 in Hà Nội is dated that day, not the UTC day before. */
const day = viDate;

/** One small HTML document (no script, nothing from elsewhere but the site's icon), readable on a phone. */
function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<title>${escape(title)} - Hocba</title>
<style>
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2a44;line-height:1.5;overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.25rem 0 0}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
.en{color:#4a5568;font-weight:400}
p.en{margin:.25rem 0 0}
.badge{border-radius:.75rem;padding:.875rem 1rem;margin:.75rem 0;border:2px solid}
.valid{background:#e6f4ea;border-color:#1e7e34}.revoked{background:#fdecea;border-color:#a61b1b}.unknown{background:#fff4e5;border-color:#8a5300}
dl{background:#fff;border-radius:.75rem;padding:.75rem 1rem;margin:0 0 .75rem}
dt{font-weight:600;color:#3d4759;font-size:.9rem;margin-top:.6rem}dt:first-child{margin-top:0}
dt .en{font-size:.8rem}
dd{margin:0}
.number{white-space:nowrap;overflow-wrap:normal;font-variant-numeric:tabular-nums}
ul{padding-left:1.25rem}li{margin:.35rem 0}
a{color:#1a4e8a}
footer{font-size:.85rem;color:#3d4759;margin-top:1rem}
/* Labels above values on a phone; side by side from a tablet's width up. */
@media (min-width:40rem){
main{padding:1.5rem}
dl{display:grid;grid-template-columns:13rem 1fr;gap:.5rem 1rem;padding:1rem 1.25rem}
dt,dt:first-child{margin-top:0}
}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** A label: Vietnamese, then (quieter, marked as English for screen readers) the English. */
type Label = [vi: string, en: string];
/** A row: its label, its value, and whether the value must stay on one line (a certificate number). */
type Row = [Label, string, 'number'?];

const label = ([vi, en]: Label) => `${escape(vi)} <span class="en" lang="en">/ ${escape(en)}</span>`;

const list = (rows: Row[]) =>
  `<dl>\n${rows
    .map(([k, v, kind]) => `<dt>${label(k)}</dt><dd${kind ? ` class="${kind}"` : ''}>${escape(v)}</dd>`)
    .join('\n')}\n</dl>`;

/** The public verification page: one small HTML document (no script). */
export function verificationPage(code: string, c: PublicCertificate | undefined, issuer: string): string {
  const verdict = !c
    ? { cls: 'unknown', vi: 'Không tìm thấy giấy chứng nhận', en: 'No certificate has this code' }
    : c.status === 'revoked'
      ? { cls: 'revoked', vi: 'Giấy chứng nhận đã bị thu hồi', en: 'This certificate has been revoked' }
      : { cls: 'valid', vi: 'Giấy chứng nhận hợp lệ', en: 'This certificate is valid' };
  const rows: Row[] = c
    ? [
        [['Số', 'Number'], c.number, 'number'],
        [['Học viên', 'Learner'], c.learner],
        [[LABELS.course, 'Course'], c.course],
        [[LABELS.province, 'Province'], c.province],
        [['Ngày cấp', 'Issued'], day(c.issuedAt)],
        [['Cơ quan cấp', 'Issued by'], issuer],
        ...(c.status === 'revoked'
          ? ([
              [['Ngày thu hồi', 'Revoked'], day(c.revokedAt)],
              [['Lý do', 'Reason'], c.revokeReason ?? ''],
            ] as Row[])
          : []),
      ]
    : [[['Mã', 'Code'], code, 'number']];
  return htmlPage(
    verdict.vi,
    `<div class="badge ${verdict.cls}" role="status">
<h1>${escape(verdict.vi)}</h1>
<p class="en" lang="en">${escape(verdict.en)}</p>
</div>
${list(rows)}
<footer>Hocba · Tên học viên được che một phần để bảo vệ dữ liệu cá nhân. <span class="en" lang="en">The learner's name is partly masked to protect personal data.</span></footer>`,
  );
}

/** A learner's own page (through a platform's link): their courses, milestones and certificates. */
export function learnerPage(
  token: string,
  o: LearnerOverview | 'expired' | undefined,
  issuer: string,
): string {
  if (o === undefined || o === 'expired')
    return htmlPage(
      'Liên kết không còn hiệu lực',
      `<div class="badge unknown" role="status"><h1>Liên kết không còn hiệu lực</h1>
<p class="en" lang="en">This link has expired or does not exist: open it again from your learning platform.</p></div>`,
    );
  const courses = o.courses
    .map(
      (c) => `<h2>${escape(c.course)}</h2>
${list([
  // The milestones in the words of the reports and exports (one glossary).
  [[LABELS.cohort, 'Cohort'], c.cohort],
  [[LABELS.province, 'Province'], c.province],
  [[LABELS.activated, 'Activated'], day(c.activatedAt) || '—'],
  [[LABELS.started, 'Started'], day(c.startedAt) || '—'],
  [[LABELS.completed, 'Completed'], day(c.completedAt) || '—'],
  [[LABELS.passed, 'Passed the exam'], day(c.passedAt) || '—'],
  [[LABELS.certified, 'Certified'], day(c.certifiedAt) || '—'],
])}`,
    )
    .join('\n');
  const certificates = o.certificates.length
    ? `<ul>${o.certificates
        .map((c) => {
          const number = `<span class="number">${escape(c.number)}</span>`;
          const title = `${number} – ${escape(c.course)}`;
          return `<li>${
            c.state === 'issued'
              ? `<a href="/l/${escape(token)}/certificates/${escape(c.code)}">${title}</a>`
              : `${title} (đã thu hồi <span class="en" lang="en">/ revoked</span>)`
          } · Ngày cấp ${day(c.issuedAt)}</li>`;
        })
        .join('')}</ul>
<p>Cơ quan cấp <span class="en" lang="en">/ Issued by</span>: ${escape(issuer)}</p>`
    : '<p>Chưa có giấy chứng nhận. <span class="en" lang="en">No certificate yet.</span></p>';
  return htmlPage(
    o.fullName,
    `<h1>${escape(o.fullName)}</h1>
<p class="en">Quá trình học tập <span lang="en">/ Your courses</span></p>
${courses}
<h2>Giấy chứng nhận <span class="en" lang="en">/ Certificates</span></h2>
${certificates}
<footer>Hocba · Liên kết này chỉ dùng được trong thời gian ngắn. <span class="en" lang="en">This link works for a short time only.</span></footer>`,
  );
}
