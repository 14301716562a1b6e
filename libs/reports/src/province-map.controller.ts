import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BearerAuthGuard } from '@hocba/auth';
import { invalidField } from '@hocba/errors';
import { provinceMapResponse } from '@hocba/units';
import { ProvinceMapDto } from './dto/province-map.dto';

/**
 * The outlines of the provinces the national overview colours by the funnel's rates: SVG paths
 * keyed by the same ids as the funnel's rows, built once per process (the 34 merged from the 63),
 * sent with an ETag so a browser asks again for nothing.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/provinces')
@UseGuards(BearerAuthGuard)
export class ProvinceMapController {
  /** `era`: legacy (63 provinces until 30/6/2025) or current (34 from 1/7/2025). */
  @Get('map')
  @ApiQuery({ name: 'era', required: false, enum: ['legacy', 'current'], example: 'current' })
  @ApiOkResponse({
    type: ProvinceMapDto,
    description: 'Answered 304 with no body to an If-None-Match of its ETag.',
  })
  map(
    @Query('era') era = 'current',
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    if (era !== 'legacy' && era !== 'current')
      throw invalidField('era', 'isIn', 'era must be legacy or current');
    const { body, etag } = provinceMapResponse(era);
    // Private: the API answers signed-in people only; an hour, then a cheap 304 when unchanged.
    reply.header('etag', etag).header('cache-control', 'private, max-age=3600');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  }
}
