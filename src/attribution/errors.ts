/** A bad model name, parameter or input: names the field at fault and why (HTTP 400, CLI exit 2). */
export class AttributionInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'AttributionInputError';
  }
}
