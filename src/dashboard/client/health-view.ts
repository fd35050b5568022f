import { el } from "./dom";

interface Health {
  status: string;
  version: string;
  environment: string;
  database: { reachable: boolean; migrated: boolean; missingTables?: string[] };
  ecosystem: Record<string, string>;
  // Fields other parts of the gateway may add (queue, outbox) are shown as they come.
  [more: string]: unknown;
}

const REFRESH_MS = 10_000;

/** GET /health every ten seconds: the gateway, its database and the ChittyOS services; whatever else /health reports is listed as is. */
export function startHealthView(container: HTMLElement, badge: HTMLElement) {
  async function refresh() {
    try {
      const response = await fetch("/health");
      const health = (await response.json()) as Health;
      badge.textContent = health.status;
      badge.className = `badge badge-${health.status === "ok" ? "ok" : "bad"}`;
      const { status: _s, version, environment, database, ecosystem, ...more } = health;
      container.replaceChildren(
        el("dl", {},
          el("dt", {}, "gateway"), el("dd", {}, `${version} (${environment})`),
          el("dt", {}, "database"), el("dd", {}, database.reachable ? (database.migrated ? "reachable, migrated" : `missing ${database.missingTables?.join(", ")}`) : "unreachable"),
          ...Object.entries(ecosystem).flatMap(([service, mode]) => [el("dt", {}, service), el("dd", {}, mode)]),
          ...Object.entries(more).flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, typeof value === "string" ? value : JSON.stringify(value))]),
        ),
      );
    } catch {
      badge.textContent = "unreachable";
      badge.className = "badge badge-bad";
    }
  }
  void refresh();
  setInterval(refresh, REFRESH_MS);
}
