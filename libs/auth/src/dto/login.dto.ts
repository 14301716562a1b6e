import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'In any case.', example: 'c06-admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username: string;

  @ApiProperty({ minLength: 1, maxLength: 200, format: 'password', example: 'mat-khau-du-dai-12' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

/** An access token, as login and refresh give it. */
export class AccessTokenDto {
  @ApiProperty({
    description: 'A JWT to send as "Authorization: Bearer <token>".',
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  })
  accessToken: string;

  @ApiProperty({ type: 'integer', description: 'Seconds the token stays valid.', example: 1800 })
  expiresIn: number;
}
