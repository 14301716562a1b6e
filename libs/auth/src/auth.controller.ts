import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user';
import { BearerAuthGuard, CurrentUser, Roles } from './auth.guard';
import { TokensService } from './tokens.service';
import { CreateUserDto, ResetPasswordDto, UserDto, UserListingDto } from './dto/create-user.dto';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { UsersService } from './users.service';
import { AuthError } from './auth.errors';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokensService,
  ) {}

  /**
   * 401 on a wrong username or password (the username in any case); 429 with Retry-After after too
   * many failures from the caller's address; a username under attack answers slower (LoginThrottle).
   */
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password.' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failures from this address: Retry-After says when to try again.',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    try {
      await this.throttle.admit(body.username, request.ip);
      const token = await this.users.login(body.username, body.password);
      await this.throttle.succeeded(body.username, request.ip);
      return token;
    } catch (error) {
      if (error instanceof AuthError && error.code === 'auth.invalid_credentials')
        await this.throttle.failed(body.username, request.ip);
      throw error;
    }
  }

  /** A fresh 30-minute token in the same session, while the session lasts (10 hours from login). */
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: AccessTokenDto })
  @UseGuards(BearerAuthGuard)
  refresh(@CurrentUser() user: AuthUser): Promise<{ accessToken: string; expiresIn: number }> {
    return this.tokens.refresh(user);
  }

  /** Ends the session: its tokens are refused from now on, on every instance. */
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session has ended.' })
  @UseGuards(BearerAuthGuard)
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.tokens.revoke(user);
  }

  @Post('users')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: UserDto })
  @UseGuards(BearerAuthGuard)
  @Roles('national-admin')
  async create(
    @Body() body: CreateUserDto,
    @CurrentUser() by: AuthUser,
  ): Promise<{ id: string; username: string; role: string; provinces: string[] }> {
    const user = await this.users.create(body, by);
    return { id: user.id, username: user.username, role: user.role, provinces: user.provinceIds };
  }

  @Get('users')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [UserListingDto] })
  @UseGuards(BearerAuthGuard)
  @Roles('national-admin')
  async list(): Promise<
    { id: string; username: string; role: string; provinces: string[]; disabledAt: string | null }[]
  > {
    return (await this.users.list()).map((u) => ({
      id: u.id,
      username: u.username,
      role: u.role,
      provinces: u.provinceIds,
      disabledAt: u.disabledAt,
    }));
  }

  /** Disables a user: their sessions end at once; audited. */
  @Post('users/:id/disable')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Disabled; their sessions have ended.' })
  @UseGuards(BearerAuthGuard)
  @Roles('national-admin')
  async disable(@Param('id') id: string, @CurrentUser() by: AuthUser): Promise<void> {
    await this.users.disable(id, by);
  }

  /** Sets a user's new password (they forgot theirs): their sessions end at once; audited. */
  @Post('users/:id/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Changed; their sessions have ended.' })
  @UseGuards(BearerAuthGuard)
  @Roles('national-admin')
  async resetPassword(
    @Param('id') id: string,
    @Body() body: ResetPasswordDto,
    @CurrentUser() by: AuthUser,
  ): Promise<void> {
    await this.users.resetPassword(id, body.password, by);
  }
}
