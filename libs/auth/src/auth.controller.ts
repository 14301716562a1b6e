import { Body, Controller, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BearerAuthGuard, Roles } from './auth.guard';
import { CreateUserDto } from './dto/create-user.dto';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle, TooManyLoginsError } from './login-throttle';
import { UsersService } from './users.service';

@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** 401 on a wrong username or password; 429 with Retry-After after too many failures (a user's or an address's). */
  @Post('auth/login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ accessToken: string }> {
    try {
      await this.throttle.check(body.username, request.ip);
      const token = await this.users.login(body.username, body.password);
      await this.throttle.succeeded(body.username, request.ip);
      return token;
    } catch (error) {
      if (error instanceof TooManyLoginsError) reply.header('retry-after', String(error.retryAfter));
      else if (error instanceof UnauthorizedException) await this.throttle.failed(body.username, request.ip);
      throw error;
    }
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
