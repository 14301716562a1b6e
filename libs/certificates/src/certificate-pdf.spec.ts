import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf, type CertificateContent } from './certificate-pdf';

const content = (fullName: string): CertificateContent => ({
  number: 'HB-2026-000123',
  code: 'ABCDEFGH2JKMNPQR',
  verifyUrl: 'https://hocba.example.vn/v/ABCDEFGH2JKMNPQR',
  fullName,
  courseTitle: 'Chuyển đổi số trong cơ quan nhà nước',
  cohortTitle: 'Lớp Đề án 06 — đợt 1',
  province: 'Bắc Giang',
  unit: 'Công an huyện Lục Ngạn',
  issuedOn: '2026-12-02',
  issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội (C06) – Bộ Công an',
});

/** The PDF without its creation time and the file identifier made from it: all else must be the same. */
const timeless = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '');

describe('certificate PDF', () => {
  const work = mkdtempSync(join(tmpdir(), 'hocba-pdf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const text = (pdf: Buffer, name: string) => {
    writeFileSync(join(work, name), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, name), '-'], {
      encoding: 'utf8',
    }).normalize('NFC');
  };

  // The fonts keep glyph outlines and word layouts across PDFs of the process: a later PDF must be
  // the one a fresh process would make (pdfkit scales layouts in place; a shared one would shrink).
  it('renders the same certificate identically after other certificates reused the fonts', async () => {
    const first = await renderCertificatePdf(content('Nguyễn Thị Ngọc Ánh'));
    const other = await renderCertificatePdf(content('Đặng Quốc Hưng'));
    const again = await renderCertificatePdf(content('Nguyễn Thị Ngọc Ánh'));
    expect(timeless(again)).toEqual(timeless(first));
    expect(text(again, 'again.pdf')).toContain('Nguyễn Thị Ngọc Ánh');
    expect(text(other, 'other.pdf')).toContain('Đặng Quốc Hưng');
    expect(text(other, 'other.pdf')).toContain('Chuyển đổi số trong cơ quan nhà nước');
  });

  it('names the issuing body and writes the national motto with en dashes and the day in Vietnamese', async () => {
    const pdf = await renderCertificatePdf({
      ...content('Trần Văn Bình'),
      issuer: 'Trung tâm Đào tạo Tỉnh Bắc Giang',
    });
    const words = text(pdf, 'issuer.pdf').replace(/\s+/g, ' ');
    expect(words).toContain('Trung tâm Đào tạo Tỉnh Bắc Giang');
    expect(words).toContain('Độc lập – Tự do – Hạnh phúc');
    expect(words).toContain('Ngày 02 tháng 12 năm 2026');
  });
});
