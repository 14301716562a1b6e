import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

const USERNAME = /^[a-zA-Z0-9._@-]{3,64}$/;

export class CreateUserDto {
  @ApiProperty({ pattern: USERNAME.source, example: 'dieu-phoi-hanoi' })
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3 to 64 letters, digits or . _ @ -' })
  username: string;

  @ApiProperty({ minLength: 12, maxLength: 200, format: 'password', example: 'mat-khau-dai-du-12' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES, example: 'coordinator' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    description: "A coordinator's provinces or central agencies: names (any known spelling) or codes.",
    example: ['Hà Nội'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  provinces?: string[];
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 12, maxLength: 200, format: 'password', example: 'mat-khau-moi-du-dai-12' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;
}

/** A user as the administration lists them (never their password). */
export class UserDto {
  @ApiProperty({ format: 'uuid', example: '0b9e7f6a-2c4d-4e8f-9a1b-3c5d7e9f1a2b' })
  id: string;

  @ApiProperty({ example: 'dieu-phoi-hanoi' })
  username: string;

  @ApiProperty({ enum: ROLES, example: 'coordinator' })
  role: Role;

  @ApiProperty({
    type: [String],
    description: 'The ids of the units a coordinator works for; empty for national roles.',
    example: ['current:ha-noi'],
  })
  provinces: string[];
}

export class UserListingDto extends UserDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disabledAt: string | null;
}
