export { UnitsModule } from './units.module';
export { UnitsService } from './units.service';
export { provinceOnMapSql, type AdminUnit, type Era } from './units.repository';
export { nameKey, provinceKey, slug, vietnamDay } from './vietnamese';
export { provinceScope, type ProvinceScope } from './province-scope';
