export { UnitsModule } from './units.module';
export { UnitsService } from './units.service';
export type { AdminUnit, Era } from './units.repository';
export { nameKey, provinceKey, slug } from './vietnamese';
export { provinceScope, type ProvinceScope } from './province-scope';
