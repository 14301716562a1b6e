import { createHash } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HocbaConfig } from '@hocba/config';
import { PAGE_HEADERS } from '@hocba/http-headers';
import { readUpload, UploadError } from '@hocba/program';
import { CertificatesService, publicView, type PublicCertificate } from './certificates.service';
import { PublicCertificateDto, VerifiedFileDto, VerifyUploadDto } from './dto/certificate.dto';
import { HTML_PAGE } from './dto/html-page';
import { verificationPage } from './pages';
import { CertificateError } from './certificates.errors';

/** Largest PDF the public check reads (a certificate is about 30 KB). */
const MAX_PDF = 5 * 1024 * 1024;

/**
 * Verification, for anyone, without login: by code (the QR code's link) and by the PDF itself.
 * Revoked certificates answer 410 with the date and reason, so revoked and forged never look alike.
 */
@ApiTags('verification')
@Controller()
export class VerifyController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly config: HocbaConfig,
  ) {}

  @Get('api/v1/verify/:code')
  @ApiOkResponse({ type: PublicCertificateDto, description: 'A valid certificate.' })
  @ApiGoneResponse({ type: PublicCertificateDto, description: 'A revoked certificate: when and why.' })
  @ApiNotFoundResponse({ description: 'No certificate has this code.' })
  async verify(
    @Param('code') code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicCertificate> {
    const certificate = await this.certificates.verify(code);
    if (!certificate || certificate.state === 'pending')
      throw new CertificateError('certificate.not_found', 'No certificate has this code');
    if (certificate.state === 'revoked') reply.status(410);
    return publicView(certificate);
  }

  /** Is this file, byte for byte, a certificate we issued? `application/pdf` body or multipart part "file". */
  @Post('api/v1/verify')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    type: VerifyUploadDto,
    description:
      'The PDF as the part "file"; or the PDF itself as the body, with Content-Type: application/pdf.',
  })
  @ApiOkResponse({ type: VerifiedFileDto })
  async verifyFile(
    @Req() request: FastifyRequest,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<{ issued: boolean; certificate?: PublicCertificate }> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    let file: Buffer;
    if (type === 'application/pdf' && Buffer.isBuffer(request.body)) file = request.body;
    else file = (await readUpload(contentType, request.body)).file;
    if (file.length === 0) throw new UploadError('upload.empty_file', 'file is empty', { field: 'file' });
    if (file.length > MAX_PDF)
      throw new UploadError('upload.file_too_large', `file must be at most ${MAX_PDF} bytes`, {
        field: 'file',
        params: { limitMiB: MAX_PDF / 1024 / 1024 },
      });
    const sha256 = createHash('sha256').update(file).digest('hex');
    const certificate = await this.certificates.verifyBySha256(sha256);
    return certificate ? { issued: true, certificate: publicView(certificate) } : { issued: false };
  }

  /** The page the QR code opens: readable on a phone, the same facts as the API. */
  @Get('v/:code')
  @ApiOkResponse({ description: 'The verification page of a valid certificate.', content: HTML_PAGE })
  @ApiResponse({
    status: 404,
    description: 'The page saying no certificate has this code.',
    content: HTML_PAGE,
  })
  @ApiResponse({
    status: 410,
    description: 'The page of a revoked certificate: when and why.',
    content: HTML_PAGE,
  })
  async page(@Param('code') code: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const certificate = await this.certificates.verify(code);
    const shown = certificate && certificate.state !== 'pending' ? publicView(certificate) : undefined;
    reply
      .status(!shown ? 404 : shown.status === 'revoked' ? 410 : 200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .headers(PAGE_HEADERS);
    return verificationPage(code, shown, this.config.HOCBA_ISSUER_NAME);
  }
}
