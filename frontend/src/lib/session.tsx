import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { mayHaveSession, refreshAccessToken, setAccessToken, setSessionExpiredHandler, type Me } from "../api/client";
import { loadMe, logout, requestToken } from "./auth-api";
import { clearQueries } from "./query-cache";

type Status = "loading" | "authenticated" | "anonymous";

type Session = {
  status: Status;
  me: Me | null;
  /** True when the session ended by itself (token expired), so sign-in can say so. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>("loading");
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let alive = true;
    // Silent sign-in on page load with the refresh cookie, where this browser signed in before (a
    // first visit asks nothing, so no 401 lands in the console).
    void (async () => {
      const ok = mayHaveSession() && (await refreshAccessToken());
      if (!alive) return;
      if (!ok) {
        setStatus("anonymous");
        return;
      }
      try {
        const user = await loadMe();
        if (!alive) return;
        setMe(user);
        setStatus("authenticated");
      } catch {
        if (alive) setStatus("anonymous");
      }
    })();
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    setSessionExpiredHandler(() => {
      setAccessToken(null);
      setMe(null);
      setExpired(true);
      setStatus("anonymous");
      clearQueries();
    });
    return () => setSessionExpiredHandler(null);
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      setAccessToken(await requestToken(username, password));
      const user = await loadMe();
      clearQueries();
      setMe(user);
      setExpired(false);
      setStatus("authenticated");
    },
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setAccessToken(null);
      setMe(null);
      setExpired(false);
      setStatus("anonymous");
      clearQueries();
    }
  }, []);

  const value = useMemo(() => ({ status, me, expired, signIn, signOut }), [status, me, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/** The signed-in user if any, also outside a SessionProvider (shared widgets rendered alone in tests). */
export function useOptionalMe(): Me | null {
  return useContext(SessionContext)?.me ?? null;
}

/** The signed-in user; only for screens behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error("useMe without a signed-in user");
  return me;
}
