import { timeZoneLabel } from "#app/utils/time-zone.ts";

/**
 * The zones the server knows, grouped by region ("America", "Europe"…) so a long list stays
 * easy to scan with a keyboard. The list comes from the loader: a browser's own list can
 * differ from the server's, which must accept whatever is chosen.
 */
export function TimeZoneOptions({ zones }: { zones: readonly string[] }) {
  const groups = new Map<string, string[]>();
  for (const zone of zones) {
    const region = zone.includes("/") ? (zone.split("/")[0] ?? zone) : "";
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return (
    <>
      {[...groups.entries()].map(([region, members]) =>
        region ? (
          <optgroup key={region} label={region}>
            {members.map((zone) => (
              <option key={zone} value={zone}>
                {timeZoneLabel(zone)}
              </option>
            ))}
          </optgroup>
        ) : (
          members.map((zone) => (
            <option key={zone} value={zone}>
              {timeZoneLabel(zone)}
            </option>
          ))
        ),
      )}
    </>
  );
}
