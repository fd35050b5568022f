import { el, formatTime } from "./dom";
import type { DeliveryRow } from "./delivery-stats";

const MAX_ROWS = 50;

/** The recent-deliveries table: newest first, one row per delivery, updated in place as its status changes. */
export function createDeliveriesView(body: HTMLTableSectionElement) {
  const rows = new Map<string, DeliveryRow>();

  function render() {
    const newest = [...rows.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id)).slice(0, MAX_ROWS);
    body.replaceChildren(
      ...newest.map((d) =>
        el(
          "tr",
          { "data-delivery-id": d.id, "data-status": d.status },
          el("td", {}, formatTime(d.receivedAt)),
          el("td", {}, el("span", { class: `status status-${d.status}` }, d.status)),
          el("td", {}, d.action ? `${d.event}.${d.action}` : d.event),
          el("td", { class: "repo" }, d.repository ?? "–"),
          el("td", { class: "num" }, d.processingMs === null ? "–" : `${d.processingMs} ms`),
        ),
      ),
    );
  }

  return {
    rows,
    /** A change from the stream always wins; a row from the initial list only fills a gap. */
    upsert(delivery: DeliveryRow, fromStream: boolean) {
      if (fromStream || !rows.has(delivery.id)) rows.set(delivery.id, delivery);
      render();
    },
  };
}
