import type { PublicCertificate } from './certificates.service';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');

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
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(verdict.vi)} - Hocba</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2a44;line-height:1.5}
main{max-width:36rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.35rem;margin:.5rem 0 0}
p.en{margin:0 0 1rem;color:#4a5568}
.badge{border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0;border:2px solid}
.valid{background:#e6f4ea;border-color:#1e7e34}.revoked{background:#fdecea;border-color:#a61b1b}.unknown{background:#fff4e5;border-color:#8a5300}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.4rem 1rem;background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:0}
dt{font-weight:600;color:#4a5568}dd{margin:0;word-break:break-word}
footer{font-size:.85rem;color:#4a5568;margin-top:1rem}
</style>
</head>
<body>
<main>
<div class="badge ${verdict.cls}" role="status">
<h1>${escape(verdict.vi)}</h1>
<p class="en" lang="en">${escape(verdict.en)}</p>
</div>
<dl>
${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('\n')}
</dl>
<footer>Hocba · Tên học viên được che một phần để bảo vệ dữ liệu cá nhân / The learner's name is partly masked to protect personal data.</footer>
</main>
</body>
</html>`;
}
