import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUnitEntity } from './entities/admin-unit.entity';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

/**
 * Administrative units: provinces of both maps and the central agencies (seeded at start). Every
 * module that resolves a province or a caller's reach imports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AdminUnitEntity])],
  providers: [UnitsRepository, UnitsService],
  exports: [UnitsService],
})
export class UnitsModule {}
