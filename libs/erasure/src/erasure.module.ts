import { Module } from '@nestjs/common';
import { CERTIFICATE_STORE_PROVIDER } from '../../certificates/src';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({
  controllers: [ErasureController],
  providers: [ErasureService, CERTIFICATE_STORE_PROVIDER],
})
export class ErasureModule {}
