// Exit statuses and the error that means "bad input or usage": printed without a stack.

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** Bad input or usage: the message says where and what; the CLI prints it and exits with status 2. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}
