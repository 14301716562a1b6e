import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentUser, ROLES, type AuthUser, type Role } from '@hocba/auth';
import { UnitsService } from '@hocba/units';

export interface MeView {
  username: string;
  role: Role;
  /** The provinces and central agencies a coordinator works for, by name; empty for national roles. */
  units: { id: string; name: string; kind: 'province' | 'agency' }[];
}

class MeUnitDto {
  @ApiProperty({
    description: 'A unit id: current:<slug>, legacy:<code> or agency:<slug>.',
    example: 'current:ha-noi',
  })
  id: string;

  @ApiProperty({ example: 'Hà Nội' })
  name: string;

  @ApiProperty({ enum: ['province', 'agency'], example: 'province' })
  kind: 'province' | 'agency';
}

class MeDto implements MeView {
  @ApiProperty({ example: 'dieu-phoi-hanoi' })
  username: string;

  @ApiProperty({ enum: ROLES, example: 'coordinator' })
  role: Role;

  @ApiProperty({
    type: () => [MeUnitDto],
    description: 'The provinces and central agencies a coordinator works for; empty for national roles.',
  })
  units: MeUnitDto[];
}

/** Who is signed in, for the web app's navigation and a coordinator's home: their units by name. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
@UseGuards(BearerAuthGuard)
export class MeController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() user: AuthUser): Promise<MeView> {
    const mine = new Set(user.provinceIds);
    const known = mine.size
      ? [
          ...(await this.units.list('current')),
          ...(await this.units.list('legacy')),
          ...(await this.units.agencies()),
        ]
      : [];
    const units = known
      .filter((u) => mine.delete(u.id))
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
    return { username: user.username, role: user.role, units };
  }
}
