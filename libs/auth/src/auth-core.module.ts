import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { UserEntity } from './entities/user.entity';
import { UserDirectory } from './user-directory.service';
import { UsersRepository } from './users.repository';

/** The users' tables and the directory other libs read them through (no login, no boot work). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AuthSessionEntity])],
  providers: [UsersRepository, UserDirectory],
  exports: [UsersRepository, UserDirectory],
})
export class AuthCoreModule {}
