import { Global, Module } from '@nestjs/common';
import { PersonalDataKeys } from './personal-data.service';

@Global()
@Module({ providers: [PersonalDataKeys], exports: [PersonalDataKeys] })
export class PrivacyModule {}
