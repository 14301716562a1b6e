import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { LRS_SCOPES, type LrsScope } from './lrs-client';
import type { LrsClientListing } from './lrs-clients.repository';
import { LrsClientsService } from './lrs-clients.service';
import { LrsClientError } from '../lrs.errors';

const EXAMPLE_COURSES = ['DA06-K1'];

export class CreateLrsClientDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Nền tảng MOOC tỉnh Hà Nội' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...LRS_SCOPES] },
    minItems: 1,
    description: 'xAPI scopes; `all` and `all/read` include the others as the specification says.',
    example: ['statements/write', 'statements/read/mine', 'state'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LRS_SCOPES, { each: true, message: `scopes must each be one of ${LRS_SCOPES.join(', ')}` })
  scopes: LrsScope[];

  /** Scopes the client to these courses (codes): it writes statements about their activities only. */
  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    maxItems: 100,
    description:
      'Scopes the client to these courses (codes): it writes statements about their activities only.',
    example: EXAMPLE_COURSES,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'courses must each be a course code' })
  courses?: string[];
}

/** An LRS client as issued: the only answer that shows its secret. */
export class IssuedLrsClientDto {
  @ApiProperty({ description: 'The Basic authentication user name.', example: 'lrs-Xk3v9QmZpL2a' })
  key: string;

  @ApiProperty({
    description: 'The Basic authentication password, shown this once.',
    example: 'q8VdS0n1T4rYb6wE2mHc9kLpZ3xA5uJf',
  })
  secret: string;

  @ApiProperty({ example: 'Nền tảng MOOC tỉnh Hà Nội' })
  name: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...LRS_SCOPES] },
    example: ['statements/write', 'state'],
  })
  scopes: LrsScope[];

  @ApiPropertyOptional({ type: [String], example: EXAMPLE_COURSES })
  courses?: string[];
}

/** An LRS client as listed: never its secret (only its hash is kept). */
export class LrsClientListingDto implements LrsClientListing {
  @ApiProperty({ format: 'uuid', example: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id: string;

  @ApiProperty({ example: 'Nền tảng MOOC tỉnh Hà Nội' })
  name: string;

  @ApiProperty({ example: 'lrs-Xk3v9QmZpL2a' })
  key: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...LRS_SCOPES] },
    example: ['statements/write', 'state'],
  })
  scopes: LrsScope[];

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Null: every course.',
    example: EXAMPLE_COURSES,
  })
  courses: string[] | null;

  @ApiProperty({ format: 'date-time', example: '2026-10-01T02:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disabledAt: string | null;
}

/** LRS clients for the platforms. The secret is shown once, here; only its hash is kept. */
@ApiTags('lrs clients')
@ApiBearerAuth()
@Controller('api/v1/lrs-clients')
@UseGuards(BearerAuthGuard)
@Roles('national-admin')
export class LrsClientsController {
  constructor(private readonly clients: LrsClientsService) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedLrsClientDto })
  async create(
    @Body() body: CreateLrsClientDto,
    @CurrentUser() user: AuthUser,
  ): Promise<{ key: string; secret: string; name: string; scopes: LrsScope[]; courses?: string[] }> {
    const issued = await this.clients.issue(body.name, body.scopes, user.id, body.courses);
    if (!issued) throw new LrsClientError('lrs_client.key_collision', 'Key collision; try again');
    return issued;
  }

  /** Every client, without secrets (only their hashes are kept). */
  @Get()
  @ApiOkResponse({ type: [LrsClientListingDto] })
  list(): Promise<LrsClientListing[]> {
    return this.clients.list();
  }

  /** Disables a client (a leaked secret, a platform that left); audited. */
  @Post(':key/disable')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Disabled.' })
  async disable(@Param('key') key: string, @CurrentUser() user: AuthUser): Promise<void> {
    if (!(await this.clients.disable(key, user.id)))
      throw new LrsClientError('lrs_client.not_found', `No LRS client with key ${key}`);
  }
}
