import { Module } from '@nestjs/common';
import { CERTIFICATE_STORE_PROVIDER } from '@hocba/certificates';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({
  controllers: [ErasureController],
  providers: [ErasureService, CERTIFICATE_STORE_PROVIDER],
})
export class ErasureModule {}
