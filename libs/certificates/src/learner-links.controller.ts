import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiFileResponse } from '@hocba/spreadsheets';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { HocbaConfig } from '@hocba/config';
import { PAGE_HEADERS } from '@hocba/http-headers';
import { canMakeLearnerLinks, LrsClientsService, type LrsClient } from '@hocba/lrs';
import { CertificateStore } from './certificate-store';
import { CertificatesRepository } from './certificates.repository';
import { LearnerLinksService, type LearnerLink, type LearnerOverview } from './learner-links.service';
import { learnerPage } from './pages';
import { LearnerOverviewDto } from './dto/learner-link.dto';
import { HTML_PAGE } from './dto/html-page';
import { CertificateError } from './certificates.errors';

/** How long a learner link opens the learner's page. */
export const LEARNER_LINK_MINUTES = 15;

class AccountDto {
  @ApiProperty({ format: 'uri', description: 'The platform URL.', example: 'https://mooc.example.vn' })
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'account.homePage must be an absolute URL' },
  )
  homePage: string;

  @ApiProperty({
    maxLength: 300,
    description: "The learner's name (login) on the platform.",
    example: 'hv-000123',
  })
  @IsString()
  @MaxLength(300)
  name: string;
}

class LearnerLinkDto {
  @ApiProperty({ type: () => AccountDto, description: "The learner's account on the platform asking." })
  @IsDefined({ message: 'account is required: { homePage, name } of the learner on the platform' })
  @IsObject({ message: 'account must be an object { homePage, name }' })
  @ValidateNested()
  @Type(() => AccountDto)
  account: AccountDto;
}

class LearnerLinkCreatedDto {
  @ApiProperty({
    format: 'uri',
    description: "The learner's page; it opens for LEARNER_LINK_MINUTES (15) minutes.",
    example: 'https://hocba.example.vn/l/pX2v8KqLmN4rT6yW0zB3cD5fG7hJ9kQs',
  })
  url: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T03:15:00.000Z' })
  expiresAt: string;
}

/**
 * A platform: an LRS client (Basic credentials) that writes and reads statements (canMakeLearnerLinks).
 * Runs before the body is validated.
 */
@Injectable()
export class PlatformGuard implements CanActivate {
  constructor(private readonly clients: LrsClientsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; lrsClient?: LrsClient }>();
    const client = await this.clients.authenticate(request.headers.authorization);
    if (!canMakeLearnerLinks(client))
      throw new CertificateError(
        'learner_link.platform_only',
        'Only a platform (an LRS client that writes and reads statements: all, or statements/write with statements/read, statements/read/mine or all/read) can ask for learner links',
      );
    request.lrsClient = client;
    return true;
  }
}

/**
 * Learner links: a platform asks for a link for its learner's account; the learner opens their
 * courses, milestones and certificates with it, for LEARNER_LINK_MINUTES, without an account of
 * their own here. A platform scoped to courses links only learners with a seat in them, and its
 * links show those courses only: the platform holds the link too.
 */
@ApiTags('learners')
@Controller()
export class LearnerLinksController {
  constructor(
    private readonly links: LearnerLinksService,
    private readonly clients: LrsClientsService,
    private readonly certificates: CertificatesRepository,
    private readonly store: CertificateStore,
    private readonly config: HocbaConfig,
  ) {}

  @Post('api/v1/learner-links')
  @HttpCode(201)
  @ApiBasicAuth()
  @ApiCreatedResponse({ type: LearnerLinkCreatedDto })
  @ApiNotFoundResponse({ description: 'No learner of this platform has this account.' })
  @UseGuards(PlatformGuard)
  async create(
    @Req() request: { lrsClient: LrsClient },
    @Body() body: LearnerLinkDto,
  ): Promise<{ url: string; expiresAt: string }> {
    const learnerId = await this.links.learnerByAccount(
      body.account.homePage,
      body.account.name,
      request.lrsClient.id,
    );
    // One answer for an unknown account and for one outside the client's courses.
    if (!learnerId)
      throw new CertificateError(
        'learner_link.account_unknown',
        'No learner of this platform has this account',
      );
    const { token, expiresAt } = await this.links.create(
      learnerId,
      request.lrsClient.id,
      LEARNER_LINK_MINUTES,
    );
    return { url: `${this.config.publicUrl}/l/${token}`, expiresAt };
  }

  /** The learner's overview as JSON (for the web app). 410 once the link has expired. */
  @Get('api/v1/learner-links/:token')
  @ApiOkResponse({ type: LearnerOverviewDto })
  @ApiGoneResponse({ description: 'The link has expired: ask the platform for a new one.' })
  async overview(@Param('token') token: string): Promise<LearnerOverview> {
    const link = await this.liveLink(token);
    return this.links.overview(link.learnerId, link.courses);
  }

  /** The page the link opens. */
  @Get('l/:token')
  @ApiOkResponse({
    description: "The learner's page: courses, milestones, certificates.",
    content: HTML_PAGE,
  })
  @ApiResponse({ status: 404, description: 'The page saying there is no such link.', content: HTML_PAGE })
  @ApiResponse({ status: 410, description: 'The page saying the link has expired.', content: HTML_PAGE })
  async page(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const link = await this.links.resolve(token);
    reply
      .status(!link ? 404 : link.expired ? 410 : 200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .headers(PAGE_HEADERS);
    if (!link || link.expired)
      return learnerPage(token, link ? 'expired' : undefined, this.config.HOCBA_ISSUER_NAME);
    return learnerPage(
      token,
      await this.links.overview(link.learnerId, link.courses),
      this.config.HOCBA_ISSUER_NAME,
    );
  }

  /** One of the learner's own certificates, the bytes as issued. */
  @Get('l/:token/certificates/:code')
  @ApiFileResponse("One of the learner's own certificates, the PDF as issued.", 'application/pdf')
  async pdf(
    @Param('token') token: string,
    @Param('code') code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const link = await this.liveLink(token);
    const certificate = await this.certificates.findByCode(code, null);
    const owned =
      certificate?.state === 'issued' && certificate.storageKey
        ? await this.links.shows(link, certificate.id)
        : false;
    if (!certificate?.storageKey || !owned)
      throw new CertificateError('certificate.not_found', 'No such certificate among yours');
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${certificate.number}.pdf"`)
      .header('cache-control', 'no-store');
    return this.store.get(certificate.storageKey);
  }

  private async liveLink(token: string): Promise<LearnerLink> {
    const link = await this.links.resolve(token);
    if (!link) throw new CertificateError('learner_link.not_found', 'No such link');
    if (link.expired)
      throw new CertificateError(
        'learner_link.expired',
        'This link has expired: ask the platform for a new one',
      );
    return link;
  }
}
