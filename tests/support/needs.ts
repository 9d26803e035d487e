// Tests that need a tool, a privilege or a kernel view this machine may lack (busybox, systemctl,
// root, visible kernel threads). On a developer's machine they are skipped where it is missing; under
// CI (the CI environment variable set, as .ci/run does) the suite installs everything they need, so
// a skip there would hide a test that silently stopped running: they run, and fail.

/** True under CI: skips are not allowed there. */
export const underCi = (): boolean => {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
};

/** For `it.runIf(needs(...))`: run when what the test needs is here, and always under CI. */
export function needs(available: boolean): boolean {
  return available || underCi();
}
