/** The conformity monkey's name: `monkeys.conformity` in simian.yaml, and its findings' `monkey`. */
export const CONFORMITY_MONKEY_NAME = 'conformity';
