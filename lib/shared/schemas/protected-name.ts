/**
 * A process name on the protected list. They are compared as comms (15 bytes at most) inside a
 * double-quoted shell word, so no quoting or expansion character may appear.
 */
export const PROTECTED_NAME = /^[A-Za-z0-9 ._:+@()-]{1,15}$/;
