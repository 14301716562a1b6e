import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../auth-user';

export class CreateUserDto {
  @IsString()
  @Matches(/^[a-zA-Z0-9._@-]{3,64}$/, { message: 'username must be 3 to 64 letters, digits or . _ @ -' })
  username: string;

  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;

  @IsIn(ROLES)
  role: Role;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  provinces?: string[];
}

export class ResetPasswordDto {
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;
}
