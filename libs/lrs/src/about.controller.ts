import { Controller, Get, Header } from '@nestjs/common';
import { SUPPORTED_VERSIONS } from '@hocba/xapi';

/** GET /xapi/about: the versions this LRS speaks. Needs no credentials. */
@Controller('xapi')
export class AboutController {
  @Get('about')
  @Header('X-Experience-API-Version', SUPPORTED_VERSIONS[0])
  about(): { version: string[]; extensions: Record<string, unknown> } {
    return { version: [...SUPPORTED_VERSIONS, '1.0.2', '1.0.1', '1.0.0'], extensions: {} };
  }
}
