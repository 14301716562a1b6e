import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
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
import { LrsClientsService } from './lrs-clients.service';
import { LrsClientError } from '../lrs.errors';

export class CreateLrsClientDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LRS_SCOPES, { each: true, message: `scopes must each be one of ${LRS_SCOPES.join(', ')}` })
  scopes: LrsScope[];

  /** Scopes the client to these courses (codes): it writes statements about their activities only. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'courses must each be a course code' })
  courses?: string[];
}

/** LRS clients for the platforms. The secret is shown once, here; only its hash is kept. */
@Controller('api/v1/lrs-clients')
@UseGuards(BearerAuthGuard)
@Roles('national-admin')
export class LrsClientsController {
  constructor(private readonly clients: LrsClientsService) {}

  @Post()
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
  list() {
    return this.clients.list();
  }

  /** Disables a client (a leaked secret, a platform that left); audited. */
  @Post(':key/disable')
  @HttpCode(204)
  async disable(@Param('key') key: string, @CurrentUser() user: AuthUser): Promise<void> {
    if (!(await this.clients.disable(key, user.id)))
      throw new LrsClientError('lrs_client.not_found', `No LRS client with key ${key}`);
  }
}
