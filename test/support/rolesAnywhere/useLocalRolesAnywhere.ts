import { clearSessionCredentialCache } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere, type LocalRolesAnywhereOptions } from "./localRolesAnywhere.js";

/**
 * Runs a local Roles Anywhere endpoint for the enclosing describe, with the
 * process-wide credential cache cleared before and after, so no other test's
 * sessions are reused. The returned object is usable once the hooks have run.
 */
export function useLocalRolesAnywhere(options: LocalRolesAnywhereOptions): LocalRolesAnywhere {
  let endpoint: LocalRolesAnywhere | undefined;
  before(async () => {
    clearSessionCredentialCache();
    endpoint = await startLocalRolesAnywhere(options);
  });
  after(async () => {
    await endpoint?.close();
    clearSessionCredentialCache();
  });
  const started = (): LocalRolesAnywhere => {
    if (endpoint === undefined) throw new Error("the local Roles Anywhere endpoint is not started yet");
    return endpoint;
  };
  return {
    get url() {
      return started().url;
    },
    get settings() {
      return started().settings;
    },
    get createSessionCalls() {
      return started().createSessionCalls;
    },
    get sessions() {
      return started().sessions;
    },
    failNext: (rejection, times) => started().failNext(rejection, times),
    close: () => started().close(),
  };
}
