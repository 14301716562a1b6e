import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { viLongDate } from '@hocba/units';

/** What a certificate shows. Names and titles exactly as written (NFC for a stable byte form). */
export interface CertificateContent {
  number: string;
  code: string;
  verifyUrl: string;
  fullName: string;
  courseTitle: string;
  cohortTitle: string;
  province: string;
  unit: string | null;
  /** The day it was issued, YYYY-MM-DD (Vietnam time). */
  issuedOn: string;
  /** The issuing body (HOCBA_ISSUER_NAME), top left as on Vietnamese official papers. */
  issuer: string;
}

type Font = fontkit.Font;

/**
 * DejaVu (shipped as the dejavu-fonts-ttf package): it covers every Vietnamese letter with its tone
 * marks, precomposed, and is embedded (subset) in each PDF, so any reader shows the name as
 * written without fonts of its own. Parsed once per process: parsing was most of a PDF's cost.
 */
let fonts: { regular: Font; bold: Font } | undefined;
export function vietnameseFonts(): { regular: Font; bold: Font } {
  if (!fonts) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: reusedAcrossPdfs(fontkit.create(readFileSync(join(dir, 'DejaVuSerif.ttf'))) as Font),
      bold: reusedAcrossPdfs(fontkit.create(readFileSync(join(dir, 'DejaVuSerif-Bold.ttf'))) as Font),
    };
  }
  return fonts;
}

type Run = fontkit.GlyphRun;
/** Words laid out per font: certificates repeat the same headings and the same few hundred name words. */
const LAYOUTS_KEPT = 5_000;

/**
 * Keeps, for the life of the process, what fontkit would otherwise work out again for every PDF:
 * each glyph's outline (read again to build each PDF's font subset) and each word's layout; with
 * both kept a certificate takes 4.4-4.9 ms of CPU instead of 7.5-10.5 ms (`npm run bench:pdf`).
 * Safe because these fonts are static TrueType (no variations), so an outline never changes;
 * layouts are handed out as copies, because pdfkit scales a run's positions in place.
 */
function reusedAcrossPdfs(font: Font): Font {
  const getGlyph = font.getGlyph.bind(font);
  const remembered = new WeakSet<object>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints) as fontkit.Glyph & { _decode?: () => unknown };
    if (glyph && typeof glyph._decode === 'function' && !remembered.has(glyph)) {
      const decode = glyph._decode.bind(glyph);
      let outline: { value: unknown } | undefined;
      glyph._decode = () => (outline ??= { value: decode() }).value;
      remembered.add(glyph);
    }
    return glyph;
  };
  const layout = font.layout.bind(font) as (text: string, features?: unknown, ...rest: unknown[]) => Run;
  const runs = new Map<string, Run>();
  font.layout = (text: string, features?: unknown, ...rest: unknown[]) => {
    // Script, language or direction given: not what pdfkit asks, laid out afresh.
    if (rest.length > 0) return layout(text, features, ...rest);
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      run = layout(text, features);
      if (runs.size >= LAYOUTS_KEPT) runs.clear();
      runs.set(key, run);
    }
    return copyRun(run);
  };
  return font;
}

/** A run whose positions can be changed without touching the original (glyphs are shared: pdfkit only reads them). */
function copyRun(run: Run): Run {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as Run, run);
  copy.positions = run.positions.map((p) =>
    Object.assign(Object.create(Object.getPrototypeOf(p) as object), p),
  );
  return copy;
}

const INK = '#1f2a44';
const ACCENT = '#9b2c2c';

/**
 * A PDF document with the Vietnamese fonts registered as "regular" (also the default) and "bold",
 * and the promise of its bytes once `doc.end()` is called.
 */
export function vietnamesePdf(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  bytes: Promise<Buffer>;
} {
  const { regular, bold } = vietnameseFonts();
  // Our font from the start: the default (Helvetica) would be loaded and parsed for nothing.
  const doc = new PDFDocument({ ...options, font: regular as unknown as string });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  return { doc, bytes };
}

/** Renders the certificate: A4 landscape, Vietnamese, with a QR code of the verification URL. */
export function renderCertificatePdf(c: CertificateContent): Promise<Buffer> {
  const { doc, bytes: done } = vietnamesePdf({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    info: { Title: `Giấy chứng nhận ${c.number}`, Author: 'Hocba', Subject: c.courseTitle },
  });
  const width = doc.page.width;
  const height = doc.page.height;
  const text = width - 2 * 72;

  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1)
    .rect(32, 32, width - 64, height - 64)
    .stroke();

  // The heading of Vietnamese official papers: the issuing body on the left, the state and its
  // motto on the right (the motto takes en dashes, not hyphens).
  const left = text * 0.42;
  const right = text - left - 12;
  doc.fillColor(INK).font('bold').fontSize(11);
  doc.text(c.issuer.normalize('NFC'), 72, 60, { width: left, align: 'center' });
  const leftBottom = doc.y;
  doc
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 72 + left + 12, 60, { width: right, align: 'center' });
  doc.font('regular').fontSize(12).text('Độc lập – Tự do – Hạnh phúc', { width: right, align: 'center' });
  doc.x = 72;
  doc.y = Math.max(doc.y, leftBottom);
  doc.moveDown(1.2);
  doc.fillColor(ACCENT).font('bold').fontSize(34).text('GIẤY CHỨNG NHẬN', { width: text, align: 'center' });
  doc.moveDown(0.6);
  doc.fillColor(INK).font('regular').fontSize(14).text('Chứng nhận ông/bà', { width: text, align: 'center' });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(28).text(c.fullName.normalize('NFC'), { width: text, align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(13);
  if (c.unit) doc.text(`Đơn vị: ${c.unit.normalize('NFC')}`, { width: text, align: 'center' });
  doc.text(`Tỉnh/Thành phố: ${c.province.normalize('NFC')}`, { width: text, align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(14).text('Đã hoàn thành khóa học', { width: text, align: 'center' });
  doc.font('bold').fontSize(18).text(c.courseTitle.normalize('NFC'), { width: text, align: 'center' });
  doc
    .font('regular')
    .fontSize(12)
    .text(`Lớp: ${c.cohortTitle.normalize('NFC')}`, { width: text, align: 'center' });

  const footer = height - 150;
  doc.fontSize(12).text(`Số: ${c.number}`, 72, footer);
  doc.text(viLongDate(c.issuedOn), 72, footer + 18);
  doc.fontSize(10).text(`Mã xác thực: ${c.code}`, 72, footer + 48);
  doc.text(`Kiểm tra tại: ${c.verifyUrl}`, 72, footer + 62, { link: c.verifyUrl });

  drawQr(doc, c.verifyUrl, width - 72 - 96, footer - 10, 96);
  doc.end();
  return done;
}

/** The QR code as vector squares (sharp at any zoom), with the standard four-module quiet zone. */
function drawQr(doc: PDFKit.PDFDocument, value: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (qr.modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
  doc.fill();
}
