/**
 * Certificate PDF rendering alone, in this process: CPU per certificate once the fonts are loaded
 * (no database, no queue, no storage; `bench:certificates` measures the whole job).
 *
 *   npm run bench:pdf [-- --count 400]
 *
 * Names vary among common Vietnamese ones, as a cohort's would. Pin it to one core for steadier
 * figures on a shared machine: `taskset -c 0 node dist/bench/pdf.js`.
 */
import { renderCertificatePdf, type CertificateContent } from '@hocba/certificates';
import { arg } from './support';

const COUNT = arg('count', 400);
const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bích Ngọc',
  'Lê Hoàng Phúc',
  'Phạm Thị Hương',
  'Hoàng Đức Thắng',
  'Vũ Thị Thu Trang',
  'Đặng Quốc Việt',
  'Bùi Thị Lan Anh',
];

const certificate = (i: number): CertificateContent => ({
  number: `HB-2026-${String(i).padStart(6, '0')}`,
  code: `ABCDEFGH${String(i).padStart(8, '0')}`,
  verifyUrl: `https://hocba.example.vn/v/ABCDEFGH${i}`,
  fullName: NAMES[i % NAMES.length],
  courseTitle: 'Chuyển đổi số trong cơ quan nhà nước',
  cohortTitle: `Lớp ${i % 30}`,
  province: 'Hà Nội',
  unit: 'Sở Nội vụ',
  issuedOn: '2026-12-02',
  issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội (C06) – Bộ Công an',
});

async function main(): Promise<void> {
  // Warm-up: fonts parsed, code compiled.
  for (let i = 0; i < 50; i++) await renderCertificatePdf(certificate(i));
  const started = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < COUNT; i++) bytes += (await renderCertificatePdf(certificate(i))).length;
  const used = process.cpuUsage(cpu);
  console.log(`## Certificate PDFs: ${COUNT} rendered after 50 of warm-up`);
  console.log(`CPU per certificate: ${((used.user + used.system) / 1000 / COUNT).toFixed(2)} ms`);
  console.log(`wall per certificate: ${((performance.now() - started) / COUNT).toFixed(2)} ms`);
  console.log(`size: ${(bytes / COUNT / 1024).toFixed(1)} KB each`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
