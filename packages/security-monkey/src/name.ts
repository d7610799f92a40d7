/** The security monkey's name: `monkeys.security` in simian.yaml, and its findings' `monkey`. */
export const SECURITY_MONKEY_NAME = 'security';
