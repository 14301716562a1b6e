import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { JobAcceptedDto } from '@hocba/jobs';
import { CohortAccess } from '@hocba/program';
import { ApiFileResponse, tableDownload, XLSX_TYPE } from '@hocba/spreadsheets';
import { CertificatesService, manifestTable, staffView } from './certificates.service';
import { CertificateDto, CertificateListQueryDto, ReasonDto, ZipQueryDto } from './dto/certificate.dto';

/** Certificates for signed-in staff, each within their provinces. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1')
@UseGuards(BearerAuthGuard)
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly access: CohortAccess,
  ) {}

  /** The certificates of a cohort: number, code, state, who. */
  @Get('certificates')
  @ApiOkResponse({ type: [CertificateDto] })
  async list(@Query() query: CertificateListQueryDto, @CurrentUser() user: AuthUser) {
    return (await this.certificates.list(query.cohortId, user)).map(staffView);
  }

  /** The PDF exactly as issued (the same bytes every time). */
  @Get('certificates/:code/pdf')
  @ApiFileResponse('The PDF exactly as issued; its ETag is its SHA-256.', 'application/pdf')
  async pdf(
    @Param('code') code: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { certificate, bytes } = await this.certificates.pdf(code, user);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${certificate.number}.pdf"`)
      .header('etag', `"${certificate.sha256}"`);
    return bytes;
  }

  @Get('certificates/:code')
  @ApiOkResponse({ type: CertificateDto })
  async one(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    return staffView(await this.certificates.byCode(code, user));
  }

  @Post('certificates/:code/revoke')
  @Roles('national-admin', 'coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificateDto })
  async revoke(@Param('code') code: string, @Body() body: ReasonDto, @CurrentUser() user: AuthUser) {
    return staffView(await this.certificates.revoke(code, body.reason, user));
  }

  @Post('certificates/:code/reissue')
  @Roles('national-admin', 'coordinator')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CertificateDto, description: 'The new certificate; the old one is revoked.' })
  async reissue(@Param('code') code: string, @Body() body: ReasonDto, @CurrentUser() user: AuthUser) {
    return staffView(await this.certificates.reissue(code, body.reason, user));
  }

  /** Issue to all in the cohort who qualify and have none: a job to follow at /api/v1/jobs/{jobId}. */
  @Post('cohorts/:id/certificates')
  @Roles('national-admin', 'coordinator')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async issue(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ jobId: string }> {
    const cohort = await this.access.get(id, user);
    return { jobId: await this.certificates.issueForCohort(cohort, user) };
  }

  /** Starts building the cohort's ZIP (every issued PDF and the manifest): a job to follow. */
  @Post('cohorts/:id/certificates.zip')
  @Roles('national-admin', 'coordinator')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async startZip(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ jobId: string }> {
    const cohort = await this.access.get(id, user);
    return { jobId: await this.certificates.startZip(cohort, user) };
  }

  /** The ZIP a job built (its result gives this address), streamed. */
  @Get('cohorts/:id/certificates.zip')
  @ApiFileResponse("The cohort's issued PDFs and the manifest, in one ZIP.", 'application/zip')
  async zip(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ZipQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const cohort = await this.access.get(id, user);
    const stream = await this.certificates.zip(cohort, query.jobId, user);
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="giay-chung-nhan-${cohort.code}.zip"`);
    return new StreamableFile(stream);
  }

  /** Who got which number (the manifest), as XLSX. */
  @Get('cohorts/:id/certificates.xlsx')
  @ApiFileResponse('The manifest (who got which number), as XLSX.', XLSX_TYPE)
  manifestXlsx(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return this.manifest(id, 'xlsx', user, reply);
  }

  /** The same manifest as CSV (UTF-8 with BOM). */
  @Get('cohorts/:id/certificates.csv')
  @ApiFileResponse('The manifest, as CSV (UTF-8 with BOM).', 'text/csv')
  manifestCsv(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return this.manifest(id, 'csv', user, reply);
  }

  private async manifest(
    id: string,
    format: 'xlsx' | 'csv',
    user: AuthUser,
    reply: FastifyReply,
  ): Promise<Buffer> {
    const cohort = await this.access.get(id, user);
    const rows = await this.certificates.list(id, user);
    return tableDownload(reply, format, `giay-chung-nhan-${cohort.code}`, manifestTable(rows, cohort.title));
  }
}
