/**
 * Error classes. `NativeIoError` is handed to the addon at load time, so native code throws
 * real instances (see native/binding/errors.cpp).
 */

/** A bad value supplied by the user or a caller. `field` names the flag or spec field. */
export class SpecError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'SpecError';
    this.field = field;
  }
}

/**
 * A system call failed in the native core. `code` is portable and Node-style (`ECONNRESET` on
 * every platform); `osErrno`/`osCode` are the raw number and name (`10054`, `WSAECONNRESET`).
 */
export class NativeIoError extends Error {
  code: string;
  osErrno: number;
  osCode: string;
  syscall: string;
  model: string;
  constructor(message: string, code: string, osErrno: number, osCode: string, syscall: string, model: string) {
    super(message);
    this.name = 'NativeIoError';
    this.code = code;
    this.osErrno = osErrno;
    this.osCode = osCode;
    this.syscall = syscall;
    this.model = model;
  }
}

/** A requested model that this platform or kernel cannot run. Never silently replaced. */
export class ModelUnavailableError extends Error {
  readonly model: string;
  readonly reason: string;
  constructor(model: string, reason: string) {
    super(`model ${model} is unavailable here: ${reason}`);
    this.name = 'ModelUnavailableError';
    this.model = model;
    this.reason = reason;
  }
}
