export { AuthModule } from './auth.module';
export { BearerAuthGuard, Roles, CurrentUser } from './auth.guard';
export { ROLES, type AuthUser, type Role } from './auth-user';
export { hashSecret, verifySecret } from './secret-hash';
export { RequestRateLimiter, type CredentialCheck, type RateLimitOutcome } from './rate-limit';
export { TokensService } from './tokens.service';
export { UsersService } from './users.service';
export { UserEntity } from './entities/user.entity';
export { AuthSessionEntity } from './entities/auth-session.entity';
