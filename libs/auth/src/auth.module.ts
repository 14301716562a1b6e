import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { UnitsModule } from '@hocba/units';
import { AuthCoreModule } from './auth-core.module';
import { AuthController } from './auth.controller';
import { BearerAuthGuard } from './auth.guard';
import { LoginThrottle } from './login-throttle';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

/**
 * Administrators and coordinators: login, access tokens, roles. Every module whose controllers
 * take BearerAuthGuard imports it.
 */
@Module({
  imports: [JwtModule.register({}), AuthCoreModule, UnitsModule],
  controllers: [AuthController],
  providers: [UsersService, TokensService, BearerAuthGuard, LoginThrottle],
  exports: [TokensService, BearerAuthGuard, UsersService, AuthCoreModule],
})
export class AuthModule {}
