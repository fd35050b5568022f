import { createDeliveriesView } from "./deliveries-view";
import { createDeliveryChart } from "./delivery-chart";
import { perMinute, type DeliveryRow } from "./delivery-stats";
import { byId } from "./dom";
import { GraphQLFailure, query } from "./graphql-client";
import { startHealthView } from "./health-view";
import { forgetKey, readKey, storeKey } from "./session-key";
import { subscribe, type StreamState } from "./sse-subscription";
import { createTimelineView, type TimelineEvent } from "./timeline-view";

const DELIVERY_FIELDS = "id event action repository status receivedAt processingMs";
const EVENT_FIELDS = "id type subjectId occurredAt";

function showState(id: string, state: StreamState, detail?: string) {
  const badge = byId(id);
  badge.textContent = detail ? `${state}: ${detail}` : state;
  badge.className = `badge badge-${state === "live" ? "ok" : state === "stopped" ? "bad" : "wait"}`;
}

function note(id: string, text: string) {
  const element = byId(id);
  element.textContent = text;
  element.hidden = false;
}

async function startDeliveries(key: string) {
  const view = createDeliveriesView(byId<HTMLTableSectionElement>("deliveries-body"));
  const chart = createDeliveryChart(byId("delivery-chart"));
  let pending = false;
  const redraw = () => {
    // At most one redraw per animation frame, however many updates arrive together.
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      chart.update(perMinute(view.rows.values(), Date.now()));
    });
  };
  // The stream first, then the list: a change between the two is then seen by the stream, never lost.
  subscribe<{ deliveries: { delivery: DeliveryRow } }>({
    key,
    query: `subscription { deliveries { cursor delivery { ${DELIVERY_FIELDS} } } }`,
    onNext: ({ deliveries }) => {
      view.upsert(deliveries.delivery, true);
      redraw();
    },
    onState: (state, detail) => showState("deliveries-state", state, detail),
  });
  try {
    const since = new Date(Date.now() - 30 * 60_000).toISOString();
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const data: { deliveries: { edges: { node: DeliveryRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await query(
        key,
        `query($after: String) { deliveries(first: 100, after: $after) { edges { node { ${DELIVERY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const { node } of data.deliveries.edges) view.upsert(node, false);
      const oldest = data.deliveries.edges.at(-1)?.node.receivedAt;
      if (!data.deliveries.pageInfo.hasNextPage || (oldest && oldest < since)) break;
      after = data.deliveries.pageInfo.endCursor;
    }
    redraw();
  } catch (error) {
    note("deliveries-note", error instanceof GraphQLFailure && error.code === "FORBIDDEN" ? "Deliveries need a key with github:admin." : String(error));
  }
  setInterval(redraw, 15_000);
}

async function startTimeline(key: string) {
  const view = createTimelineView(byId<HTMLOListElement>("timeline-list"));
  subscribe<{ timeline: { event: TimelineEvent } }>({
    key,
    query: `subscription { timeline { cursor event { ${EVENT_FIELDS} } } }`,
    onNext: ({ timeline }) => view.add(timeline.event),
    onState: (state, detail) => showState("timeline-state", state, detail),
  });
  try {
    const data = await query<{ timeline: { edges: { node: TimelineEvent }[] } }>(key, `{ timeline(first: 40) { edges { node { ${EVENT_FIELDS} } } } }`);
    for (const { node } of data.timeline.edges) view.add(node);
  } catch (error) {
    note("timeline-note", error instanceof GraphQLFailure && error.code === "FORBIDDEN" ? "Everyone's timeline needs a key with actors:admin." : String(error));
  }
}

async function signIn(key: string): Promise<boolean> {
  try {
    const { me } = await query<{ me: { displayName: string; capabilities: string[] } }>(key, "{ me { displayName capabilities } }");
    byId("who").textContent = `${me.displayName} · ${me.capabilities.join(", ")}`;
    return true;
  } catch (error) {
    note("sign-in-error", error instanceof GraphQLFailure ? error.message : "The gateway did not answer");
    return false;
  }
}

async function start(key: string) {
  if (!(await signIn(key))) {
    forgetKey();
    return;
  }
  byId("sign-in").hidden = true;
  byId("dashboard").hidden = false;
  startHealthView(byId("health"), byId("health-state"));
  void startDeliveries(key);
  void startTimeline(key);
}

byId<HTMLFormElement>("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>("key");
  const key = input.value.trim();
  input.value = "";
  if (!key) return;
  storeKey(key);
  void start(key);
});
byId("sign-out").addEventListener("click", () => {
  forgetKey();
  location.reload();
});

const saved = readKey();
if (saved) void start(saved);
