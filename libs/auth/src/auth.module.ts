import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { UserEntity } from './entities/user.entity';
import { AuthController } from './auth.controller';
import { BearerAuthGuard } from './auth.guard';
import { LoginThrottle } from './login-throttle';
import { TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Administrators and coordinators: login, access tokens, roles. */
@Global()
@Module({
  imports: [JwtModule.register({}), TypeOrmModule.forFeature([UserEntity, AuthSessionEntity])],
  controllers: [AuthController],
  providers: [UsersRepository, UsersService, TokensService, BearerAuthGuard, LoginThrottle],
  exports: [TokensService, BearerAuthGuard, UsersService],
})
export class AuthModule {}
