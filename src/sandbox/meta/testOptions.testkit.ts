import type { MetaPlatformOptions } from './platform';

/** Platform options shared by the tests, with the sandbox's well-known ids. */
export const APP_SECRET = 'test-app-secret';

export function testPlatformOptions(overrides: Partial<MetaPlatformOptions> = {}): MetaPlatformOptions {
  return {
    appSecret: APP_SECRET,
    verifyToken: 'verify-me',
    instagramAccountId: '17841400000000001',
    whatsappPhoneNumberId: '106540352242922',
    whatsappBusinessAccountId: '102290129340398',
    whatsappDisplayPhoneNumber: '15550783881',
    instagramAccessToken: 'ig-token',
    whatsappAccessToken: 'wa-token',
    ...overrides,
  };
}
