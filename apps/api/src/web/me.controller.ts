import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentUser, type AuthUser, type Role } from '@hocba/auth';
import { UnitsService } from '@hocba/units';

export interface MeView {
  username: string;
  role: Role;
  /** The provinces and central agencies a coordinator works for, by name; empty for national roles. */
  units: { id: string; name: string; kind: 'province' | 'agency' }[];
}

/** Who is signed in, for the web app's navigation and a coordinator's home: their units by name. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
@UseGuards(BearerAuthGuard)
export class MeController {
  constructor(private readonly units: UnitsService) {}

  @Get()
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
