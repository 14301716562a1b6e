import { Global, Module } from '@nestjs/common';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

/** Administrative units: provinces of both maps and the central agencies. */
@Global()
@Module({ providers: [UnitsRepository, UnitsService], exports: [UnitsService] })
export class UnitsModule {}
