/** The simulators CLI's config as JSON, when it is not given a `--config` file. */
export function readSimulatorsConfigEnv(
  source: Record<string, string | undefined> = process.env,
): string | undefined {
  return source.TANDEM_SIMULATORS_CONFIG;
}
