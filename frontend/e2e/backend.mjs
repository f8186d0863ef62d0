// Start the real backend for the journeys: fresh SQLite in a temp dir, migrations, demo data,
// one reminder run, `kerjasama serve` on a free port (it serves the built frontend/dist at /).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "..", "..");
const cli = join(repoRoot, ".venv", "bin", "kerjasama");

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function run(args, env) {
  const r = spawnSync(cli, args, { env, cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kerjasama ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** A demo user with an e-mail address (the demo users have none) and one reminder run whose e-mails
 * fail at once: nothing listens on `deadPort`, one try each. The notification bell then has unread
 * notifications and the delivery log has failed e-mails to retry. */
export const MAIL_USER = { username: "sekretariat.surel", fullName: "Staf Sekretariat (surel)", email: "sekretariat.surel@cimahikota.go.id" };

function seedReminders(env, deadPort) {
  run(
    ["users", "create", "--username", MAIL_USER.username, "--role", "secretariat", "--full-name", MAIL_USER.fullName, "--email", MAIL_USER.email],
    { ...env, KERJASAMA_PASSWORD: "cimahi-demo-2026" },
  );
  run(["remind"], {
    ...env,
    KERJASAMA_SMTP_HOST: "127.0.0.1",
    KERJASAMA_SMTP_PORT: String(deadPort),
    KERJASAMA_SMTP_SECURITY: "none",
    KERJASAMA_SMTP_TIMEOUT_SECONDS: "2",
    KERJASAMA_EMAIL_MAX_ATTEMPTS: "1",
  });
}

export async function startBackend() {
  if (!existsSync(cli)) throw new Error(`${cli} not found: run 'make install' first`);
  if (!existsSync(join(repoRoot, "frontend", "dist", "index.html"))) throw new Error("frontend/dist is missing: run 'npm run build' first");
  const dataDir = mkdtempSync(join(tmpdir(), "kerjasama-e2e-"));
  const port = await freePort();
  const env = {
    ...process.env,
    KERJASAMA_DATA_DIR: dataDir,
    KERJASAMA_PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // The journeys run `kerjasama remind` themselves (below); no second run 30 s into the journeys.
    KERJASAMA_REMINDERS_IN_PROCESS: "false",
  };
  delete env.KERJASAMA_DATABASE_URL;
  for (const k of Object.keys(env)) if (k.startsWith("KERJASAMA_SMTP_") || k === "KERJASAMA_EMAIL_MAX_ATTEMPTS") delete env[k];
  run(["db", "upgrade"], env);
  run(["seed-demo"], env);
  seedReminders(env, await freePort());
  const proc = spawn(cli, ["serve", "--host", "127.0.0.1", "--port", String(port)], {
    env,
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  proc.stdout.on("data", (d) => (log += d));
  proc.stderr.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (proc.exitCode === null) {
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) {
      stop();
      throw new Error(`backend exited early (${proc.exitCode}):\n${log}`);
    }
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`backend not ready after 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, stop, log: () => log };
}
