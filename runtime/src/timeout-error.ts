/** The rejection of an operation that ran out of time. */
export class TimeoutError extends Error {
  constructor(message = 'Operation timed out', options?: ErrorOptions) {
    super(message, options);
    this.name = 'TimeoutError';
  }
}
