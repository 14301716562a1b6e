import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { BearerAuthGuard, Roles } from './auth.guard';
import { CreateUserDto } from './dto/create-user.dto';
import { LoginDto } from './dto/login.dto';
import { UsersService } from './users.service';

@Controller('api/v1')
export class AuthController {
  constructor(private readonly users: UsersService) {}

  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<{ accessToken: string }> {
    return this.users.login(body.username, body.password);
  }

  @Post('users')
  @UseGuards(BearerAuthGuard)
  @Roles('national-admin')
  async create(
    @Body() body: CreateUserDto,
  ): Promise<{ id: string; username: string; role: string; provinces: string[] }> {
    const user = await this.users.create(body);
    return { id: user.id, username: user.username, role: user.role, provinces: user.provinceIds };
  }
}
