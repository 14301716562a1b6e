export { Keyring, newKey } from './keyring';
export { PersonalDataKeys } from './personal-data.service';
export { PrivacyModule } from './privacy.module';
export { maskNationalId } from './mask';
