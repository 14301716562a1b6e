import { Module } from '@nestjs/common';
import { PersonalDataKeys } from './personal-data.service';

/** The keyring personal data is sealed and hashed with (the program's learners use it). */
@Module({ providers: [PersonalDataKeys], exports: [PersonalDataKeys] })
export class PrivacyModule {}
