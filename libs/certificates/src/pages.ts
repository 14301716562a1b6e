import type { PublicCertificate } from './certificates.service';
import type { LearnerOverview } from './learner-links.repository';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');

/** One small, self-contained HTML document (no script, no external file), readable on a phone. */
function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} - Hocba</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2a44;line-height:1.5}
main{max-width:36rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.35rem;margin:.5rem 0 0}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
p.en{margin:0 0 1rem;color:#4a5568}
.badge{border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0;border:2px solid}
.valid{background:#e6f4ea;border-color:#1e7e34}.revoked{background:#fdecea;border-color:#a61b1b}.unknown{background:#fff4e5;border-color:#8a5300}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.4rem 1rem;background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 .75rem}
dt{font-weight:600;color:#4a5568}dd{margin:0;word-break:break-word}
a{color:#1a4e8a}
footer{font-size:.85rem;color:#4a5568;margin-top:1rem}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

const list = (rows: [string, string][]) =>
  `<dl>\n${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('\n')}\n</dl>`;

/** The public verification page: one small, self-contained HTML document (no script, no external file). */
export function verificationPage(code: string, c: PublicCertificate | undefined): string {
  const verdict = !c
    ? { cls: 'unknown', vi: 'Không tìm thấy giấy chứng nhận', en: 'No certificate has this code' }
    : c.status === 'revoked'
      ? { cls: 'revoked', vi: 'Giấy chứng nhận đã bị thu hồi', en: 'This certificate has been revoked' }
      : { cls: 'valid', vi: 'Giấy chứng nhận hợp lệ', en: 'This certificate is valid' };
  const rows: [string, string][] = c
    ? [
        ['Số / Number', c.number],
        ['Học viên / Learner', c.learner],
        ['Khóa học / Course', c.course],
        ['Tỉnh, thành phố / Province', c.province],
        ['Ngày cấp / Issued', day(c.issuedAt)],
        ...(c.status === 'revoked'
          ? ([
              ['Ngày thu hồi / Revoked', day(c.revokedAt)],
              ['Lý do / Reason', c.revokeReason ?? ''],
            ] as [string, string][])
          : []),
      ]
    : [['Mã / Code', code]];
  return htmlPage(
    verdict.vi,
    `<div class="badge ${verdict.cls}" role="status">
<h1>${escape(verdict.vi)}</h1>
<p class="en" lang="en">${escape(verdict.en)}</p>
</div>
${list(rows)}
<footer>Hocba · Tên học viên được che một phần để bảo vệ dữ liệu cá nhân / The learner's name is partly masked to protect personal data.</footer>`,
  );
}

/** A learner's own page (through a platform's link): their courses, milestones and certificates. */
export function learnerPage(token: string, o: LearnerOverview | 'expired' | undefined): string {
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
  ['Lớp / Cohort', c.cohort],
  ['Tỉnh, thành phố / Province', c.province],
  ['Kích hoạt / Activated', day(c.activatedAt) || '—'],
  ['Bắt đầu học / Started', day(c.startedAt) || '—'],
  ['Hoàn thành / Completed', day(c.completedAt) || '—'],
  ['Đạt / Passed', day(c.passedAt) || '—'],
  ['Được cấp GCN / Certified', day(c.certifiedAt) || '—'],
])}`,
    )
    .join('\n');
  const certificates = o.certificates.length
    ? `<ul>${o.certificates
        .map(
          (c) =>
            `<li>${c.state === 'issued' ? `<a href="/l/${escape(token)}/certificates/${escape(c.code)}">` : ''}${escape(c.number)} – ${escape(c.course)}${c.state === 'issued' ? '</a>' : ' (đã thu hồi / revoked)'} · ${day(c.issuedAt)}</li>`,
        )
        .join('')}</ul>`
    : '<p>Chưa có giấy chứng nhận. / No certificate yet.</p>';
  return htmlPage(
    o.fullName,
    `<h1>${escape(o.fullName)}</h1>
<p class="en">Quá trình học tập / Your courses</p>
${courses}
<h2>Giấy chứng nhận / Certificates</h2>
${certificates}
<footer>Hocba · Liên kết này chỉ dùng được trong thời gian ngắn. / This link works for a short time only.</footer>`,
  );
}
