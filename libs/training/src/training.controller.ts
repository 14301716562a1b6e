import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readUpload } from '@hocba/program';
import { BearerAuthGuard, CurrentUser, Roles, type AuthUser } from '@hocba/auth';
import { ApiTableResponse, readTable, tableDownload, TableFormatError } from '@hocba/spreadsheets';
import { TrainingRecordDto, TrainingRecordListQueryDto, TrainingVolumeQueryDto } from './dto/training.dto';
import {
  TrainingImportResultDto,
  TrainingImportUploadDto,
  TrainingRecordIdDto,
  TrainingRecordViewDto,
  VolumeReportDto,
} from './dto/training-responses.dto';
import { TrainingService, type VolumeReport } from './training.service';

/** Training Hocba did not track, entered by the unit's coordinator (or national admins), and the volume report. */
@ApiTags('training volume')
@ApiBearerAuth()
@Controller('api/v1')
@UseGuards(BearerAuthGuard)
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post('training-records')
  @Roles('national-admin', 'coordinator')
  @HttpCode(201)
  @ApiCreatedResponse({ type: TrainingRecordIdDto })
  create(@Body() body: TrainingRecordDto, @CurrentUser() user: AuthUser) {
    return this.training.create(body, user);
  }

  /**
   * Records from an XLSX or CSV file (multipart part "file"; field dryRun=true checks only): all or
   * nothing, errors by row and field (400).
   */
  @Post('training-records/import')
  @Roles('national-admin', 'coordinator')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: TrainingImportUploadDto })
  @ApiCreatedResponse({ type: TrainingImportResultDto })
  @ApiBadRequestResponse({
    description: 'Any row has an error: nothing was written; errors lists them by row and field.',
  })
  async import(
    @Req() request: FastifyRequest,
    @Headers('content-type') contentType: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    const upload = await readUpload(contentType, request.body);
    let table;
    try {
      table = await readTable(upload.file, 10_000);
    } catch (error) {
      // The same refusal, naming the form's field.
      if (error instanceof TableFormatError) throw new TableFormatError(`file: ${error.message}`);
      throw error;
    }
    return this.training.importTable(table, user, upload.fields.dryRun === 'true');
  }

  @Get('training-records')
  @ApiOkResponse({ type: [TrainingRecordViewDto] })
  list(@Query() q: TrainingRecordListQueryDto, @CurrentUser() user: AuthUser) {
    return this.training.list(user, q.from, q.to);
  }

  @Put('training-records/:id')
  @Roles('national-admin', 'coordinator')
  @ApiOkResponse({ type: TrainingRecordViewDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TrainingRecordDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.training.update(id, body, user);
  }

  @Delete('training-records/:id')
  @Roles('national-admin', 'coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (audited).' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.training.remove(id, user);
  }

  /** Per province (either map) or central agency: self-organised, on a platform, total, ranked. National figures: every role sees them. */
  @Get('reports/training-volume')
  @ApiTableResponse({
    description: 'The report as format asks: JSON (default), CSV or XLSX.',
    json: VolumeReportDto,
  })
  async volume(
    @Query() q: TrainingVolumeQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VolumeReport | Buffer> {
    const report = await this.training.volume(q);
    if (q.format === 'json') return report;
    return tableDownload(
      reply,
      q.format,
      `hocba-tap-huan-${q.groupBy}-${q.from ?? 'dau'}-${q.to ?? 'nay'}`,
      this.training.volumeTable(report),
    );
  }
}
