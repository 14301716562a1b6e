export { AuthModule } from './auth.module';
export { BearerAuthGuard, Roles, CurrentUser } from './auth.guard';
export { ROLES, type AuthUser, type Role } from './auth-user';
export { hashSecret, verifySecret } from './secret-hash';
export { RequestRateLimiter, type RateLimitOutcome } from './rate-limit';
export { UsersService } from './users.service';
