export { UnitsModule } from './units.module';
export { UnitsService } from './units.service';
export { provinceOnMapSql, type AdminUnit, type Era } from './units.repository';
export { nameKey, provinceKey, slug, nfc, toNfc } from './vietnamese';
export {
  vietnamDay,
  viDate,
  viDateTime,
  viLongDate,
  percent,
  PERCENT_NUMBER_FORMAT,
  VIETNAM_TIME_ZONE,
} from './vietnam-format';
export { provinceScope, type ProvinceScope } from './province-scope';
export { AdminUnitEntity } from './entities/admin-unit.entity';
export {
  buildProvinceMap,
  provinceMapResponse,
  type ProvinceMap,
  type ProvinceShape,
  type ArchipelagoMark,
} from './province-map';
