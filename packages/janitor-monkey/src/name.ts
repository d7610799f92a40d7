/** The janitor monkey's name: its section under `monkeys:` and its actions' `monkey`. */
export const JANITOR_MONKEY_NAME = 'janitor';
