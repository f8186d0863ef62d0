import type { Me } from "../api/client";
import type { Capability } from "../lib/capabilities";

/**
 * A signed-in user for unit tests. Capabilities are what the screens read; the role is only shown.
 * (The real lists come from the server's policy; e2e journeys sign in as the demo users.)
 */
export function testMe(capabilities: readonly Capability[] = [], overrides: Partial<Me> = {}): Me {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    username: "tester",
    full_name: "Tester",
    role: "viewer",
    opd_id: null,
    opd_name: null,
    home_region: "32.05",
    capabilities: [...capabilities],
    max_upload_mb: 20,
    ...overrides,
  };
}
