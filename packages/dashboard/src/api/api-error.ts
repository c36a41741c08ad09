// An error answer from the gateway, kept with its HTTP status so pages can tell "not
// allowed" (401/403) apart from "broken" and say so.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 401 or 403: the key is wrong or its role may not see this. */
  get isDenied(): boolean {
    return this.status === 401 || this.status === 403;
  }
}
