import { All, Controller, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { negotiateVersion } from '@hocba/xapi';
import { LrsError } from '../lrs.errors';
import { XapiExceptionFilter } from './xapi-exception.filter';

/**
 * Any other path under /xapi. The version rule holds for every xAPI request but /about, so a
 * request without a usable X-Experience-API-Version is a 400 before it is a 404.
 */
@ApiExcludeController()
@Controller('xapi')
@UseFilters(XapiExceptionFilter)
export class XapiFallbackController {
  @All('*')
  fallback(@Req() request: FastifyRequest): never {
    const header = request.headers['x-experience-api-version'];
    try {
      negotiateVersion(Array.isArray(header) ? header[0] : header);
    } catch (e) {
      throw new LrsError(400, (e as Error).message);
    }
    throw new LrsError(
      404,
      `${request.method} ${request.url.split('?')[0]} is not an xAPI resource this LRS serves`,
    );
  }
}
